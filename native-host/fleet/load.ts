/**
 * Loads a policy named on the command line: a built-in name (`cis`, `stig`, `recommended`) or a file.
 * The YAML reader loads only for a file, so `check` and `scan` without one never load the parser.
 */
import { readFile, stat } from 'node:fs/promises';
import { BUILTIN_POLICIES } from './builtin.js';
import { type Policy, PolicyError } from './policy.js';

/** Largest policy file read (a policy is a few hundred bytes). */
const MAX_POLICY_BYTES = 1024 * 1024;

export async function loadPolicy(spec: string): Promise<Policy> {
  const builtin = BUILTIN_POLICIES[spec];
  if (builtin) return builtin;
  let size: number;
  try {
    const s = await stat(spec);
    if (!s.isFile()) throw new PolicyError(`${spec} is not a file`);
    size = s.size;
  } catch (e) {
    if (e instanceof PolicyError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new PolicyError(
      `cannot read policy ${spec} (${code}); give a file or one of: ${Object.keys(BUILTIN_POLICIES).join(', ')}`,
    );
  }
  if (size > MAX_POLICY_BYTES) throw new PolicyError(`${spec} is ${size} bytes; a policy file is at most 1 MiB`);
  const text = await readFile(spec, 'utf8');
  const { parsePolicy } = await import('./policy-yaml.js');
  return parsePolicy(text, spec);
}
