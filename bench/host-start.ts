/**
 * Helper cold start: time from spawning the built native host to receiving its `hello` frame,
 * against the floor of starting Node itself (`node -e ''`), measured in the same run.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { median, ROOT, time } from './util.js';

const HOST = join(ROOT, 'dist/native-host/host.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function nodeFloor(): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    p.on('error', reject);
    p.on('exit', () => resolve());
  });
}

function hostHello(): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [HOST, 'chrome-extension://emhcbpblahnafilogmlmlfhjjlnnlean/'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      p.kill();
      reject(new Error('no hello within 10 s'));
    }, 10_000);
    p.stdout.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 4 && buf.length >= 4 + buf.readUInt32LE(0)) {
        clearTimeout(timer);
        p.stdin.end();
        p.on('exit', () => resolve());
      }
    });
    p.on('error', reject);
  });
}

const floor: number[] = [];
const host: number[] = [];
for (let i = 0; i < RUNS; i++) {
  floor.push(await time(nodeFloor));
  host.push(await time(hostHello));
}
const f = median(floor);
const h = median(host);
console.log(
  JSON.stringify({
    name: 'host-start',
    title: 'Helper cold start to hello',
    baseline: "node -e '' (process start floor)",
    rows: [
      { measure: "node -e '' (median)", ms: f.toFixed(1) },
      { measure: 'helper spawn → hello frame (median)', ms: h.toFixed(1) },
    ],
    ratios: { 'helper / node floor': (h / f).toFixed(2) },
    runs: RUNS,
  }),
);
