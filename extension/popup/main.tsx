/**
 * The popup, and the same page as a full tab view (`index.html?view=full&text=…`, opened by the
 * context menu). Explaining works without the helper; checks need it.
 */
import '../lib/theme.css';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CheckResult } from '../../shared/protocol/results.js';
import { loadAvdWorkspace, type StoredAvdWorkspace, toAvdWorkspace } from '../lib/avd-workspace.js';
import browser from '../lib/browser.js';
import { ask } from '../lib/client.js';
import { t } from '../lib/i18n.js';
import type { HelperStatusView } from '../lib/messages.js';
import { defaultSettings, loadSettings, type Settings, saveSettings } from '../lib/settings.js';
import { AvdLogs } from './AvdLogs.js';
import { CheckServer } from './CheckServer.js';
import { clipboardAllowed, readClipboard, requestClipboard } from './clipboard.js';
import { EventList, PasteBox, type ReadingProgress } from './Explain.js';
import { Fixes, FixesUpdating } from './Fixes.js';
import { fullViewHref, takeHandedOff } from './handoff.js';
import { MAX_EXPLAIN_CHARS } from './limits.js';
import type { DiagnosisView, EventView } from './model.js';
import { type PageText, readActiveTabText } from './page-text.js';
import { useReading } from './reader.js';
import { TestClient } from './TestClient.js';

const params = new URLSearchParams(location.search);
const FULL = params.get('view') === 'full';
const INITIAL_TEXT = (params.get('text') ?? '').slice(0, MAX_EXPLAIN_CHARS);
const SOURCE_TAB = Number.parseInt(params.get('tab') ?? '', 10);
const HANDOFF = params.get('handoff');

function HelperLine({ status }: { status: HelperStatusView | null }) {
  if (!status)
    return (
      <p data-testid="helper-status" class="meta">
        {t('helperChecking')}
      </p>
    );
  if (status.connected)
    return (
      <p data-testid="helper-status" data-connected="true" class="meta">
        {t('helperConnected', [status.hostVersion])}
      </p>
    );
  return (
    <p data-testid="helper-status" data-connected="false" data-code={status.code} class="meta">
      {t('helperMissing')} — {t('helperSeeBelow')}
    </p>
  );
}

function PageCodes(props: { page: PageText | null; events: EventView[] | null; progress: ReadingProgress }) {
  const { page, events } = props;
  if (!page || !events || events.length === 0) return null;
  return (
    <section aria-labelledby="page-h" data-testid="page-codes">
      <h2 id="page-h">{t('pageCodesHeading')}</h2>
      <p class="meta">{page.title}</p>
      <EventList events={events} text={page.text} testId="page-events" progress={props.progress} />
    </section>
  );
}

/**
 * "Open full view": the text is handed over when the link is followed, not encoded on every render (a
 * 2 MB paste would be encoded again at each keystroke); a long one through `handoff.ts`.
 */
function FullViewLink({ text, tabId }: { text: string; tabId: number | null }) {
  return (
    <a
      href="index.html?view=full"
      target="_blank"
      rel="noreferrer"
      data-testid="open-full"
      onClick={(e) => {
        e.preventDefault();
        void fullViewHref(text, tabId).then((href) =>
          browser.tabs.create({ url: new URL(href, location.href).toString() }),
        );
      }}
    >
      {t('openFullView')}
    </a>
  );
}

/** The fixes of the current texts; while a text they depend on is read, a line saying so instead. */
function FixesPlace(props: { diagnosis: DiagnosisView | null; updating: boolean; running: boolean; waiting: boolean }) {
  if (props.diagnosis)
    return <Fixes diagnosis={props.diagnosis} provisional={props.running} updating={props.updating} />;
  return props.waiting ? <FixesUpdating /> : null;
}

