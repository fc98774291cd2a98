/**
 * Starts real RDP servers (and a few non-RDP listeners) on loopback for integration tests and the
 * benchmark, each on port 3389 of its own address in 127.0.0.11–127.0.0.49 (Windows-shaped ones in 127.0.0.60–127.0.0.69), and stops them by PID.
 *
 *   const set = await startRdpServers(['xrdp-negotiate-valid', 'shadow-nla', 'closed']);
 *   set.servers['shadow-nla'].host  // '127.0.0.30'
 *   await set.stop();
 *
 * Needs the Debian packages xrdp, freerdp2-shadow-x11, xvfb, winpr-utils, faketime and openssl.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type CertName, makeCert, type TestCert, writeLegacyOpensslConf } from './certs.js';

const execFileP = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));

export type SecurityRequirement = 'negotiate' | 'tls' | 'nla' | 'rdp' | 'none';

export interface ServerSpec {
  kind: 'xrdp' | 'shadow' | 'replay' | 'closed' | 'silent' | 'http' | 'ssh-banner';
  /** Windows profile of a `replay` server (test/harness/windows-replay.mjs). */
  profile?: 'server2019' | 'server2008r2';
  /** Default address (port 3389). */
  address: string;
  /** xrdp `security_layer`, or the shadow server's `/sec:` value. */
  security?: 'negotiate' | 'tls' | 'rdp' | 'nla';
  cert?: CertName;
  /** Serve only TLS 1.0 (xrdp `ssl_protocols=TLSv1` with the legacy OpenSSL policy). */
  tls10?: boolean;
  /** Keep the system OpenSSL policy even for a weak certificate (which the server then cannot load). */
  systemPolicy?: boolean;
  /** Run the server under libfaketime with this offset (e.g. `+2h`), to skew its clock. */
  clockOffset?: string;
}

const xrdp = (address: string, security: 'negotiate' | 'tls' | 'rdp', cert: CertName): ServerSpec => ({
  kind: 'xrdp',
  address,
  security,
  cert,
});

