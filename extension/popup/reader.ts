/**
 * The popup's side of its reading worker. Each text gets a version when it changes (at once, while
 * typing, before any debounce), and an answer counts only for the version it names: while a new text is
 * read, what was found in the previous one is never shown as current. A new text while the worker still
 * reads an older one ends that worker (the old reading is of no use) and starts a fresh one.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AvdWorkspace } from '../../shared/avd/index.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import type { AvdView, DiagnosisView, EventView } from './model.js';
import type { ReadAnswer, ReadRequest, ReadStep } from './reader-protocol.js';

/** Delay between the last keystroke and reading, in milliseconds. */
export const EXPLAIN_DEBOUNCE_MS = 150;

export interface ReadingInputs {
  pasted: string;
  page: string;
  results: readonly CheckResult[];
  target: string | null;
  versions: Record<string, string>;
  workspace: AvdWorkspace;
}

/** What the popup may show now: each part only when it belongs to the current inputs. */
export interface Reading {
  /** Events of the current pasted text; null while it is being read. */
  events: EventView[] | null;
  /** Events of the current page text; null while it is being read. */
  pageEvents: EventView[] | null;
  avd: AvdView | null;
  /**
   * Diagnosis of the current texts; null while a text it depends on is being read. When only the check
   * results changed since, it is the last one, with `diagnosisUpdating` true.
   */
  diagnosis: DiagnosisView | null;
  diagnosisUpdating: boolean;
  /** What the worker is doing now (null when idle). */
  step: { step: ReadStep; characters: number } | null;
  /** Why reading failed, when it did. */
  error: string | null;
}

/** A number that changes whenever one of `values` does (by identity; strings by content). */
function useVersion(...values: unknown[]): number {
  const ref = useRef({ values, version: 0 });
  const prev = ref.current.values;
  if (values.length !== prev.length || values.some((v, i) => v !== prev[i])) {
    ref.current = { values, version: ref.current.version + 1 };
  }
  return ref.current.version;
}

interface Received {
  events?: { version: number; events: EventView[] };
  page?: { version: number; events: EventView[] };
  avd?: { version: number; workspaceVersion: number; avd: AvdView };
  diagnosis?: { pastedVersion: number; pageVersion: number; checksVersion: number; diagnosis: DiagnosisView };
  step?: { seq: number; step: ReadStep; characters: number } | null;
  error?: string | null;
}

/** One worker at a time; replaced when a new text arrives while it reads. */
class Reader {
  private worker: Worker | null = null;
  private sentPasted = -1;
  private sentPage = -1;
  private lastSeq = 0;
  private doneSeq = 0;
  constructor(private readonly onAnswer: (a: ReadAnswer) => void) {}

  private busy(): boolean {
    return this.worker !== null && this.doneSeq < this.lastSeq;
  }

  /** Ends a reading of texts other than these versions (its answers would be of no use). */
  cancelUnless(pastedVersion: number, pageVersion: number): void {
    if (this.busy() && (pastedVersion !== this.sentPasted || pageVersion !== this.sentPage)) this.stop();
  }

  send(r: Omit<ReadRequest, 'seq' | 'pasted' | 'page'>, pasted: string, pv: number, page: string, gv: number): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('./reader.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<ReadAnswer>) => {
        const a = e.data;
        if (a.kind === 'idle' || a.kind === 'failed') this.doneSeq = Math.max(this.doneSeq, a.seq);
        this.onAnswer(a);
      };
      this.worker.onerror = (e) => this.onAnswer({ kind: 'failed', seq: this.lastSeq, message: e.message });
      this.sentPasted = -1;
      this.sentPage = -1;
    }
    this.lastSeq += 1;
    const request: ReadRequest = {
      ...r,
      seq: this.lastSeq,
      pasted: pv === this.sentPasted ? { version: pv } : { version: pv, text: pasted },
      page: gv === this.sentPage ? { version: gv } : { version: gv, text: page },
    };
    this.sentPasted = pv;
    this.sentPage = gv;
    this.worker.postMessage(request);
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.doneSeq = this.lastSeq;
  }
}

/**
 * Reads the inputs in the worker: at once the first time, then a moment after they stop changing (typing).
 * Returns only what belongs to the current inputs.
 */
export function useReading(inputs: ReadingInputs): Reading {
  const pv = useVersion(inputs.pasted);
  const gv = useVersion(inputs.page);
  const checksVersion = useVersion(inputs.results, inputs.target, JSON.stringify(inputs.versions));
  const workspaceVersion = useVersion(inputs.workspace);
  const [got, setGot] = useState<Received>({});
  const reader = useRef<Reader | null>(null);
  reader.current ??= new Reader((a) => setGot((g) => received(g, a)));
  const sentOnce = useRef(false);
  const latest = useRef(inputs);
  latest.current = inputs;

  useEffect(() => () => reader.current?.stop(), []);
  // A new text: a reading of the old one is cancelled at once, not after the debounce.
  useEffect(() => reader.current?.cancelUnless(pv, gv), [pv, gv]);
  useEffect(() => {
    const send = () => {
      const i = latest.current;
      sentOnce.current = true;
      reader.current?.send(
        {
          results: i.results,
          checksVersion,
          target: i.target,
          versions: i.versions,
          workspace: i.workspace,
          workspaceVersion,
        },
        i.pasted,
        pv,
        i.page,
        gv,
      );
    };
    const timer = setTimeout(send, sentOnce.current ? EXPLAIN_DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [pv, gv, checksVersion, workspaceVersion]);

  const diag = got.diagnosis;
  const diagnosisCurrent = diag !== undefined && diag.pastedVersion === pv && diag.pageVersion === gv;
  return {
    events: got.events?.version === pv ? got.events.events : null,
    pageEvents: got.page?.version === gv ? got.page.events : null,
    avd: got.avd?.version === pv && got.avd.workspaceVersion === workspaceVersion ? got.avd.avd : null,
    diagnosis: diagnosisCurrent ? diag.diagnosis : null,
    diagnosisUpdating: diagnosisCurrent && diag.checksVersion !== checksVersion && !got.error,
    step: got.step ? { step: got.step.step, characters: got.step.characters } : null,
    error: got.error ?? null,
  };
}

function received(g: Received, a: ReadAnswer): Received {
  switch (a.kind) {
    case 'step':
      return { ...g, step: a, error: null };
    case 'events':
      return { ...g, events: a };
    case 'page':
      return { ...g, page: a };
    case 'avd':
      return { ...g, avd: a };
    case 'diagnosis':
      return { ...g, diagnosis: a };
    case 'idle':
      return g.step && g.step.seq <= a.seq ? { ...g, step: null } : g;
    case 'failed':
      return { ...g, step: null, error: a.message };
  }
}
