import { t } from '../lib/i18n.js';
import { CopyButton } from './CopyButton.js';
import type { DiagnosisView, FixView } from './model.js';

/** Fixes shown at once; the rest sit behind a disclosure. */
const SHOWN_FIXES = 3;

function FixCard({ fix, rank }: { fix: FixView; rank: number }) {
  const titleId = `fix-${fix.id}`;
  return (
    <li class="card" data-testid="fix" data-fix={fix.id} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {rank}. {fix.title}
      </h3>
      <p class="meta" data-testid="fix-why">
        {t('fixWhy')}: {fix.why}
      </p>
      <p class="meta">
        {t('fixWhere')}: {t(`where_${fix.where}`)} · {t('fixRisk')}: {t(`risk_${fix.risk}`)}
        {fix.reversible ? ` · ${t('fixReversible')}` : ''}
      </p>
      <details open={rank === 1}>
        <summary>{t('fixStepsSummary', [String(fix.steps.length), String(fix.commands.length)])}</summary>
        {fix.commands.map((c) => (
          <div key={c.command}>
            <p class="meta">
              {t('runOn')}: {t(`runOn_${c.runOn}`)} ({c.shell}){c.note ? ` — ${c.note}` : ''}
            </p>
            <div class="command">
              <pre>{c.command}</pre>
              <CopyButton text={c.command} label={`${t('copyCommand')}: ${fix.title}`} />
            </div>
          </div>
        ))}
        <ol>
          {fix.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </details>
    </li>
  );
}

/** The heading row (with Copy report) and, while the fixes are ranked again, a line saying so. */
function FixesHeading({ diagnosis, updating }: { diagnosis: DiagnosisView; updating: boolean }) {
  return (
    <>
      <div class="row">
        <h2 id="fixes-h" class="grow">
          {t('fixesHeading')}
        </h2>
        {diagnosis.report ? (
          <CopyButton text={diagnosis.report} label={t('copyReport')} visible={t('copyReport')} testId="copy-report" />
        ) : null}
      </div>
      {updating ? (
        <p class="muted" role="status" data-testid="diagnosis-updating">
          {t('diagnosisUpdating')}
        </p>
      ) : null}
    </>
  );
}

/** In the fixes' place while the text they would be about is read: the previous text's fixes are not shown. */
export function FixesUpdating() {
  return (
    <section aria-labelledby="fixes-h" data-testid="fixes-section" data-state="reading" aria-busy="true">
      <h2 id="fixes-h">{t('fixesHeading')}</h2>
      <p class="muted" role="status" data-testid="fixes-updating">
        {t('fixesUpdating')}
      </p>
    </section>
  );
}

interface FixesProps {
  diagnosis: DiagnosisView;
  provisional?: boolean;
  updating?: boolean;
}

/**
 * The ranked fixes. `provisional`: checks are still running; `updating`: ranked before the latest check
 * results and being ranked again (the texts are the current ones).
 */
export function Fixes({ diagnosis, provisional = false, updating = false }: FixesProps) {
  if (diagnosis.fixes.length === 0 && diagnosis.report === '') return null;
  return (
    <section
      aria-labelledby="fixes-h"
      data-testid="fixes-section"
      data-state={updating ? 'updating' : 'current'}
      aria-busy={updating}
    >
      <FixesHeading diagnosis={diagnosis} updating={updating} />
      {diagnosis.verdict ? (
        <p data-testid="verdict" data-provisional={provisional ? 'true' : 'false'}>
          <strong>{t('verdictHeading')}:</strong> {diagnosis.verdict}
          {provisional ? <span class="muted"> — {t('provisional')}</span> : null}
        </p>
      ) : null}
      {diagnosis.fixes.length === 0 ? (
        <p class="muted" data-testid="no-fix">
          {t('noFixRanked')}
        </p>
      ) : (
        <ol class="fixes" data-testid="fixes">
          {diagnosis.fixes.slice(0, SHOWN_FIXES).map((f, i) => (
            <FixCard key={f.id} fix={f} rank={i + 1} />
          ))}
        </ol>
      )}
      {diagnosis.fixes.length > SHOWN_FIXES ? (
        <details>
          <summary>{t('moreFixes', String(diagnosis.fixes.length - SHOWN_FIXES))}</summary>
          <ol class="fixes" start={SHOWN_FIXES + 1}>
            {diagnosis.fixes.slice(SHOWN_FIXES).map((f, i) => (
              <FixCard key={f.id} fix={f} rank={SHOWN_FIXES + i + 1} />
            ))}
          </ol>
        </details>
      ) : null}
      {/* Why, after what to do: the causes and their evidence. */}
      {diagnosis.causes.length > 0 ? (
        <div class="card" data-testid="causes">
          <h3>{t('causesHeading')}</h3>
          <ul>
            {diagnosis.causes.map((c) => (
              <li key={c.id} data-testid="cause" data-cause={c.id} data-level={c.level}>
                <strong>{t(`level_${c.level}`)}</strong>: {c.title}
                {c.evidence.length > 0 ? <span class="meta"> — {c.evidence.join('; ')}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
