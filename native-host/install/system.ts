/**
 * The two things the installer touches on a machine: files, and (on Windows) the registry through
 * `reg.exe` with fixed arguments. Both are injected so tests run against temporary home folders
 * and assert the exact `reg.exe` invocations.
 */
import { constants, statSync } from 'node:fs';
import { access, chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Exec } from '../exec/exec.js';
import { succeeded } from '../exec/exec.js';

export interface InstallFs {
  /** File contents, or null when it does not exist. */
  readFile(path: string): Promise<string | null>;
  writeFile(path: string, data: string, mode?: number): Promise<void>;
  mkdirp(path: string): Promise<void>;
  /** Removes a file; true when something was removed. */
  remove(path: string): Promise<boolean>;
  exists(path: string): Promise<boolean>;
  isExecutable(path: string): Promise<boolean>;
  /** File names in a folder; empty when it does not exist. */
  list(path: string): Promise<string[]>;
}

const code = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code;

export const nodeFs: InstallFs = {
  async readFile(p) {
    try {
      return await readFile(p, 'utf8');
    } catch (err) {
      if (code(err) === 'ENOENT' || code(err) === 'ENOTDIR') return null;
      throw err;
    }
  },
  async writeFile(p, data, mode) {
    await writeFile(p, data, { encoding: 'utf8', mode: mode ?? 0o644 });
    if (mode !== undefined) await chmod(p, mode);
  },
  async mkdirp(p) {
    await mkdir(p, { recursive: true });
  },
  async remove(p) {
    try {
      await stat(p);
    } catch {
      return false;
    }
    await rm(p, { force: true });
    return true;
  },
  async exists(p) {
    try {
      await stat(p);
      return true;
    } catch {
      return false;
    }
  },
  async isExecutable(p) {
    try {
      const s = await stat(p);
      if (!s.isFile()) return false;
      await access(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  async list(p) {
    try {
      return await readdir(p);
    } catch {
      return [];
    }
  },
};

/** Thin wrapper over `reg.exe` (Windows). Every call is `reg.exe <fixed verb> <key> …`, no shell. */
export class Registry {
  constructor(private readonly exec: Exec) {}

  /** `reg.exe add KEY /ve /t REG_SZ /d VALUE /f` — sets the key's default value. */
  async setDefault(key: string, value: string): Promise<{ ok: boolean; detail: string }> {
    const r = await this.exec('reg.exe', ['add', key, '/ve', '/t', 'REG_SZ', '/d', value, '/f'], { timeoutMs: 10_000 });
    return { ok: succeeded(r), detail: (r.stderr || r.stdout || r.message || '').trim() };
  }

  /** `reg.exe delete KEY /f`; true when the key existed and was removed. */
  async deleteKey(key: string): Promise<boolean> {
    const r = await this.exec('reg.exe', ['delete', key, '/f'], { timeoutMs: 10_000 });
    return succeeded(r);
  }

  /** `reg.exe query KEY /ve` → the default value, or null when the key or value is absent. */
  async getDefault(key: string): Promise<string | null> {
    const r = await this.exec('reg.exe', ['query', key, '/ve'], { timeoutMs: 10_000 });
    if (!succeeded(r)) return null;
    return parseRegValue(r.stdout);
  }

  /** `reg.exe query KEY /v NAME` → the value's data as printed (e.g. `0x0`), or null. */
  async getValue(key: string, name: string): Promise<string | null> {
    const r = await this.exec('reg.exe', ['query', key, '/v', name], { timeoutMs: 10_000 });
    if (!succeeded(r)) return null;
    return parseRegValue(r.stdout);
  }

  /** `reg.exe query KEY` → the data of every value in the key (e.g. a policy list). */
  async listValues(key: string): Promise<string[]> {
    const r = await this.exec('reg.exe', ['query', key], { timeoutMs: 10_000 });
    if (!succeeded(r)) return [];
    return [...r.stdout.matchAll(/^\s+\S.*?\s{2,}REG_\w+\s{2,}(.*?)\s*$/gm)].map((m) => m[1] ?? '');
  }
}

/** First `REG_*` value printed by `reg.exe query` (the "(Default)" label is localised, so it is not matched). */
export function parseRegValue(stdout: string): string | null {
  const m = /^\s+.*?\s{2,}REG_\w+\s{2,}(.*?)\s*$/m.exec(stdout);
  if (!m) return null;
  return m[1] ?? '';
}

/**
 * The first of `path` and its parent folders that someone other than root could change (owned by
 * another user, or group/world-writable without the sticky bit), or null. A launcher for all users
 * that starts such a file runs whatever that person puts there, as every user who opens the browser.
 */
export function writableByNonRoot(path: string): { path: string; why: string } | null {
  let p = path;
  for (;;) {
    let s: ReturnType<typeof statSync>;
    try {
      s = statSync(p);
    } catch {
      return null;
    }
    if (s.uid !== 0) return { path: p, why: `owned by user id ${s.uid}` };
    const sticky = (s.mode & 0o1000) !== 0 && s.isDirectory();
    if ((s.mode & 0o022) !== 0 && !sticky) return { path: p, why: 'writable by group or others' };
    const parent = dirname(p);
    if (parent === p) return null;
    p = parent;
  }
}
