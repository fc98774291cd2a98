/**
 * Static guarantee that no user input reaches a shell: in native-host/ (the only code that runs
 * commands), child_process is imported in one place, only `spawn` is used and always with
 * `shell: false`; nothing else can start a process or evaluate code; PowerShell scripts are fixed
 * constants (values reach them through environment variables, never through the script text).
 * The scanner is shown to catch each forbidden form on a sample.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../host/harness.js';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(?:ts|mts|mjs|js)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

const strip = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** Problems in one file's source text (comments removed). */
function shellProblems(file: string, text: string): string[] {
  const code = strip(text);
  const problems: string[] = [];
  const cp =
    /from\s+['"](?:node:)?child_process['"]|require\(\s*['"](?:node:)?child_process['"]\s*\)|import\(\s*['"](?:node:)?child_process['"]\s*\)/g;
  if (cp.test(code)) {
    if (file !== 'native-host/exec/exec.ts') problems.push('imports child_process outside exec/exec.ts');
    for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"](?:node:)?child_process['"]/g)) {
      const names = (m[1] ?? '')
        .split(',')
        .map((s) => s.trim().split(/\s+as\s+/)[0])
        .filter(Boolean);
      for (const n of names)
        if (n !== 'spawn' && n !== 'type ChildProcess') problems.push(`imports ${n} from child_process`);
    }
    if (/import\s+\*\s+as|import\s+\w+\s+from\s*['"](?:node:)?child_process/.test(code))
      problems.push('imports child_process as a whole');
    for (const m of code.matchAll(/\bspawn\(([^;]*?)\);/gs)) {
      if (!/shell:\s*false/.test(m[1] ?? '')) problems.push('spawn without shell: false');
    }
  }
  if (/\bexecSync\s*\(|\bspawnSync\s*\(|\bexecFileSync\s*\(/.test(code)) problems.push('synchronous process call');
  if (/shell:\s*(?!false\b)[^\s,}]/.test(code)) problems.push('shell option other than false');
  if (/\beval\s*\(|new\s+Function\s*\(|\bvm\.run|from\s+['"](?:node:)?vm['"]/.test(code))
    problems.push('evaluates code');
  if (/process\.binding\s*\(|from\s+['"](?:node:)?worker_threads['"]/.test(code))
    problems.push('low-level process API');
  // PowerShell: the script argument must be a named constant whose text has no interpolation.
  for (const m of code.matchAll(/runPowerShellJson\(\s*[\w.]+\s*,\s*([^,]+),/g)) {
    const arg = (m[1] ?? '').trim();
    if (!/^[A-Z][A-Z0-9_]*$/.test(arg)) {
      problems.push(`PowerShell script is not a constant: ${arg.slice(0, 40)}`);
      continue;
    }
    const decl = new RegExp(`const\\s+${arg}\\s*=\\s*([\\s\\S]*?);\\s*\\n`).exec(code);
    if (!decl) problems.push(`PowerShell script ${arg} is not declared in the same file`);
    else {
      // Only other named constants may be spliced in (e.g. `${PORT_ENV}`, `${SERVICES.join(',')}`).
      for (const x of (decl[1] ?? '').matchAll(/\$\{([^}]*)\}/g)) {
        if (!/^\s*[A-Z][A-Z0-9_]*(?:\.join\('[^']*'\))?\s*$/.test(x[1] ?? '')) {
          problems.push(`PowerShell script ${arg} interpolates values`);
        }
      }
    }
  }
  return problems;
}

describe('no user input reaches a shell', () => {
  const files = sources(join(ROOT, 'native-host')).map((p) => relative(ROOT, p));

  it('scans the whole helper', () => {
    expect(files).toContain('native-host/exec/exec.ts');
    expect(files.length).toBeGreaterThan(40);
  });

  /**
   * The single-executable build script (run by developers with fixed arguments, never bundled into
   * the helper) is the one file allowed other child_process calls; nothing at run time imports it.
   */
  const BUILD_TOOLS = ['native-host/install/sea.mjs'];

  it('build tools are not part of the helper', () => {
    for (const f of files) {
      if (BUILD_TOOLS.includes(f)) continue;
      expect(readFileSync(join(ROOT, f), 'utf8'), f).not.toMatch(/sea\.mjs/);
    }
  });

  it('native-host/: one spawn with shell: false, no exec/execSync/shell:true, no eval, constant PowerShell scripts', () => {
    const found: Record<string, string[]> = {};
    for (const f of files.filter((x) => !BUILD_TOOLS.includes(x))) {
      const p = shellProblems(f, readFileSync(join(ROOT, f), 'utf8'));
      if (p.length > 0) found[f] = p;
    }
    expect(found).toEqual({});
  });

  it('shared/ and extension/ never start processes', () => {
    for (const dir of ['shared', 'extension']) {
      for (const f of sources(join(ROOT, dir))) {
        expect(readFileSync(f, 'utf8'), relative(ROOT, f)).not.toMatch(/['"](?:node:)?child_process['"]/);
      }
    }
  });

  it('the scanner catches each forbidden form (so the checks above can fail)', () => {
    const bad: [string, string][] = [
      ["import { exec } from 'node:child_process';\nexec(`ping \u0024{host}`);", 'imports exec from child_process'],
      ["import { execSync } from 'child_process';\nexecSync('x');", 'synchronous process call'],
      [
        "import { spawn } from 'node:child_process';\nspawn('sh', ['-c', cmd], { shell: true });",
        'shell option other than false',
      ],
      [
        "import { spawn } from 'node:child_process';\nspawn(cmd, args, { stdio: 'pipe' });",
        'spawn without shell: false',
      ],
      ["const cp = require('child_process');", 'imports child_process outside exec/exec.ts'],
      ['eval(text);', 'evaluates code'],
      [
        'runPowerShellJson(exec, `Get-Item \u0024{path}`, opts);',
        'PowerShell script is not a constant: `Get-Item \u0024{path}`',
      ],
      ['const S = `Get-Item \u0024{p}`;\nrunPowerShellJson(exec, S, opts);', 'PowerShell script S interpolates values'],
      [
        'const S = `Get-Item \u0024{input.host}`;\nrunPowerShellJson(exec, S, opts);',
        'PowerShell script S interpolates values',
      ],
    ];
    for (const [code, problem] of bad) expect(shellProblems('native-host/checks/x.ts', code)).toContain(problem);
    expect(
      shellProblems(
        'native-host/exec/exec.ts',
        "import { spawn } from 'node:child_process';\nspawn(c, [...a], { shell: false });",
      ),
    ).toEqual([]);
  });
});
