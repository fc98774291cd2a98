/**
 * Options: which sites are annotated — the built-in switches with the site access the browser really
 * grants, and the RD Web addresses the person adds (each an optional host permission plus a registered
 * content script, see lib/custom-sites.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { releaseOrigin, requestOrigin, type SyncReport, syncCustomScripts } from '../lib/custom-sites.js';
import { t } from '../lib/i18n.js';
import { BUILT_IN_SITES, parseCustomOrigin, type Settings, type SettingsChange } from '../lib/settings.js';
import { BuiltInAccess, CustomState } from './SiteAccess.js';

export interface SectionProps {
  settings: Settings;
  save(change: SettingsChange): Promise<Settings>;
}

function BuiltInSwitches({ settings, save, permissions }: SectionProps & { permissions: number }) {
  return (
    <>
      {BUILT_IN_SITES.map((s) => (
        <div key={s.id}>
          <div class="row">
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
          <BuiltInAccess id={s.id} matches={s.matches} version={permissions} />
        </div>
      ))}
    </>
  );
}

/** The address box: refuses what is not an RD Web address before any permission prompt, inline. */
function AddOrigin({ settings, save }: SectionProps) {
  const [origin, setOrigin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async (e: Event) => {
    e.preventDefault();
    const parsed = parseCustomOrigin(origin);
    if (!parsed.ok) {
      setError(t(parsed.code));
      return;
    }
    // The permission prompt must come straight from the click.
    if (!(await requestOrigin(parsed.origin))) {
      setError(t('optCustomDenied'));
      return;
    }
    setError(null);
    setOrigin('');
    await save({ customOrigins: [...settings.customOrigins, parsed.origin] });
  };
  return (
    <>
      <form class="row" onSubmit={add}>
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
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'custom-origin-err' : 'custom-origin-help'}
          onInput={(e) => setOrigin((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" data-testid="custom-add">
          {t('optCustomAdd')}
        </button>
      </form>
      <p id="custom-origin-help" class="meta">
        {t('optCustomHelp')}
      </p>
      {error ? (
        <p id="custom-origin-err" class="error" role="alert" data-testid="custom-origin-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** The addresses added, each with what is really in force for it. */
function OriginList({ settings, save, permissions }: SectionProps & { permissions: number }) {
  const [report, setReport] = useState<SyncReport | null>(null);
  // What is really in force for the RD Web addresses: registered, waiting for access, or refused.
  useEffect(() => {
    syncCustomScripts(settings).then(setReport);
  }, [settings, permissions]);
  if (settings.customOrigins.length === 0) return <p class="muted">{t('optCustomNone')}</p>;
  const remove = async (o: string) => {
    await save({ customOrigins: settings.customOrigins.filter((x) => x !== o) });
    await releaseOrigin(o);
  };
  return (
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
          <button type="button" class="secondary" onClick={() => remove(o)}>
            {t('optCustomRemove', o)}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function SitesSection(props: SectionProps & { permissions: number }) {
  return (
    <section aria-labelledby="sites-h">
      <h2 id="sites-h">{t('optSitesHeading')}</h2>
      <p class="meta">{t('optSitesHelp')}</p>
      <BuiltInSwitches {...props} />
      <h3 style="margin-top:12px">{t('optCustomHeading')}</h3>
      <AddOrigin {...props} />
      <OriginList {...props} />
    </section>
  );
}
