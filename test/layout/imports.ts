/**
 * The folder graph of the product's source: every static `import`/`export … from` (type-only ones
 * too) of a `.ts`/`.tsx` file under `shared/`, `extension/` and `native-host/`, folded to the folders
 * of the importing and the imported file. Test files (`*.test.ts`) are leaves nothing imports, so
 * they are left out: a folder's tests may reach wherever they need.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

export const SOURCE_ROOTS = ['shared', 'extension', 'native-host'] as const;

/** `from '…'` of static imports and re-exports; `import('…')` (lazy loading) is not matched. */
const FROM = /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;

export interface SourceFile {
  /** Path from the repository root, with `/`. */
  path: string;
  /** Paths (from the repository root) of the product files it imports statically. */
  imports: string[];
}

function walk(root: string, dir: string, out: string[]): void {
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = posix.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(root, rel, out);
    } else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) {
      out.push(rel);
    }
  }
}

/** Strips comments so an example import in a comment is not read as one. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The product files (paths from the repository root) that the source `text` of `path` imports statically. */
export function importsOf(path: string, text: string): string[] {
  const imports: string[] = [];
  for (const m of code(text).matchAll(FROM)) {
    const spec = m[1] ?? m[2]!;
    if (!spec.startsWith('.')) continue;
    const target = posix.normalize(posix.join(posix.dirname(path), spec));
    imports.push(target.replace(/\.js$/, '.ts'));
  }
  return imports;
}

export function sourceFiles(root: string): SourceFile[] {
  const paths: string[] = [];
  for (const r of SOURCE_ROOTS) walk(root, r, paths);
  return paths.map((path) => ({ path, imports: importsOf(path, readFileSync(join(root, path), 'utf8')) }));
}

/** The folder of a file: `native-host/exec/exec.ts` → `native-host/exec`. */
export function folderOf(path: string): string {
  return posix.dirname(path);
}

/** Folder → folders it imports from (not itself), each edge with one file pair that makes it. */
export function folderGraph(files: readonly SourceFile[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const f of files) {
    const from = folderOf(f.path);
    if (!graph.has(from)) graph.set(from, new Map());
    for (const i of f.imports) {
      const to = folderOf(i);
      if (to === from) continue;
      const edges = graph.get(from)!;
      if (!edges.has(to)) edges.set(to, `${f.path} → ${i}`);
    }
  }
  return graph;
}

/** The strongly connected groups of more than one folder (Tarjan), each sorted; sorted by first folder. */
export function folderCycles(graph: ReadonlyMap<string, ReadonlyMap<string, string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
