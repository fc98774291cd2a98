/**
 * No import cycle between folders: every folder of `shared/`, `extension/` and `native-host/`
 * depends on others in one direction only, so each can be read (and moved) after what it uses.
 * A cycle is named with one import per edge that closes it.
 */
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/browser.js';
import { folderCycles, folderGraph, importsOf, sourceFiles } from './imports.js';

function describeCycle(graph: ReturnType<typeof folderGraph>, cycle: readonly string[]): string {
  const edges = cycle.flatMap((a) =>
    [...(graph.get(a) ?? [])].filter(([b]) => cycle.includes(b)).map(([b, why]) => `  ${a} → ${b}  (${why})`),
  );
  return `${cycle.join(' ↔ ')}\n${edges.join('\n')}`;
}

describe('folder imports', () => {
  const files = sourceFiles(ROOT);
  const graph = folderGraph(files);

  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get('native-host/commands')?.has('shared/protocol')).toBe(true);
  });

  it('has no cycle between folders', () => {
    const cycles = folderCycles(graph);
    const named = cycles.map((c) => describeCycle(graph, c)).join('\n\n');
    expect(
      cycles.map((c) => c.join(' ↔ ')),
      named,
    ).toEqual([]);
  });
});

describe('the cycle finder', () => {
  it('names a cycle of two and of three folders, and not a one-way chain', () => {
    const g = (edges: [string, string][]) => {
      const m = new Map<string, Map<string, string>>();
      for (const [a, b] of edges) {
        if (!m.has(a)) m.set(a, new Map());
        if (!m.has(b)) m.set(b, new Map());
        m.get(a)!.set(b, `${a}/x.ts → ${b}/y.ts`);
      }
      return m;
    };
    expect(
      folderCycles(
        g([
          ['a', 'b'],
          ['b', 'c'],
        ]),
      ),
    ).toEqual([]);
    expect(
      folderCycles(
        g([
          ['a', 'b'],
          ['b', 'a'],
          ['c', 'a'],
        ]),
      ),
    ).toEqual([['a', 'b']]);
    expect(
      folderCycles(
        g([
          ['x', 'y'],
          ['y', 'z'],
          ['z', 'x'],
          ['z', 'w'],
        ]),
      ),
    ).toEqual([['x', 'y', 'z']]);
  });

  it('reads static imports, re-exports and type imports, not lazy ones, packages or comments', () => {
    const text = [
      "import { a } from '../lib/a.js';",
      "import type { B } from './b.js';",
      'import {',
      '  c,',
      "} from '../../shared/protocol/c.js';",
      "export { d } from './sub/d.js';",
      "export * from './e.js';",
      "import './side-effect.js';",
      "import { h } from 'preact';",
      "const lazy = () => import('../commands/lazy.js');",
      "// import { x } from './commented.js';",
      "/* import { y } from './also-commented.js'; */",
    ].join('\n');
    expect(importsOf('extension/popup/main.tsx', text)).toEqual([
      'extension/lib/a.ts',
      'extension/popup/b.ts',
      'shared/protocol/c.ts',
      'extension/popup/sub/d.ts',
      'extension/popup/e.ts',
      'extension/popup/side-effect.ts',
    ]);
  });
});

describe('native-host folders point one way', () => {
  // commands → engines → checks → probe → rdp; exec (commands, platform) is used by checks and engines.
  const LAYERS = [
    'native-host/commands',
    'native-host/engines',
    'native-host/checks',
    'native-host/probe',
    'native-host/rdp',
  ];
  const graph = folderGraph(sourceFiles(ROOT));

  it.each(LAYERS.map((l, i) => [l, LAYERS.slice(0, i)] as const))('%s imports no folder above it', (folder, above) => {
    const up = [...(graph.get(folder) ?? [])].filter(([to]) => above.includes(to)).map(([, why]) => why);
    expect(up).toEqual([]);
  });

  it('no folder imports the entry points (main.ts, cli.ts, sea-entry.ts at the top of native-host/)', () => {
    const into = [...graph].flatMap(([from, edges]) =>
      from === 'native-host' ? [] : [...edges].filter(([to]) => to === 'native-host').map(([, why]) => why),
    );
    expect(into).toEqual([]);
  });

  it('native-host/exec imports no other folder of native-host', () => {
    const out = [...(graph.get('native-host/exec') ?? [])]
      .filter(([to]) => to.startsWith('native-host'))
      .map(([, why]) => why);
    expect(out).toEqual([]);
  });
});