/** The known configuration of every server the harness can start: the ground truth for tests and the bench. */
export const SERVER_SPECS = {
  'xrdp-negotiate-valid': xrdp('127.0.0.11', 'negotiate', 'valid'),
  'xrdp-negotiate-expired': xrdp('127.0.0.12', 'negotiate', 'expired'),
  'xrdp-negotiate-notyet': xrdp('127.0.0.13', 'negotiate', 'notyet'),
  'xrdp-negotiate-wrongname': xrdp('127.0.0.14', 'negotiate', 'wrongname'),
  'xrdp-negotiate-weak': xrdp('127.0.0.15', 'negotiate', 'weak'),
  'xrdp-tls-valid': xrdp('127.0.0.16', 'tls', 'valid'),
  'xrdp-tls-expired': xrdp('127.0.0.17', 'tls', 'expired'),
  'xrdp-tls-notyet': xrdp('127.0.0.18', 'tls', 'notyet'),
  'xrdp-tls-wrongname': xrdp('127.0.0.19', 'tls', 'wrongname'),
  'xrdp-tls-weak': xrdp('127.0.0.20', 'tls', 'weak'),
  'xrdp-rdp-valid': xrdp('127.0.0.21', 'rdp', 'valid'),
  'xrdp-rdp-expired': xrdp('127.0.0.22', 'rdp', 'expired'),
  'xrdp-rdp-notyet': xrdp('127.0.0.23', 'rdp', 'notyet'),
  'xrdp-rdp-wrongname': xrdp('127.0.0.24', 'rdp', 'wrongname'),
  'xrdp-rdp-weak': xrdp('127.0.0.25', 'rdp', 'weak'),
  'xrdp-tls10': { kind: 'xrdp', address: '127.0.0.26', security: 'tls', cert: 'valid', tls10: true },
  'xrdp-tls-ca': xrdp('127.0.0.28', 'tls', 'ca-issued'),
  // A 1024-bit key under the system's default OpenSSL policy: xrdp cannot load it, so TLS never starts.
  'xrdp-tls-broken': { kind: 'xrdp', address: '127.0.0.27', security: 'tls', cert: 'weak', systemPolicy: true },
  'shadow-nla': { kind: 'shadow', address: '127.0.0.30', security: 'nla', cert: 'shadow' },
  'shadow-rdp': { kind: 'shadow', address: '127.0.0.31', security: 'rdp', cert: 'shadow' },
  'shadow-nla-skewed': { kind: 'shadow', address: '127.0.0.32', security: 'nla', cert: 'shadow', clockOffset: '+2h' },
  'shadow-nla-expired': { kind: 'shadow', address: '127.0.0.33', security: 'nla', cert: 'expired' },
  // Windows-shaped certificates (test/harness/certs.ts `WindowsCertName`) on 127.0.0.60–127.0.0.69.
  'xrdp-windows': xrdp('127.0.0.60', 'negotiate', 'windows'),
  'xrdp-windows-expired': xrdp('127.0.0.61', 'negotiate', 'windows-expired'),
  'xrdp-windows-2008r2': xrdp('127.0.0.62', 'tls', 'windows-2008r2'),
  'xrdp-windows-2008r2-expired': xrdp('127.0.0.63', 'tls', 'windows-2008r2-expired'),
  'shadow-windows': { kind: 'shadow', address: '127.0.0.64', security: 'nla', cert: 'windows' },
  'shadow-windows-expired': { kind: 'shadow', address: '127.0.0.65', security: 'nla', cert: 'windows-expired' },
  'shadow-windows-2008r2': { kind: 'shadow', address: '127.0.0.66', security: 'nla', cert: 'windows-2008r2' },
  // Windows-shaped protocol bytes (NLA required; X.224 flags, TLS versions and NTLM CHALLENGE of the profile).
  'replay-windows': { kind: 'replay', address: '127.0.0.67', profile: 'server2019', cert: 'windows' },
  'replay-windows-2008r2': { kind: 'replay', address: '127.0.0.68', profile: 'server2008r2', cert: 'windows-2008r2' },
  closed: { kind: 'closed', address: '127.0.0.40' },
  silent: { kind: 'silent', address: '127.0.0.41' },
  http: { kind: 'http', address: '127.0.0.42' },
  'ssh-banner': { kind: 'ssh-banner', address: '127.0.0.43' },
} as const satisfies Record<string, ServerSpec>;

export type ServerName = keyof typeof SERVER_SPECS;
export const SERVER_NAMES = Object.keys(SERVER_SPECS) as ServerName[];

/** The display the harness's Xvfb prefers for the FreeRDP shadow servers (:191–:199 when another process holds it). */
export const XVFB_DISPLAY = ':91';
/** User in the shadow servers' SAM file (NLA needs one; the probe never logs on). */
export const SHADOW_USER = { user: 'rdpdoctor', password: 'Rdp-Doct0r!' };

export interface RunningServer {
  name: ServerName;
  spec: ServerSpec;
  host: string;
  port: number;
  pid: number | undefined;
  cert: TestCert | undefined;
  /** Log file of the server process, if any. */
  log: string | undefined;
}

export interface ServerSet {
  dir: string;
  servers: Record<ServerName, RunningServer>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Override the address of a server (other suites can move servers off the default addresses). */
  addressOf?: (name: ServerName) => string;
  port?: number;
}

/**
 * OpenSSL 3 at its default security level refuses to serve a SHA-1-signed certificate unless OpenSSL
 * itself counts it as self-signed, which it does not without keyCertSign (Windows' shape).
 */
function isSha1Cert(cert: CertName | undefined): boolean {
  return cert === 'windows-2008r2' || cert === 'windows-2008r2-expired';
}

const BINARIES: Record<ServerSpec['kind'], string[]> = {
  xrdp: ['xrdp', 'openssl', 'faketime'],
  shadow: ['freerdp-shadow-cli', 'Xvfb', 'winpr-hash', 'openssl', 'faketime'],
  replay: ['openssl', 'faketime'],
  closed: [],
  silent: [],
  http: [],
  'ssh-banner': [],
};

