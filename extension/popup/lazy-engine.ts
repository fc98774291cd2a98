/**
 * The engine (detector, catalogue, fix library, diagnosis: most of the popup's code) as a separate chunk,
 * loaded after the popup's first paint: the page shows at once and reads the text a moment later.
 */
import { useEffect, useState } from 'preact/hooks';

export type Engine = typeof import('./engine.js');

let loaded: Engine | null = null;
let loading: Promise<Engine> | null = null;

export function loadEngine(): Promise<Engine> {
  loading ??= import('./engine.js').then((m) => {
    loaded = m;
    return m;
  });
  return loading;
}

/** The engine once loaded (null before: effects run after paint, so the load starts after the first one). */
export function useEngine(): Engine | null {
  const [engine, setEngine] = useState<Engine | null>(loaded);
  useEffect(() => {
    if (!engine) void loadEngine().then(setEngine);
  }, [engine]);
  return engine;
}