/** The popup's texts and check results read in its worker (see reader.ts), with the remembered AVD workspace. */
function usePopupReading(
  text: string,
  page: PageText | null,
  results: CheckResult[],
  target: string | null,
  helper: HelperStatusView | null,
) {
  const [workspace, setWorkspace] = useState<StoredAvdWorkspace>({ workspaceId: null, workspaceResourceId: null });
  useEffect(() => {
    loadAvdWorkspace(browser.storage.local).then(setWorkspace);
  }, []);
  const avdWorkspace = useMemo(() => toAvdWorkspace(workspace), [workspace]);
  const versions = useMemo(() => {
    const v: Record<string, string> = { extension: browser.runtime.getManifest().version };
    if (helper?.connected) v.helper = helper.hostVersion;
    return v;
  }, [helper]);
  const pageText = page?.text ?? '';
  const reading = useReading({ pasted: text, page: pageText, results, target, versions, workspace: avdWorkspace });
  const progress: ReadingProgress = { step: reading.step, error: reading.error };
  // Something the fixes will be about is being read (their place says so instead of showing old ones).
  // A reading that failed says so in its own line; the fixes then do not claim to be updating.
  const waiting = !reading.diagnosis && !reading.error && (text.trim() !== '' || results.length > 0);
  return { reading, progress, waiting };
}

function App() {
  const [text, setText] = useState(INITIAL_TEXT);
  const [helper, setHelper] = useState<HelperStatusView | null>(null);
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  const [clipboard, setClipboard] = useState<'unavailable' | 'ask' | 'granted'>('unavailable');
  const [page, setPage] = useState<PageText | null>(null);
  const [results, setResults] = useState<CheckResult[]>([]);
  const [target, setTarget] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const { reading, progress, waiting } = usePopupReading(text, page, results, target, helper);
  const diagnosis = reading.diagnosis;

  useEffect(() => {
    ask('helper-status', {}).then(
      (s) => setHelper(s),
      (e: unknown) =>
        setHelper({
          connected: false,
          code: 'internal',
          message: String(e),
          guidance: { title: t('helperMissing'), explanation: String(e) },
        }),
    );
    loadSettings(browser.storage.sync).then(async (s) => {
      setSettings(s);
      const allowed = await clipboardAllowed();
      setClipboard(allowed && s.readClipboardOnOpen ? 'granted' : 'ask');
      if (allowed && s.readClipboardOnOpen && !INITIAL_TEXT && !HANDOFF) {
        const clip = await readClipboard();
        if (clip) setText((cur) => cur || clip);
      }
    });
    if (HANDOFF) {
      takeHandedOff(HANDOFF).then((handed) => {
        if (handed) setText(handed);
      });
    }
    if (!FULL || Number.isInteger(SOURCE_TAB)) {
      readActiveTabText(Number.isInteger(SOURCE_TAB) ? SOURCE_TAB : undefined).then(setPage);
    }
  }, []);

  const allowClipboard = async () => {
    if (!(await requestClipboard())) return;
    setSettings(await saveSettings(browser.storage.sync, { readClipboardOnOpen: true }));
    setClipboard('granted');
    const clip = await readClipboard();
    if (clip) setText(clip);
  };

  // Once checks run, the verdict and the first fix head the page; the explanation and the check rows follow.
  const verdictFirst = results.length > 0 || running;
  useEffect(() => {
    if (results.length > 0) window.scrollTo(0, 0);
  }, [results]);

  return (
    <main class={FULL ? 'full' : ''}>
      <div class="row">
        <h1 class="grow">{t('extName')}</h1>
        {!FULL ? <FullViewLink text={text} tabId={page ? page.tabId : null} /> : null}
      </div>
      <HelperLine status={helper} />
      {verdictFirst ? (
        <FixesPlace diagnosis={diagnosis} updating={reading.diagnosisUpdating} running={running} waiting={waiting} />
      ) : null}
      <div class="grid">
        <div>
          <PasteBox
            text={text}
            onText={setText}
            events={reading.events}
            progress={progress}
            clipboard={clipboard}
            onAllowClipboard={allowClipboard}
          />
          <AvdLogs avd={reading.avd} />
          <PageCodes page={page} events={reading.pageEvents} progress={progress} />
        </div>
        <div>
          <CheckServer
            helper={helper}
            settings={settings}
            results={results}
            onResults={(r, tg) => {
              setResults(r);
              setTarget(tg);
            }}
            onRunning={setRunning}
          />
          {verdictFirst ? null : (
            <FixesPlace
              diagnosis={diagnosis}
              updating={reading.diagnosisUpdating}
              running={running}
              waiting={waiting}
            />
          )}
          <TestClient helper={helper} />
        </div>
      </div>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
// First render is synchronous: this mark is what bench/popup.ts reports as first-render time.
performance.mark('rdp-doctor-first-render');
