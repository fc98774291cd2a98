/**
 * Bounded-concurrency runner over a lazy source: pulls the next item only when a slot is free,
 * so memory stays flat however long the source is. Results are delivered as they complete, and a
 * slot is free again only once `onResult` has settled: a slow consumer (e.g. a pipe that is read
 * slowly) holds the pool back instead of letting finished results pile up.
 *
 * Work that ends after the caller's signal aborted is not delivered: its result would be partial.
 * It is counted in `discarded`.
 */
export async function runPool<T, R>(
  source: AsyncIterable<T>,
  concurrency: number,
  work: (item: T, signal: AbortSignal) => Promise<R>,
  onResult: (result: R, item: T) => void | Promise<void>,
  signal: AbortSignal,
): Promise<{ started: number; finished: number; discarded: number; aborted: boolean }> {
  const it = source[Symbol.asyncIterator]();
  let started = 0;
  let finished = 0;
  let discarded = 0;
  let exhausted = false;
  let pulling: Promise<void> | undefined;

  const next = async (): Promise<IteratorResult<T> | undefined> => {
    // Serialise pulls: async generators must not be advanced concurrently.
    while (pulling) await pulling;
    if (exhausted || signal.aborted) return undefined;
    let release!: () => void;
    pulling = new Promise<void>((r) => {
      release = r;
    });
    try {
      const r = await it.next();
      if (r.done) exhausted = true;
      return r;
    } finally {
      pulling = undefined;
      release();
    }
  };

  // One listener on the caller's signal fans out to a controller per item, so thousands of
  // items never pile listeners onto one AbortSignal.
  const inFlight = new Set<AbortController>();
  const abortAll = () => {
    for (const c of inFlight) c.abort(signal.reason);
  };
  signal.addEventListener('abort', abortAll, { once: true });

  const lane = async (): Promise<void> => {
    for (;;) {
      const r = await next();
      if (!r || r.done) return;
      started += 1;
      const controller = new AbortController();
      inFlight.add(controller);
      if (signal.aborted) controller.abort(signal.reason);
      try {
        const result = await work(r.value, controller.signal);
        if (signal.aborted) {
          discarded += 1;
          continue;
        }
        finished += 1;
        await onResult(result, r.value);
      } finally {
        inFlight.delete(controller);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  } finally {
    signal.removeEventListener('abort', abortAll);
  }
  if (signal.aborted && !exhausted) await it.return?.(undefined);
  return { started, finished, discarded, aborted: signal.aborted };
}
