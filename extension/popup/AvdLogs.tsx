/**
 * Azure Virtual Desktop: for each Activity ID in the pasted text, who owns the fix and the two ready
 * queries (KQL and Azure CLI, a portal link when the workspace is set in Options), each with a copy
 * button. Nothing is run or sent: the person runs the query in their own workspace and may paste the
 * WVDErrors rows back.
 */
import type { AvdActivity, AvdQuery } from '../../shared/avd/index.js';
import browser from '../lib/browser.js';
import { t } from '../lib/i18n.js';
import { CopyButton } from './CopyButton.js';
import type { AvdView } from './model.js';

function Query({ q, n, activity }: { q: AvdQuery; n: string; activity: number }) {
  const id = `avd-${activity}-${n}`;
  return (
    <div data-testid={`avd-query-${n}`}>
      <h4 id={id}>{q.title}</h4>
      <details>
        <summary>{t('avdShowQuery')}</summary>
        <pre data-testid="avd-kql">{q.kql}</pre>
      </details>
      <div class="row">
        <CopyButton
          text={q.kql}
          label={t('avdCopyKqlLabel', q.title)}
          visible={t('avdCopyKql')}
          testId={`avd-copy-kql-${n}`}
        />
        <CopyButton
          text={q.azCli}
          label={t('avdCopyCliLabel', q.title)}
          visible={t('avdCopyCli')}
          testId={`avd-copy-cli-${n}`}
        />
        {q.portalUrl ? (
          <a href={q.portalUrl} target="_blank" rel="noreferrer noopener" data-testid={`avd-portal-${n}`}>
            {t('avdOpenPortal')}
          </a>
        ) : null}
      </div>
    </div>
  );
}

function Activity({ a, i, fixTitles }: { a: AvdActivity; i: number; fixTitles: AvdView['fixTitles'] }) {
  return (
    <div class="item" data-testid="avd-activity" data-activity-id={a.activityId}>
      <p>
        <strong>{t('avdActivity', a.activityId)}</strong>
        {a.timestamp ? <span class="meta"> · {t('avdTime', a.timestamp.iso ?? a.timestamp.raw)}</span> : null}
      </p>
      <p data-testid="avd-owner" data-owner={a.owner.owner} data-basis={a.owner.basis}>
        <strong>{t('avdOwner')}:</strong> {a.owner.sentence}
      </p>
      {a.supportCase ? (
        <div data-testid="avd-support-case">
          <p>
            <strong>{t('avdSupportCase')}</strong>
          </p>
          <ol>
            {a.supportCase.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </div>
      ) : null}
      {a.owner.basis === 'service-error' && a.ranking.fixes.length > 0 ? (
        <div data-testid="avd-owner-fixes">
          <p>
            <strong>{t(a.supportCase ? 'avdOwnerFixesAfter' : 'avdOwnerFixes')}</strong>
          </p>
          <ol>
            {a.ranking.fixes.slice(0, 3).map((f) => (
              <li key={f} data-fix={f}>
                {fixTitles[f] ?? f}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <Query q={a.correlation} n="correlation" activity={i} />
      <Query q={a.scope} n="scope" activity={i} />
    </div>
  );
}

/** The activities of the current pasted text (`avd` is null while it is being read). */
export function AvdLogs({ avd }: { avd: AvdView | null }) {
  const report = avd?.report;
  if (!avd || !report || report.activities.length === 0) return null;
  return (
    <section aria-labelledby="avd-h" data-testid="avd-logs">
      <h2 id="avd-h">{t('avdHeading')}</h2>
      {report.activities.slice(0, 5).map((a, i) => (
        <Activity key={a.activityId} a={a} i={i} fixTitles={avd.fixTitles} />
      ))}
      {!report.workspaceComplete ? (
        <p class="meta" data-testid="avd-no-workspace">
          {t('avdNoWorkspace')}{' '}
          <button type="button" class="secondary" onClick={() => browser.runtime.openOptionsPage()}>
            {t('avdOpenOptions')}
          </button>
        </p>
      ) : null}
      {report.rows === null ? <p class="meta">{t('avdPasteBack')}</p> : null}
    </section>
  );
}
