/**
 * Options: which sites are annotated (built-in switches with the site access the browser really
 * grants, RD Web addresses with their optional host permission and a registered content script),
 * default port and timeout, clipboard on open, and clearing the history of checked servers.
 * Settings go to storage.sync; the history is kept by the background.
 */
import '../lib/theme.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from '../lib/browser.js';
import { releaseOrigin, requestOrigin, type SyncReport, syncCustomScripts } from '../lib/custom-sites.js';
import { clearHistory, loadHistory } from '../lib/history.js';
import { t } from '../lib/i18n.js';
import {
  BUILT_IN_SITES,
  loadSettings,
  MAX_PORT,
  MAX_TIMEOUT_MS,
  MIN_PORT,
  MIN_TIMEOUT_MS,
  parseCustomOrigin,
  type Settings,
  type SettingsChange,
  saveSettings,
} from '../lib/settings.js';
import { AvdWorkspaceSection } from './AvdWorkspace.js';
import { BuiltInAccess, CustomState, usePermissionChanges } from './SiteAccess.js';

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

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [historyCount, setHistoryCount] = useState(0);
  const [origin, setOrigin] = useState('');
  const [originError, setOriginError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [report, setReport] = useState<SyncReport | null>(null);
  const permissions = usePermissionChanges();

  useEffect(() => {
    loadSettings(browser.storage.sync).then(setSettings);
    loadHistory(browser.storage.local).then((h) => setHistoryCount(h.length));
  }, []);

  // What is really in force for the RD Web addresses: registered, waiting for access, or refused.
  useEffect(() => {
    if (settings) syncCustomScripts(settings).then(setReport);
  }, [settings, permissions]);

  const save = async (change: SettingsChange) => {
    const next = await saveSettings(browser.storage.sync, change);
    setSettings(next);
    setSaved(t('optSaved'));
    return next;
  };

  if (!settings) return <main />;

  const addOrigin = async (e: Event) => {
    e.preventDefault();
    const parsed = parseCustomOrigin(origin);
    if (!parsed.ok) {
      setOriginError(t(parsed.code));
      return;
    }
    // The permission prompt must come straight from the click.
    if (!(await requestOrigin(parsed.origin))) {
      setOriginError(t('optCustomDenied'));
      return;
    }
    setOriginError(null);
    setOrigin('');
    await save({ customOrigins: [...settings.customOrigins, parsed.origin] });
  };

  const removeOrigin = async (o: string) => {
    await save({ customOrigins: settings.customOrigins.filter((x) => x !== o) });
    await releaseOrigin(o);
  };

  const toggleClipboard = async (on: boolean) => {
    if (on) {
      const granted = await browser.permissions.request({ permissions: ['clipboardRead'] }).catch(() => false);
      if (!granted) return;
    }
    await save({ readClipboardOnOpen: on });
  };

  return (
    <main class="full">
      <h1>{t('optionsTitle')}</h1>
      <section aria-labelledby="sites-h">
        <h2 id="sites-h">{t('optSitesHeading')}</h2>
        <p class="meta">{t('optSitesHelp')}</p>
        {BUILT_IN_SITES.map((s) => (
          <div class="row" key={s.id}>
            <input
              type="checkbox"
              id={`site-${s.id}`}
              data-testid={`site-${s.id}`}
              checked={settings.sites[s.id]}
              onChange={(e) => save({ sites: { [s.id]: (e.currentTarget as HTMLInputElement).checked } })}
            />
            <label for={`site-${s.id}`} style="font-weight:normal">
              {t(s.labelKey)}
            </label>
          </div>
        ))}
        {BUILT_IN_SITES.map((s) => (
          <BuiltInAccess key={s.id} id={s.id} matches={s.matches} version={permissions} />
        ))}
        <h3 style="margin-top:12px">{t('optCustomHeading')}</h3>
        <form class="row" onSubmit={addOrigin}>
          <label for="custom-origin" class="sr-only">
            {t('optCustomLabel')}
          </label>
          <input
            id="custom-origin"
            class="grow"
            type="text"
            data-testid="custom-origin"
            placeholder="https://rdweb.contoso.com"
            value={origin}
            aria-invalid={originError ? 'true' : undefined}
            aria-describedby={originError ? 'custom-origin-err' : 'custom-origin-help'}
            onInput={(e) => setOrigin((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" data-testid="custom-add">
            {t('optCustomAdd')}
          </button>
        </form>
        <p id="custom-origin-help" class="meta">
          {t('optCustomHelp')}
        </p>
        {originError ? (
          <p id="custom-origin-err" class="error" role="alert" data-testid="custom-origin-error">
            {originError}
          </p>
        ) : null}
        {settings.customOrigins.length === 0 ? (
          <p class="muted">{t('optCustomNone')}</p>
        ) : (
          <ul data-testid="custom-origins">
            {settings.customOrigins.map((o) => (
              <li key={o} data-origin={o}>
                <code>{o}</code>{' '}
                <CustomState
                  origin={o}
                  report={report}
                  onAllow={() => {
                    requestOrigin(o).then(() => syncCustomScripts(settings).then(setReport));
                  }}
                />{' '}
                <button type="button" class="secondary" onClick={() => removeOrigin(o)}>
                  {t('optCustomRemove', o)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
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
      <AvdWorkspaceSection onSaved={() => setSaved(t('optSaved'))} />
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('optHistoryHeading')}</h2>
        <div class="row">
          <p class="grow" data-testid="history-count">
            {t('optHistoryCount', String(historyCount))}
          </p>
          <button
            type="button"
            class="secondary"
            data-testid="history-clear"
            onClick={async () => {
              await clearHistory(browser.storage.local);
              setHistoryCount(0);
            }}
          >
            {t('optHistoryClear')}
          </button>
        </div>
      </section>
      <p role="status" class="meta" data-testid="saved">
        {saved}
      </p>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
