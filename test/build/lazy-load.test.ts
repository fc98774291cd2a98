/**
 * Each run of the built command line and helper loads only the code it uses (the start-up cost is
 * in `npm run bench`; this guards what is loaded, never how long it takes). The built files are run
 * for real with a module hook that records every file Node loads; the sources inside each loaded
 * file are read from the bundler's `// path` headers.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../native-host/messaging/framing.js';
import { ROOT } from '../host/harness.js';

const OUT = join(ROOT, 'dist/native-host');
let dir: string;
let hooks: string;
let register: string;

beforeAll(() => {
  if (!existsSync(join(OUT, 'cli.mjs'))) throw new Error('dist/native-host is missing: run npm run build first');
  dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-lazy-'));
  hooks = join(dir, 'hooks.mjs');
  register = join(dir, 'register.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.RDP_DOCTOR_LOAD_LOG, url + '\\n');
  return next(url, context);
}
`,
  );
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Loaded {
  /** Built files loaded, relative to dist/native-host. */
  files: string[];
  /** Source modules inside them (from the bundler's path headers). */
  sources: string[];
  stdout: string;
}

function loaded(log: string): Loaded {
  const files = [
    ...new Set(
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((u) => u.startsWith('file:'))
        .map((u) => fileURLToPath(u))
        .filter((p) => p.startsWith(`${OUT}/`)),
    ),
  ];
  const sources = new Set<string>();
  for (const f of files)
    for (const m of readFileSync(f, 'utf8').matchAll(/^\/\/ ((?:native-host|shared|node_modules)\/\S+)$/gm))
      sources.add(m[1]!);
  return { files: files.map((f) => f.slice(OUT.length + 1)), sources: [...sources], stdout: '' };
}

/** Runs a built file with the load hook; `talk` may drive its stdio; resolves once it exits. */
function traced(file: string, args: string[], talk?: (child: ReturnType<typeof spawn>) => void): Promise<Loaded> {
  const log = join(dir, `load-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(register).href, join(OUT, file), ...args], {
      env: { ...process.env, RDP_DOCTOR_LOAD_LOG: log },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString('latin1');
    });
    child.on('error', reject);
    child.on('close', () => resolve({ ...loaded(log), stdout }));
    if (talk) talk(child);
    else child.stdin!.end();
  });
}

const matching = (sources: string[], re: RegExp) => sources.filter((s) => re.test(s));

/** Code `check` never uses: the catalogue of codes, detection, diagnosis and fixes, the YAML parser, other commands. */
const NOT_FOR_CHECK =
  /^(?:node_modules\/yaml\/|shared\/(?:detect|diagnose|fixes|avd)\/|shared\/catalog\/known-codes|native-host\/commands\/(?:explain|scan|scan-merge|listen|local|host|policy)\.ts$|native-host\/(?:scan|listen|exec|install)\/|native-host\/engines\/(?:local|this-machine)\.ts$)/;

describe('each run loads only what it uses', () => {
  it('rdp-doctor --version loads the command table, not one command', async () => {
    const r = await traced('cli.mjs', ['--version']);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.sources).toContain('native-host/cli.ts');
    expect(matching(r.sources, /^native-host\/commands\/(?!index\.ts$)/)).toEqual([]);
    expect(matching(r.sources, /^(?:shared|node_modules)\//)).toEqual([]);
  }, 30_000);

  it('rdp-doctor check loads the probe and its report, not the catalogue, fixes, YAML or other commands', async () => {
    const r = await traced('cli.mjs', ['check', '127.0.0.1:1', '--json', '--timeout', '2000']);
    expect(JSON.parse(r.stdout).reachability.status).toBe('fail');
    expect(r.sources).toContain('native-host/commands/check.ts');
    expect(matching(r.sources, /^native-host\/checks\/negotiation\.ts$/)).toHaveLength(1);
    expect(matching(r.sources, NOT_FOR_CHECK)).toEqual([]);
  }, 30_000);

  it('rdp-doctor check --policy with a built-in policy still loads no YAML parser', async () => {
    const r = await traced('cli.mjs', ['check', '127.0.0.1:1', '--json', '--policy', 'cis', '--timeout', '2000']);
    expect(JSON.parse(r.stdout).policy.policy).toBe('cis');
    expect(matching(r.sources, /^node_modules\/yaml\//)).toEqual([]);
  }, 30_000);

  it('rdp-doctor explain loads the catalogue (the table really is lazy, not empty)', async () => {
    const r = await traced('cli.mjs', ['explain', '0x204']);
    expect(r.stdout).toContain('0x204');
    expect(matching(r.sources, /^shared\/catalog\//).length).toBeGreaterThan(3);
    expect(r.sources).toContain('native-host/commands/explain.ts');
  }, 30_000);

  it('the helper says hello before loading any engine, and loads the probe for its first probe', async () => {
    const seen: unknown[] = [];
    const hello = await traced('host.mjs', ['chrome-extension://emhcbpblahnafilogmlmlfhjjlnnlean/'], (child) => {
      const decoder = new FrameDecoder();
      child.stdout!.on('data', (d: Buffer) => {
        for (const ev of decoder.push(d)) {
          if (ev.kind !== 'message') continue;
          seen.push(ev.value);
          child.stdin!.end();
        }
      });
    });
    expect(seen[0]).toMatchObject({ type: 'hello', capabilities: expect.arrayContaining(['probe', 'local-checks']) });
    expect(matching(hello.sources, /^native-host\/(?:checks|rdp|probe|listen|engines|exec)\//)).toEqual([]);
    expect(matching(hello.sources, /^(?:node_modules\/|shared\/(?:catalog|detect|diagnose|fixes)\/)/)).toEqual([]);

    const probed = await traced('host.mjs', ['chrome-extension://emhcbpblahnafilogmlmlfhjjlnnlean/'], (child) => {
      const decoder = new FrameDecoder();
      child.stdout!.on('data', (d: Buffer) => {
        for (const ev of decoder.push(d)) {
          if (ev.kind !== 'message') continue;
          const m = ev.value as { type: string };
          if (m.type === 'hello')
            child.stdin!.write(encodeFrame({ type: 'probe', id: 'p1', host: '127.0.0.1', port: 1, timeoutMs: 2000 }));
          if (m.type === 'result' || m.type === 'error') {
            seen.push(m);
            child.stdin!.end();
          }
        }
      });
    });
    expect(seen.at(-1)).toMatchObject({ type: 'result', id: 'p1' });
    expect(matching(probed.sources, /^native-host\/(?:engines\/probe\.ts$|probe\/)/).length).toBeGreaterThan(1);
    expect(matching(probed.sources, /^native-host\/(?:listen\/|local\/|engines\/(?:local|this-machine)\.ts$)/)).toEqual(
      [],
    );
  }, 30_000);
});