const LIBFAKETIME_DIRS = [
  '/usr/lib/x86_64-linux-gnu/faketime',
  '/usr/lib/aarch64-linux-gnu/faketime',
  '/usr/lib/faketime',
];

function findLibfaketime(): string {
  const found = LIBFAKETIME_DIRS.map((d) => join(d, 'libfaketimeMT.so.1')).find((p) => existsSync(p));
  if (!found) throw new Error('libfaketime not found (Debian package faketime)');
  return found;
}

function onPath(bin: string): boolean {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin']);
  return dirs.some((d) => d && existsSync(join(d, bin)));
}

/** Binaries needed by `names` that are not installed (the integration suite skips only for these). */
export function missingBinaries(names: readonly ServerName[]): string[] {
  const need = new Set(names.flatMap((n) => BINARIES[SERVER_SPECS[n].kind]));
  return [...need].filter((b) => !onPath(b));
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.pid && c.exitCode === null) signal(c, 'SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.on('exit', () => children.delete(child));
  child.on('error', () => children.delete(child));
  return child;
}

/** Children started in their own process group (their forked workers are stopped with them). */
const groups = new WeakSet<ChildProcess>();

function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    if (groups.has(child)) process.kill(-child.pid, sig);
    else child.kill(sig);
  } catch {
    // already gone
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (!child.pid) return;
  if (child.exitCode !== null || child.signalCode !== null) {
    if (groups.has(child)) signal(child, 'SIGKILL'); // forked workers may outlive the parent
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(child, 'SIGTERM');
  const timer = setTimeout(() => signal(child, 'SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
  if (groups.has(child)) signal(child, 'SIGKILL');
}

function tryConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function waitListening(host: string, port: number, child: ChildProcess, what: string, log?: string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const tail = log && existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(
        `${what} exited (${child.exitCode ?? child.signalCode}) before listening on ${host}:${port}\n${tail}`,
      );
    }
    if (await tryConnect(host, port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on ${host}:${port} within 20 s`);
}

function writeXrdpIni(dir: string, host: string, port: number, spec: ServerSpec, cert: TestCert): string {
  const ini = join(dir, 'xrdp.ini');
  writeFileSync(
    ini,
    [
      '[Globals]',
      `port=tcp://${host}:${port}`,
      `security_layer=${spec.security}`,
      'crypt_level=high',
      `certificate=${cert.certPath}`,
      `key_file=${cert.keyPath}`,
      `ssl_protocols=${spec.tls10 ? 'TLSv1' : 'TLSv1.2, TLSv1.3'}`,
      'fork=true',
      '[Logging]',
      `LogFile=${join(dir, 'xrdp.log')}`,
      'LogLevel=INFO',
      'EnableSyslog=false',
      '',
    ].join('\n'),
  );
  return ini;
}

let xvfb: { child: ChildProcess; display: string; n: number; users: number } | undefined;

function unixAccepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ path });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** The process id written in a lock or claim file (0 when unreadable). */
function ownerOf(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || 0;
  } catch {
    return 0;
  }
}

function processAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    return process.kill(pid, 0);
  } catch {
    return false;
  }
}

/** This harness's claim on display `n`: created exclusively, so two test processes never both start there. */
const claimFile = (n: number) => `/tmp/.rdp-doctor-X${n}.claim`;

/** Claims display `n` for this process (a claim left by a process that is gone is taken over). */
function claimDisplay(n: number): boolean {
  const file = claimFile(n);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      // Held: by a live process (another test file, or a file of this process), or left by a dead one.
      if (processAlive(ownerOf(file))) return false;
      rmSync(file, { force: true });
    }
  }
  return false;
}

/**
 * Starts this process's own Xvfb, on :91 or, when another process (a parallel test file) holds :91,
 * on the first free display of :191–:199. Each process stops only the X server it started.
 *
 * Xvfb here writes no lock file, so the harness claims a display first (an exclusive file of its own):
 * only the claimant may clear a stale socket there and start a server. Without the claim, one test file
 * could remove the socket of the server another had just started ("failed to open display").
 */
