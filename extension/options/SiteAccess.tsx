/**
 * The truth about site access, as the browser has it now: a built-in site the person switched off in
 * the browser's add-on settings is shown as withheld (marking has stopped there), with a button that
 * asks for it again; each RD Web address shows whether its content script is in force, waiting for
 * access, or refused by the browser (in the browser's own words).
 */
import { useEffect, useState } from 'preact/hooks';
import browser from '../lib/browser.js';
import { hasPatterns, requestPatterns, type SyncReport } from '../lib/custom-sites.js';
import { t } from '../lib/i18n.js';

/** Re-renders when the browser grants or withdraws a permission (about:addons, the extensions menu). */
export function usePermissionChanges(): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const bump = () => setN((x) => x + 1);
    browser.permissions.onAdded.addListener(bump);
    browser.permissions.onRemoved.addListener(bump);
    return () => {
      browser.permissions.onAdded.removeListener(bump);
      browser.permissions.onRemoved.removeListener(bump);
    };
  }, []);
  return n;
}

/** Access line under a built-in site's switch: nothing while granted; withheld + a button otherwise. */
export function BuiltInAccess(props: { id: string; matches: readonly string[]; version: number }) {
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    hasPatterns(props.matches).then(setGranted);
  }, [props.matches, props.version]);
  if (granted !== false) return null;
  return (
    <p class="row error" data-testid={`site-access-${props.id}`} data-granted="false">
      <span class="grow">{t('optSiteWithheld')}</span>
      <button
        type="button"
        data-testid={`site-allow-${props.id}`}
        onClick={() => {
          // Straight from the click: the browser shows its prompt only for a user action.
          requestPatterns([...props.matches]).then(() => hasPatterns(props.matches).then(setGranted));
        }}
      >
        {t('optSiteAllow')}
      </button>
    </p>
  );
}

/** State of one RD Web address after the last sync. */
export function CustomState(props: { origin: string; report: SyncReport | null; onAllow(): void }) {
  const { origin, report } = props;
  if (!report) return null;
  if (report.active.includes(origin)) {
    return (
      <span class="meta" data-testid="custom-state" data-state="active">
        {t('optCustomActive')}
      </span>
    );
  }
  if (report.withheld.includes(origin)) {
    return (
      <span class="error" data-testid="custom-state" data-state="withheld">
        {t('optCustomWithheld')}{' '}
        <button type="button" data-testid="custom-allow" onClick={props.onAllow}>
          {t('optSiteAllow')}
        </button>
      </span>
    );
  }
  return (
    <span class="error" role="alert" data-testid="custom-state" data-state="failed">
      {t('optCustomFailed', report.error ?? '')}
    </span>
  );
}
