/**
 * The popup's reading worker: reads the pasted text and the page's text off the page's thread, each
 * once per version, and derives from those readings the events, the Azure Virtual Desktop queries and the
 * diagnosis. Requests that arrive while it works are folded into the newest; between steps it looks for a
 * newer request and starts again from what is still to do. (A new text while it reads an old one: the
 * popup ends this worker and starts another; a reading in progress cannot be interrupted any other way.)
 */
import { avdOf, diagnoseRead, type ReadText, readText } from './engine.js';
import type { ReadAnswer, ReadRequest, ReadStep, TextSlot } from './reader-protocol.js';

interface Slot {
  version: number;
  text: string;
  read: ReadText | null;
}

const scope = self as unknown as {
  postMessage(a: ReadAnswer): void;
  onmessage: ((e: MessageEvent<ReadRequest>) => void) | null;
};
const pasted: Slot = { version: -1, text: '', read: null };
const page: Slot = { version: -1, text: '', read: null };
let avdDone = '';
let diagnosisDone = '';
let pending: ReadRequest | null = null;
let running = false;

function take(slot: Slot, given: TextSlot): void {
  if (given.version === slot.version) return;
  slot.version = given.version;
  slot.text = given.text ?? '';
  slot.read = null;
}

const post = (a: ReadAnswer) => scope.postMessage(a);
const step = (seq: number, s: ReadStep, characters: number) => post({ kind: 'step', seq, step: s, characters });
/** Lets requests that arrived meanwhile in (they replace `pending`). */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function readSlot(slot: Slot, assumeRdp: boolean): ReadText | null {
  slot.read ??= slot.text.trim() ? readText(slot.text, assumeRdp) : null;
  return slot.read;
}

/** One step of what `r` still needs, or false when everything it needs is done. */
function next(r: ReadRequest): boolean {
  if (pasted.read === null && pasted.text.trim()) {
    step(r.seq, 'codes', pasted.text.length);
    post({ kind: 'events', version: pasted.version, events: readSlot(pasted, true)?.events ?? [] });
    return true;
  }
  const avdKey = `${pasted.version}/${r.workspaceVersion}`;
  if (avdDone !== avdKey) {
    if (pasted.read === null) post({ kind: 'events', version: pasted.version, events: [] });
    else step(r.seq, 'avd', pasted.text.length);
    const read = pasted.read;
    if (read)
      post({
        kind: 'avd',
        version: pasted.version,
        workspaceVersion: r.workspaceVersion,
        avd: avdOf(read, r.workspace),
      });
    avdDone = avdKey;
    return true;
  }
  if (page.read === null && page.text.trim()) {
    step(r.seq, 'page', page.text.length);
    post({ kind: 'page', version: page.version, events: readSlot(page, false)?.events ?? [] });
    return true;
  }
  const diagnosisKey = `${pasted.version}/${page.version}/${r.checksVersion}`;
  if (diagnosisDone !== diagnosisKey) {
    step(r.seq, 'fixes', pasted.text.length + page.text.length);
    const diagnosis = diagnoseRead(pasted.read, page.read, r.results, r.target, r.versions);
    post({
      kind: 'diagnosis',
      pastedVersion: pasted.version,
      pageVersion: page.version,
      checksVersion: r.checksVersion,
      diagnosis,
    });
    diagnosisDone = diagnosisKey;
    return true;
  }
  return false;
}

async function run(): Promise<void> {
  running = true;
  let r: ReadRequest | null = null;
  try {
    while (pending) {
      r = pending;
      pending = null;
      while (pending === null && next(r)) await breathe();
      if (pending === null) post({ kind: 'idle', seq: r.seq });
    }
  } catch (e) {
    post({ kind: 'failed', seq: r?.seq ?? -1, message: e instanceof Error ? e.message : String(e) });
  } finally {
    running = false;
  }
}

scope.onmessage = (e) => {
  const r = e.data;
  take(pasted, r.pasted);
  take(page, r.page);
  pending = r;
  if (!running) void run();
};
