/**
 * Options: which sites are annotated (built-in switches with the site access the browser really
 * grants, RD Web addresses with their optional host permission and a registered content script),
 * default port and timeout, clipboard on open, and the servers checked before (one removable at a time).
 * Settings go to storage.sync; the history is kept by the background.
 */
import '../lib/theme.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from '../lib/browser.js';
import { t } from '../lib/i18n.js';
import {
  loadSettings,
  MAX_PORT,
  MAX_TIMEOUT_MS,
  MIN_PORT,
  MIN_TIMEOUT_MS,
  type Settings,
  type SettingsChange,
  saveSettings,
} from '../lib/settings.js';
import { AvdWorkspaceSection } from './AvdWorkspace.js';
import { HistorySection } from './History.js';
import { usePermissionChanges } from './SiteAccess.js';
import { type SectionProps, SitesSection } from './Sites.js';

function NumberField(props: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  invalidText: string;
  onSave(v: number): void;
}) {
  const [text, setText] = useState(String(props.value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setText(String(props.value)), [props.value]);
  const commit = () => {
    const n = Number(text);
    const ok = /^\d+$/.test(text.trim()) && n >= props.min && n <= props.max;
    setInvalid(!ok);
    if (ok && n !== props.value) props.onSave(n);
  };
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        data-testid={props.id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        value={text}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${props.id}-err` : undefined}
        onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        onChange={commit}
        onBlur={commit}
      />
      {invalid ? (
        <p id={`${props.id}-err`} class="error" role="alert">
          {props.invalidText}
        </p>
      ) : null}
    </div>
  );
}

function ChecksSection({ settings, save }: SectionProps) {
  const toggleClipboard = async (on: boolean) => {
    if (on) {
      const granted = await browser.permissions.request({ permissions: ['clipboardRead'] }).catch(() => false);
      if (!granted) return;
    }
    await save({ readClipboardOnOpen: on });
  };
  return (
    <section aria-labelledby="checks-h">
      <h2 id="checks-h">{t('optChecksHeading')}</h2>
      <div class="row">
        <div class="grow">
          <NumberField
            id="default-port"
            label={t('optDefaultPort')}
            value={settings.defaultPort}
            min={MIN_PORT}
            max={MAX_PORT}
            invalidText={t('optPortInvalid')}
            onSave={(v) => save({ defaultPort: v })}
          />
        </div>
        <div class="grow">
          <NumberField
            id="timeout"
            label={t('optTimeout')}
            value={settings.timeoutMs}
            min={MIN_TIMEOUT_MS}
            max={MAX_TIMEOUT_MS}
            invalidText={t('optTimeoutInvalid', [String(MIN_TIMEOUT_MS), String(MAX_TIMEOUT_MS)])}
            onSave={(v) => save({ timeoutMs: v })}
          />
        </div>
      </div>
      <div class="row">
        <input
          type="checkbox"
          id="clipboard-on-open"
          data-testid="clipboard-on-open"
          checked={settings.readClipboardOnOpen}
          aria-describedby="clipboard-help"
          onChange={(e) => toggleClipboard((e.currentTarget as HTMLInputElement).checked)}
        />
        <label for="clipboard-on-open" style="font-weight:normal">
          {t('optClipboard')}
        </label>
      </div>
      <p id="clipboard-help" class="meta">
        {t('optClipboardHelp')}
      </p>
    </section>
  );
}

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState('');
  const permissions = usePermissionChanges();
  useEffect(() => {
    loadSettings(browser.storage.sync).then(setSettings);
  }, []);
  const save = async (change: SettingsChange) => {
    const next = await saveSettings(browser.storage.sync, change);
    setSettings(next);
    setSaved(t('optSaved'));
    return next;
  };
  if (!settings) return <main />;
  return (
    <main class="full">
      <h1>{t('optionsTitle')}</h1>
      <SitesSection settings={settings} save={save} permissions={permissions} />
      <ChecksSection settings={settings} save={save} />
      <AvdWorkspaceSection onSaved={() => setSaved(t('optSaved'))} />
      <HistorySection />
      <p role="status" class="meta" data-testid="saved">
        {saved}
      </p>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
