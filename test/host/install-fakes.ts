/**
 * Test doubles for the installer's two boundaries.
 *
 * - {@link chrootFs}: the real file system, with every absolute path moved under a temporary root,
 *   so system-wide locations (/etc/opt/chrome/…, /Library/…) are exercised without touching the machine.
 * - {@link FakeRegistry}: `reg.exe` for Windows, which cannot run here. It records every invocation
 *   (the tests assert the exact arguments) and answers in reg.exe's output layout
 *   ("    (Default)    REG_SZ    value", four-space separated), reconstructed from reg.exe's
 *   documented `query` output (learn.microsoft.com/windows-server/administration/windows-commands/reg-query),
 *   not captured on a Windows machine: none is available here.
 */
import { join, posix, win32 } from 'node:path';
import type { Exec, ExecResult } from '../../native-host/exec/exec.js';
import { type InstallFs, nodeFs } from '../../native-host/install/system.js';

export function chrootFs(root: string): InstallFs {
  const at = (p: string) => join(root, p);
  return {
    readFile: (p) => nodeFs.readFile(at(p)),
    writeFile: (p, d, m) => nodeFs.writeFile(at(p), d, m),
    mkdirp: (p) => nodeFs.mkdirp(at(p)),
    remove: (p) => nodeFs.remove(at(p)),
    exists: (p) => nodeFs.exists(at(p)),
    isExecutable: (p) => nodeFs.isExecutable(at(p)),
    list: (p) => nodeFs.list(at(p)),
  };
}

/** In-memory file system with Windows paths (case-insensitive, as on NTFS). */
export class MemoryFs implements InstallFs {
  readonly files = new Map<string, { data: string; mode: number }>();
  private key(p: string) {
    return win32.normalize(p).toLowerCase();
  }
  async readFile(p: string) {
    return this.files.get(this.key(p))?.data ?? null;
  }
  async writeFile(p: string, data: string, mode?: number) {
    this.files.set(this.key(p), { data, mode: mode ?? 0o644 });
  }
  async mkdirp() {}
  async remove(p: string) {
    return this.files.delete(this.key(p));
  }
  async exists(p: string) {
    return this.files.has(this.key(p));
  }
  async isExecutable(p: string) {
    return this.files.has(this.key(p));
  }
  async list(dir: string) {
    const d = `${this.key(dir)}\\`;
    return [...this.files.keys()].filter((k) => k.startsWith(d)).map((k) => k.slice(d.length));
  }
}

export class FakeRegistry {
  /** Every call as [command, ...args]. */
  readonly calls: string[][] = [];
  /** key (as given, case-insensitive) → value name ('' for the default) → [type, data]. */
  readonly keys = new Map<string, Map<string, [string, string]>>();

  set(key: string, name: string, type: string, data: string) {
    const k = key.toLowerCase();
    if (!this.keys.has(k)) this.keys.set(k, new Map());
    this.keys.get(k)!.set(name, [type, data]);
  }

  exec: Exec = async (command, args) => {
    this.calls.push([command, ...args]);
    const done = (exitCode: number, stdout: string, stderr = ''): ExecResult => ({
      command,
      args: [...args],
      outcome: 'exited',
      exitCode,
      stdout,
      stderr,
    });
    const [verb, key = ''] = args;
    const k = key.toLowerCase();
    const missing = () => done(1, '', 'ERROR: The system was unable to find the specified registry key or value.\r\n');
    if (command !== 'reg.exe') return { ...done(1, ''), outcome: 'not-found', exitCode: null };
    if (verb === 'add') {
      const d = args[args.indexOf('/d') + 1] ?? '';
      const t = args[args.indexOf('/t') + 1] ?? 'REG_SZ';
      this.set(key, args.includes('/ve') ? '' : (args[args.indexOf('/v') + 1] ?? ''), t, d);
      return done(0, 'The operation completed successfully.\r\n');
    }
    if (verb === 'delete') {
      return this.keys.delete(k) ? done(0, 'The operation completed successfully.\r\n') : missing();
    }
    if (verb === 'query') {
      const values = this.keys.get(k);
      if (!values) return missing();
      const line = (name: string, [type, data]: [string, string]) =>
        `    ${name === '' ? '(Default)' : name}    ${type}    ${data}`;
      let lines: string[];
      if (args.includes('/ve')) {
        const v = values.get('');
        if (!v) return missing();
        lines = [line('', v)];
      } else if (args.includes('/v')) {
        const name = args[args.indexOf('/v') + 1] ?? '';
        const v = values.get(name);
        if (!v) return missing();
        lines = [line(name, v)];
      } else lines = [...values].map(([n, v]) => line(n, v));
      return done(
        0,
        `\r\n${key.replace(/^HKCU/, 'HKEY_CURRENT_USER').replace(/^HKLM/, 'HKEY_LOCAL_MACHINE')}\r\n${lines.join('\r\n')}\r\n\r\n`,
      );
    }
    return done(1, '', 'ERROR: Invalid syntax.\r\n');
  };
}

/** Collects a command's output. */
export function captureIO(env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: {
        write: (s: string) => {
          out += s;
          return true;
        },
      } as unknown as NodeJS.WritableStream,
      stderr: {
        write: (s: string) => {
          err += s;
          return true;
        },
      } as unknown as NodeJS.WritableStream,
      stdin: process.stdin,
      env,
    },
    out: () => out,
    err: () => err,
  };
}

export const P = posix;
