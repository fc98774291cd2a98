/**
 * Code stays readable in one screen: in `shared/`, `extension/` and `native-host/` no top-level
 * function (or top-level arrow function) runs longer than {@link MAX_LINES} lines — a longer one is
 * several ideas, and is split into the steps, sections or fields it is made of.
 *
 * {@link ALLOWED} names the functions still longer, each with the length it may not grow past and why
 * it stands. An entry is taken off as soon as its function is split (the test says so), so the list
 * only shrinks.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './imports.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const MAX_LINES = 60;

const DECODER = 'a wire decoder reading one message field by field in the order its specification lays out';
const COMPONENT = 'a UI component whose body is mostly the markup it renders, still to be cut into parts';

/** `path#function` → the most lines it may have, and why it is not split yet. */
const ALLOWED: Readonly<Record<string, { lines: number; why: string }>> = {
  'extension/content/card-view.ts#showRdpCard': { lines: 185, why: COMPONENT },
  'extension/popup/CheckServer.tsx#CheckServer': { lines: 145, why: COMPONENT },
  'extension/popup/main.tsx#App': { lines: 107, why: COMPONENT },
  'extension/popup/TestClient.tsx#TestClient': { lines: 67, why: COMPONENT },
  'native-host/commands/scan.ts#runScan': { lines: 142, why: 'a command run, still to be cut into its phases' },
  'native-host/commands/host.ts#makeHostCommand': { lines: 136, why: 'the `host` subcommands, one case each' },
  'native-host/commands/scan-merge.ts#runMerge': { lines: 88, why: 'a command run, still to be cut into phases' },
  'native-host/listen/session.ts#converse': { lines: 133, why: 'the server side of one handshake, in order' },
  'native-host/listen/compare.ts#compareTls': { lines: 94, why: 'one comparison per TLS offer field' },
  'native-host/listen/compare.ts#compareSecurity': { lines: 82, why: 'one comparison per security offer field' },
  'native-host/listen/format.ts#formatClientOffer': { lines: 87, why: 'one line per client offer field' },
  'native-host/main.ts#runHost': { lines: 97, why: 'the helper start-up and its stdio loop, still to be cut' },
  'native-host/exec/exec.ts#realExec': { lines: 86, why: 'one child process and all the ways it may end' },
  'native-host/rdp/tls-client-hello.ts#decodeClientHello': { lines: 92, why: DECODER },
  'native-host/rdp/ntlm.ts#decodeChallengeMessage': { lines: 76, why: DECODER },
  'native-host/probe/net.ts#startTls': { lines: 73, why: 'one TLS upgrade and all the ways it may end' },
  'native-host/engines/probe.ts#runProbe': { lines: 70, why: 'the probe steps in order, still to be cut' },
  'native-host/scan/pool.ts#runPool': { lines: 70, why: 'one worker pool and its stop conditions' },
};

/** Top-level functions and arrow functions (declared at column 0) and their length, to the `}` at column 0. */
function functionSizes(source: string): { name: string; lines: number }[] {
  const lines = source.split('\n');
  const out: { name: string; lines: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m =
      /^(?:export )?(?:default )?(?:async )?function\*?\s+([A-Za-z0-9_]+)/.exec(line) ??
      /^(?:export )?const\s+([A-Za-z0-9_]+)\s*(?::[^=]+)?=\s*(?:async\s*)?\([^)]*\)\s*(?::[^=]+)?=>\s*\{\s*$/.exec(
        line,
      );
    if (!m) continue;
    let j = i;
    while (j < lines.length && !/^};?\s*$/.test(lines[j] ?? '')) j++;
    out.push({ name: m[1] ?? '', lines: j - i + 1 });
  }
  return out;
}

function allSizes(): { key: string; lines: number }[] {
  return sourceFiles(ROOT).flatMap(({ path }) =>
    functionSizes(readFileSync(join(ROOT, path), 'utf8')).map((s) => ({ key: `${path}#${s.name}`, lines: s.lines })),
  );
}

describe('function size', () => {
  it('measures what it claims', () => {
    expect(
      functionSizes(
        'function a() {\n  x;\n}\nexport function B(p: {\n  x: 1;\n}) {\n  y;\n}\nconst c = (n: number) => {\n  z;\n};\n',
      ),
    ).toEqual([
      { name: 'a', lines: 3 },
      { name: 'B', lines: 5 },
      { name: 'c', lines: 3 },
    ]);
  });

  const sizes = allSizes();

  it('reads the product source', () => {
    expect(sizes.length).toBeGreaterThan(500);
    expect(sizes.map((s) => s.key)).toContain('shared/diagnose/rank-fixes.ts#rankFixes');
  });

  it(`no function is longer than ${MAX_LINES} lines unless allowed, and none grows past its allowance`, () => {
    const long = sizes
      .filter((s) => s.lines > (ALLOWED[s.key]?.lines ?? MAX_LINES))
      .map((s) => `${s.key} (${s.lines} lines)`);
    expect(long).toEqual([]);
  });

  it('allows nothing in shared/: the pure core is held to the limit without exceptions', () => {
    expect(Object.keys(ALLOWED).filter((k) => k.startsWith('shared/'))).toEqual([]);
  });

  it('allows only functions that are still long (a split one leaves the list)', () => {
    const byKey = new Map(sizes.map((s) => [s.key, s.lines]));
    const stale = Object.keys(ALLOWED).filter((k) => (byKey.get(k) ?? 0) <= MAX_LINES);
    expect(stale).toEqual([]);
  });
});
