/**
 * A real helper process (the real framing, stdio entry and dispatcher from native-host/main.ts)
 * whose probe engine is replaced by a tiny one the test controls through a real loopback socket:
 * it connects to the probe's host:port, reports one check result per line the test's server
 * sends, and finishes when the server closes the connection. This lets the black-box tests order
 * interleaved replies and in-flight work deterministically, without timing.
 */
import { connect } from 'node:net';
import { runHost } from '../../native-host/main.js';
import type { Engines } from '../../native-host/messaging/dispatch.js';

const engines: Engines = {
  probe: {
    run(target, ctx) {
      return new Promise<void>((resolve, reject) => {
        const socket = connect({ host: target.host, port: target.port });
        let buffered = '';
        let index = 0;
        ctx.signal.addEventListener('abort', () => socket.destroy(), { once: true });
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => {
          buffered += chunk;
          let nl = buffered.indexOf('\n');
          while (nl >= 0) {
            const line = buffered.slice(0, nl);
            buffered = buffered.slice(nl + 1);
            const big = line.startsWith('big:') ? 'x'.repeat(Number(line.slice(4))) : undefined;
            ctx.onResult({
              checkId: 'socket-line',
              status: 'pass',
              summary: big ? 'big' : line,
              evidence: big ? { blob: big } : { index: index++ },
              findings: [],
              durationMs: 0,
            });
            nl = buffered.indexOf('\n');
          }
        });
        socket.on('end', () => resolve());
        socket.on('error', (err) => reject(err));
        socket.on('close', () => resolve());
      });
    },
  },
};

const stopper = new AbortController();
process.on('SIGTERM', () => stopper.abort());
runHost({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, engines, stopper.signal).then(
  (code) => process.exit(code),
);
