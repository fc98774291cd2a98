/**
 * Bounded-concurrency runner over a lazy source: pulls the next item only when a slot is free,
 * so memory stays flat however long the source is. Results are delivered as they complete.
 */
export async function runPool<T, R>(
  source: AsyncIterable<T>,
  concurrency: number,
  work: (item: T, signal: AbortSignal) => Promise<R>,
  onResult: (result: R, item: T) => void,
  signal: AbortSignal,
): Promise<{ started: number; finished: number; aborted: boolean }> {
  const it = source[Symbol.asyncIterator]();
  let started = 0;
  let finished = 0;
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
        finished += 1;
        onResult(result, r.value);
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
  return { started, finished, aborted: signal.aborted };
}
