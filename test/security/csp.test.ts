/**
 * The built extension (dist/chromium and dist/firefox, from `npm run build`) keeps a strict content
 * security policy on its pages, ships no inline script, loads nothing remote, cannot be messaged
 * by web pages (no `externally_connectable`) and exposes no page to them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../host/harness.js';

interface Manifest {
  content_security_policy?: Record<string, string>;
  externally_connectable?: unknown;
  content_scripts?: { matches: string[] }[];
  web_accessible_resources?: { resources: string[]; matches?: string[] }[];
  sandbox?: unknown;
  host_permissions?: string[];
}

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

/** `script-src 'self'; object-src 'none'` → { 'script-src': ["'self'"], … } */
function parseCsp(csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = values;
  }
  return out;
}

/** Problems with an extension-pages CSP; empty when it is strict. */
function cspProblems(csp: string | undefined): string[] {
  if (!csp) return ['no content_security_policy.extension_pages'];
  const d = parseCsp(csp);
  const problems: string[] = [];
  const script = d['script-src'] ?? d['default-src'];
  if (!script) problems.push('no script-src');
  for (const v of script ?? []) if (v !== "'self'") problems.push(`script-src allows ${v}`);
  if ((d['object-src'] ?? d['default-src'])?.join(' ') !== "'none'") problems.push("object-src is not 'none'");
  if (d['base-uri']?.join(' ') !== "'none'" && d['base-uri']?.join(' ') !== "'self'") problems.push('base-uri is open');
  return problems;
}

/** Problems in a built HTML page: inline scripts, inline handlers, javascript: URLs, remote resources. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/.test(m[1] ?? '')) problems.push('inline <script>');
    if ((m[2] ?? '').trim() !== '') problems.push('script element with content');
  }
  if (/\son[a-z]+\s*=/i.test(html)) problems.push('inline event handler');
  if (/javascript:/i.test(html)) problems.push('javascript: URL');
  for (const m of html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)) {
    if (/^(?:[a-z]+:)?\/\//i.test(m[1] ?? '')) problems.push(`remote resource ${m[1]}`);
  }
  return problems;
}

const builds = ['chromium', 'firefox'].map((b) => join(ROOT, 'dist', b));

describe('strict CSP and no inline script in the built extension', () => {
  it('both builds exist (run npm run build first)', () => {
    for (const b of builds) expect(existsSync(join(b, 'manifest.json')), b).toBe(true);
  });

  for (const dir of builds) {
    const name = relative(ROOT, dir);
    const manifest = () => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

    it(`${name}: extension pages allow scripts from the extension only, no objects, no base URL`, () => {
      expect(cspProblems(manifest().content_security_policy?.extension_pages)).toEqual([]);
    });

    it(`${name}: no web page can message the extension, and no extension page is exposed to pages`, () => {
      const m = manifest();
      expect(m.externally_connectable).toBeUndefined();
      expect(m.sandbox).toBeUndefined();
      for (const w of m.web_accessible_resources ?? []) {
        for (const r of w.resources) expect(r).not.toMatch(/\.html?$|^\*$|\/\*$/);
      }
      for (const c of m.content_scripts ?? []) {
        for (const pattern of c.matches) {
          expect(pattern).toMatch(/^https:\/\//);
          expect(pattern).not.toMatch(/<all_urls>|^\*:\/\/|^https:\/\/\*\/\*$/);
        }
      }
      expect(m.host_permissions ?? []).toEqual([]);
    });

    it(`${name}: every built page loads its scripts as files from the extension (no inline script, handler or remote URL)`, () => {
      const pages = files(dir, /\.html$/);
      expect(pages.length).toBeGreaterThanOrEqual(2);
      const found: Record<string, string[]> = {};
      for (const p of pages) {
        const problems = htmlProblems(readFileSync(p, 'utf8'));
        if (problems.length > 0) found[relative(dir, p)] = problems;
      }
      expect(found).toEqual({});
    });

    it(`${name}: no script evaluates strings as code`, () => {
      for (const f of files(dir, /\.m?js$/)) {
        expect(readFileSync(f, 'utf8'), relative(dir, f)).not.toMatch(
          /\beval\s*\(|new Function\s*\(|setTimeout\(\s*["'`]/,
        );
      }
    });
  }

  it('the checks catch a weak policy and inline script (so they can fail)', () => {
    expect(cspProblems("script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'")).toContain(
      "script-src allows 'unsafe-inline'",
    );
    expect(cspProblems("script-src 'self' https://cdn.example; object-src 'none'; base-uri 'none'")).toHaveLength(1);
    expect(cspProblems("script-src 'self'")).toContain("object-src is not 'none'");
    expect(htmlProblems('<script>alert(1)</script>')).toContain('inline <script>');
    expect(htmlProblems('<button onclick="x()">')).toContain('inline event handler');
    expect(htmlProblems('<script src="https://cdn.example/x.js"></script>')).toEqual([
      'remote resource https://cdn.example/x.js',
    ]);
  });
});
