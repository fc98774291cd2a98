import { useEffect, useRef, useState } from 'preact/hooks';
import { checkSpec } from '../../shared/protocol/checks.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { parseTarget } from '../../shared/protocol/target.js';
import { openChecks } from '../lib/client.js';
import { loadHistory } from '../lib/history.js';
import { t } from '../lib/i18n.js';
import type { HelperGuidance, HelperStatusView } from '../lib/messages.js';
import { withHost } from '../lib/recent-hosts.js';
import type { Settings } from '../lib/settings.js';
import { CopyButton } from './CopyButton.js';

export type RunState =
  | { phase: 'idle' }
  | { phase: 'running'; total?: number }
  | { phase: 'done'; durationMs: number }
  | { phase: 'failed'; message: string; guidance?: HelperGuidance };

export function Guidance({ guidance, testId }: { guidance: HelperGuidance; testId: string }) {
  return (
    <div class="card" data-testid={testId} role="alert">
      <h3>{guidance.title}</h3>
      <p>{guidance.explanation}</p>
      {guidance.command ? (
        <>
          <p class="meta">{t('guidanceRunThis')}</p>
          <div class="command">
            <pre data-testid="guidance-command">{guidance.command}</pre>
            <CopyButton text={guidance.command} label={t('copyCommand')} />
          </div>
        </>
      ) : null}
      {guidance.diagnose ? (
        <>
          <p class="meta">{t('guidanceDiagnose')}</p>
          <div class="command">
            <pre data-testid="guidance-diagnose">{guidance.diagnose}</pre>
            <CopyButton text={guidance.diagnose} label={t('copyCommand')} />
          </div>
        </>
      ) : null}
      {guidance.profile ? (
        <details data-testid="guidance-profile">
          <summary>{t('guidanceOwnProfile')}</summary>
          <p class="meta">{guidance.profile.howToFind}</p>
          <div class="command">
            <pre data-testid="guidance-profile-command">{guidance.profile.command}</pre>
            <CopyButton text={guidance.profile.command} label={t('copyCommand')} />
          </div>
        </details>
      ) : null}
    </div>
  );
}

const STATUS_ORDER: Record<CheckResult['status'], number> = { fail: 0, error: 1, warn: 2, pass: 3, skipped: 4 };

/**
 * Failing checks first, passing ones after; checks that only run on another platform (skipped here)
 * fold into one line. Raw command output never reaches the page: a check says what it found.
 */
function ordered(results: readonly CheckResult[]): { shown: CheckResult[]; folded: string[] } {
  const platformOnly = (r: CheckResult) => r.status === 'skipped' && (checkSpec(r.checkId)?.platforms.length ?? 3) < 3;
  const shown = results.filter((r) => !platformOnly(r)).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return { shown, folded: results.filter(platformOnly).map((r) => checkSpec(r.checkId)?.title ?? r.checkId) };
}

function CheckRow({ r }: { r: CheckResult }) {
  return (
    <li data-testid="check-result" data-check={r.checkId} data-status={r.status}>
      <span class={`status status-${r.status}`}>{t(`status_${r.status}`)}</span> <strong>{r.checkId}</strong> —{' '}
      {r.summary}
      {r.findings.length > 0 ? (
        <ul>
          {r.findings.map((f) => (
            <li key={f.id} data-testid="finding" data-finding={f.id} class={`finding-${f.severity}`}>
              {f.summary}
            </li>
          ))}
        </ul>
      ) : null}
      {r.reason && !r.summary.includes(r.reason) && r.status !== 'error' ? <p class="meta">{r.reason}</p> : null}
    </li>
  );
}

/**
 * The suggestions once `typed` is checked: it first. The background keeps the list itself (run-checks
 * `remember`, with how the run ends); the form follows at once.
 */
const suggestionsWith = (list: readonly string[], typed: string): string[] =>
  withHost(
    list.map((host) => ({ host })),
    typed,
  ).map((e) => e.host);

