/**
 * A policy file's text: read (YAML; JSON is valid YAML) and written (commented YAML). The only
 * fleet module that loads the YAML parser.
 */
import { parse as parseYaml, stringify } from 'yaml';
import { type Policy, PolicyError, validatePolicy } from './policy.js';

/** Parses a policy file's text (YAML; JSON is valid YAML). */
export function parsePolicy(text: string, origin = 'the policy'): Policy {
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 10 });
  } catch (e) {
    throw new PolicyError(`${origin} is not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    return validatePolicy(data);
  } catch (e) {
    throw e instanceof PolicyError ? new PolicyError(`${origin}: ${e.message}`) : e;
  }
}

/** The policy as a commented YAML document. */
export function policyToYaml(policy: Policy, notes: readonly string[] = []): string {
  const head = [
    '# RDP Doctor policy (format: docs/policy.md). Use with: rdp-doctor scan --policy FILE, rdp-doctor check --policy FILE',
    ...notes.map((n) => `# ${n}`),
  ];
  return `${head.join('\n')}\n${stringify(policy)}`;
}