async function ensureXvfb(): Promise<string> {
  if (xvfb) {
    xvfb.users += 1;
    return xvfb.display;
  }
  for (const n of [Number(XVFB_DISPLAY.slice(1)), 191, 192, 193, 194, 195, 196, 197, 198, 199]) {
    const socket = `/tmp/.X11-unix/X${n}`;
    if (await unixAccepts(socket)) continue; // an X server runs there
    const lock = `/tmp/.X${n}-lock`;
    if (existsSync(lock) && processAlive(ownerOf(lock))) continue; // another X server's, starting
    if (!claimDisplay(n)) continue;
    if (await unixAccepts(socket)) {
      rmSync(claimFile(n), { force: true });
      continue;
    }
    rmSync(lock, { force: true }); // stale files of an X server that is gone
    rmSync(socket, { force: true });
    const display = `:${n}`;
    // -displayfd: Xvfb writes the display number to fd 3 once it listens. Its socket accepts
    // connections a little earlier than that, and shadow servers started in that gap fail with
    // "failed to open display".
    const child = track(
      spawn('Xvfb', [display, '-screen', '0', '1024x768x24', '-nolisten', 'tcp', '-displayfd', '3'], {
        stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      }),
    );
    let ready = false;
    (child.stdio[3] as NodeJS.ReadableStream | null)?.on('data', () => {
      ready = true;
    });
    const deadline = Date.now() + 10_000;
    let up = false;
    while (child.exitCode === null && Date.now() < deadline) {
      if (ready && (await unixAccepts(socket))) {
        up = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    if (up) {
      xvfb = { child, display, n, users: 1 };
      return display;
    }
    await stopChild(child);
    rmSync(claimFile(n), { force: true });
  }
  throw new Error('no free X display for Xvfb (tried :91 and :191–:199)');
}

async function releaseXvfb(): Promise<void> {
  if (!xvfb) return;
  xvfb.users -= 1;
  if (xvfb.users > 0) return;
  const { child, n } = xvfb;
  xvfb = undefined;
  await stopChild(child);
  rmSync(claimFile(n), { force: true });
}

/** Starts a server at each address (`{ '127.0.3.1': { name: 'shadow-nla' } }`), as {@link startRdpServers}. */
export function startRdpServersAt(byAddress: Readonly<Record<string, { name: ServerName }>>): Promise<ServerSet> {
  const addressOf = new Map(Object.entries(byAddress).map(([address, s]) => [s.name, address]));
  return startRdpServers([...addressOf.keys()], { addressOf: (n) => addressOf.get(n)! });
}

/** Starts the named servers in parallel and waits until each one listens. */
export async function startRdpServers(names: readonly ServerName[], opts: StartOptions = {}): Promise<ServerSet> {
  const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-servers-'));
  const port = opts.port ?? 3389;
  const addressOf = (n: ServerName) => opts.addressOf?.(n) ?? SERVER_SPECS[n].address;
  const mine: ChildProcess[] = [];
  let usesXvfb = false;
  const stop = async () => {
    await Promise.all(mine.map(stopChild));
    if (usesXvfb) await releaseXvfb();
    usesXvfb = false;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const certNames = [
      ...new Set(names.map((n) => (SERVER_SPECS[n] as ServerSpec).cert).filter((c) => c !== undefined)),
    ];
    const ips = [...new Set(names.map(addressOf))];
    const certDir = join(dir, 'certs');
    mkdirSync(certDir);
    const certs = new Map<CertName, TestCert>();
    await Promise.all(certNames.map(async (c) => certs.set(c, await makeCert(certDir, c, ips))));
    const legacyConf = writeLegacyOpensslConf(dir);
    let sam: string | undefined;
    let display = XVFB_DISPLAY;
    if (names.some((n) => SERVER_SPECS[n].kind === 'shadow')) {
      display = await ensureXvfb();
      usesXvfb = true;
      const { stdout } = await execFileP('winpr-hash', [
        '-u',
        SHADOW_USER.user,
        '-p',
        SHADOW_USER.password,
        '-f',
        'sam',
      ]);
      sam = join(dir, 'SAM');
      writeFileSync(sam, stdout);
    }

    const servers = {} as Record<ServerName, RunningServer>;
    await Promise.all(
      names.map(async (name) => {
        const spec: ServerSpec = SERVER_SPECS[name];
        const host = addressOf(name);
        const cert = spec.cert ? certs.get(spec.cert) : undefined;
        const sdir = join(dir, name);
        mkdirSync(sdir);
        let child: ChildProcess | undefined;
        let launch: (() => ChildProcess) | undefined;
        let log: string | undefined;
        if (spec.kind === 'xrdp' && cert) {
          const ini = writeXrdpIni(sdir, host, port, spec, cert);
          log = join(sdir, 'xrdp.log');
          const legacy = (spec.tls10 || spec.cert === 'weak' || isSha1Cert(spec.cert)) && !spec.systemPolicy;
          const env = legacy ? { ...process.env, OPENSSL_CONF: legacyConf } : process.env;
          // xrdp forks a child per connection: run it in its own process group and stop the whole group.
          launch = () => {
            const c = track(spawn('xrdp', ['--nodaemon', '--config', ini], { env, stdio: 'ignore', detached: true }));
            groups.add(c);
            return c;
          };
        } else if (spec.kind === 'shadow' && cert && sam) {
          const home = join(sdir, 'home');
          const cfg = join(home, '.config', 'freerdp', 'shadow');
          mkdirSync(cfg, { recursive: true });
          writeFileSync(join(cfg, 'shadow.crt'), readFileSync(cert.certPath));
          writeFileSync(join(cfg, 'shadow.key'), readFileSync(cert.keyPath));
          log = join(sdir, 'shadow.log');
          const args = [`/port:${port}`, `/bind-address:${host}`, `/sec:${spec.security}`, `/sam-file:${sam}`];
          const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, DISPLAY: display };
          if (isSha1Cert(spec.cert)) env.OPENSSL_CONF = legacyConf;
          if (spec.clockOffset) {
            // Preload libfaketime directly (not through the `faketime` wrapper) so the PID we stop is the server's.
            env.LD_PRELOAD = findLibfaketime();
            env.FAKETIME = spec.clockOffset;
          }
          const logFile = log;
          launch = () => {
            const fd = openSync(logFile, 'a');
            try {
              return track(spawn('freerdp-shadow-cli', args, { env, stdio: ['ignore', fd, fd] }));
            } finally {
              closeSync(fd); // the child has its own copy
            }
          };
        } else if (spec.kind === 'replay' && cert && spec.profile) {
          const script = join(HERE, 'windows-replay.mjs');
          const args = [script, spec.profile, host, String(port), cert.certPath, cert.keyPath];
          launch = () => track(spawn(process.execPath, args, { stdio: 'ignore' }));
        } else if (spec.kind === 'silent' || spec.kind === 'http' || spec.kind === 'ssh-banner') {
          launch = () =>
            track(
              spawn(process.execPath, [join(HERE, 'tcp-stub.mjs'), spec.kind, host, String(port)], { stdio: 'ignore' }),
            );
        } else if (spec.kind === 'closed') {
          if (await tryConnect(host, port)) throw new Error(`${host}:${port} should be closed but something listens`);
        }
        // The shadow server sometimes fails to open the X display when many start at once, and then
        // exits — with a status, or killed by SIGSEGV: retry it, a little later each time.
        for (let attempt = 1; launch; attempt++) {
          child = launch();
          mine.push(child);
          try {
            await waitListening(host, port, child, name, log);
            break;
          } catch (e) {
            const exited = child.exitCode !== null || child.signalCode !== null;
            if (attempt >= 4 || spec.kind !== 'shadow' || !exited) throw e;
            await new Promise((r) => setTimeout(r, 250 * attempt));
          }
        }
        servers[name] = { name, spec, host, port, pid: child?.pid, cert, log };
      }),
    );
    return { dir, servers, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Name the NTLM challenge of the shadow servers reports (the machine's host name). */
export function shadowComputerName(): string {
  return hostname();
}