export function CheckServer(props: {
  helper: HelperStatusView | null;
  settings: Settings;
  results: CheckResult[];
  onResults(results: CheckResult[], target: string | null): void;
  /** Told when a run starts and ends (the ranking is provisional in between). */
  onRunning?(running: boolean): void;
}) {
  const [input, setInput] = useState('');
  const [recent, setRecent] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<RunState>({ phase: 'idle' });
  const cancelRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    loadHistory().then((list) => {
      setRecent(list);
      // Start from the server checked last; the list offers the others.
      if (list[0]) setInput((cur) => cur || list[0]!);
    });
    return () => cancelRef.current?.();
  }, []);

  const run = (e: Event) => {
    e.preventDefault();
    // The person typed this (or picked it from the servers they checked before).
    const parsed = parseTarget(input, props.settings.defaultPort, { allowRestricted: true });
    if (!parsed.ok) {
      setError(parsed.message);
      // The last server's results must not stay under an error about another input.
      cancelRef.current?.();
      props.onResults([], '');
      setState({ phase: 'idle' });
      props.onRunning?.(false);
      return;
    }
    setError(null);
    cancelRef.current?.();
    const target = parsed.target;
    const collected: CheckResult[] = [];
    props.onResults([], target.display);
    setState({ phase: 'running' });
    props.onRunning?.(true);
    const typed = input.trim();
    setRecent((cur) => suggestionsWith(cur, typed));
    cancelRef.current = openChecks(
      {
        type: 'run-checks',
        host: target.host,
        port: target.port,
        timeoutMs: props.settings.timeoutMs,
        typedByUser: true,
        remember: typed,
      },
      (ev) => {
        if (ev.type === 'started') setState({ phase: 'running' });
        else if (ev.type === 'progress') {
          collected.push(ev.result);
          props.onResults([...collected], target.display);
          setState({ phase: 'running', total: ev.total });
        } else if (ev.type === 'done') {
          setState({ phase: 'done', durationMs: ev.durationMs });
          props.onRunning?.(false);
        } else {
          setState({ phase: 'failed', message: ev.message, guidance: ev.guidance });
          props.onRunning?.(false);
        }
      },
    );
  };

  const helper = props.helper;
  const running = state.phase === 'running';
  return (
    <section aria-labelledby="check-h" data-testid="check-section">
      <h2 id="check-h">{t('checkHeading')}</h2>
      {helper && !helper.connected && !(state.phase === 'failed' && state.guidance) ? (
        <Guidance guidance={helper.guidance} testId="helper-guidance" />
      ) : null}
      <form class="row" onSubmit={run}>
        <label class="sr-only" for="host-input">
          {t('hostLabel')}
        </label>
        <input
          id="host-input"
          class="grow"
          type="text"
          list="recent-hosts"
          autocomplete="off"
          spellcheck={false}
          placeholder={t('hostPlaceholder', String(props.settings.defaultPort))}
          aria-describedby={error ? 'host-error' : undefined}
          aria-invalid={error ? 'true' : undefined}
          value={input}
          onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)}
          data-testid="host-input"
        />
        <datalist id="recent-hosts">
          {recent.map((h) => (
            <option key={h} value={h} />
          ))}
        </datalist>
        <button type="submit" disabled={running} data-testid="run-checks">
          {running ? t('running') : t('runChecks')}
        </button>
      </form>
      <p class="meta">{t('hostHelp')}</p>
      {error ? (
        <p id="host-error" class="error" role="alert" data-testid="host-error">
          {error}
        </p>
      ) : null}
      <div aria-live="polite" data-testid="check-state" data-phase={state.phase}>
        {running ? (
          <p class="status-running">
            {t('checksProgress', [String(props.results.length), state.total ? String(state.total) : '…'])}
          </p>
        ) : null}
        {state.phase === 'done' ? <p class="meta">{t('checksDone', String(props.results.length))}</p> : null}
      </div>
      {state.phase === 'failed' ? (
        state.guidance ? (
          <Guidance guidance={{ ...state.guidance, explanation: state.message }} testId="check-failed" />
        ) : (
          <p class="error" role="alert" data-testid="check-failed">
            {state.message}
          </p>
        )
      ) : null}
      {props.results.length > 0 ? (
        <ul class="checks" data-testid="check-results">
          {ordered(props.results).shown.map((r) => (
            <CheckRow key={r.checkId} r={r} />
          ))}
          {ordered(props.results).folded.length > 0 ? (
            <li data-testid="checks-not-here" class="meta">
              {t('checksNotHere', ordered(props.results).folded.join(', '))}
            </li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}
