/**
 * `rdp-doctor policy`: the fleet policies — list the built-in ones, show one as YAML, validate a file,
 * or write one from a known-good server (`--from HOST`, also spelled `--policy-from HOST`).
 */
import { parseTarget, parseTimeout } from '../../shared/protocol/target.js';
import { runProbe } from '../engines/probe.js';
import { BUILTIN_POLICIES, policyFromPosture } from '../fleet/builtin.js';
import { explainGradeTable } from '../fleet/grade.js';
import { loadPolicy } from '../fleet/load.js';
import { PolicyError } from '../fleet/policy.js';
import { policyToYaml } from '../fleet/policy-yaml.js';
import { postureOf } from '../fleet/posture.js';
import type { Command, CommandIO } from './types.js';

const USAGE = `Usage: rdp-doctor policy list
       rdp-doctor policy show NAME|FILE
       rdp-doctor policy validate FILE
       rdp-doctor policy --from HOST[:PORT] [--timeout MS] > my-policy.yaml
       rdp-doctor policy grades

A policy states a baseline for RDP servers: security protocols required or forbidden, the lowest
TLS version, certificate rules (days left, trusted issuers or pinned thumbprints, key size,
signature), the largest clock skew. Use it with "rdp-doctor check HOST --policy P" and
"rdp-doctor scan --hosts FILE --policy P"; every rule ends pass, fail or not checked.
The format is documented in docs/policy.md.

Built-in policies: ${Object.keys(BUILTIN_POLICIES).join(', ')}.
--from HOST probes a server you know is configured well and writes a policy it passes.
"grades" prints how the letter grades are computed.

Exit status: 0 done, 1 the policy file is invalid, 2 usage error, 3 --from: the server did not answer.`;

function usage(io: CommandIO, message: string): number {
  io.stderr.write(`rdp-doctor policy: ${message}\nRun "rdp-doctor policy --help" for usage.\n`);
  return 2;
}

async function fromHost(argv: string[], io: CommandIO, signal: AbortSignal): Promise<number> {
  let host: string | undefined;
  let timeoutMs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--from' || a === '--policy-from') host = argv[++i];
    else if (a === '--timeout') {
      const t = parseTimeout(argv[++i]);
      if (!t.ok) return usage(io, `--timeout: ${t.message}`);
      timeoutMs = t.timeoutMs;
    } else return usage(io, `unknown option "${a}"`);
  }
  if (!host) return usage(io, '--from needs a server: HOST[:PORT]');
  const t = parseTarget(host, undefined, { allowRestricted: true });
  if (!t.ok) return usage(io, `${t.message} [${t.code}]`);
  const report = await runProbe(t.target, { ...(timeoutMs ? { timeoutMs } : {}), signal });
  const posture = postureOf(report);
  const { policy, notes } = policyFromPosture(posture, t.target.display);
  io.stdout.write(policyToYaml(policy, notes));
  if (!posture.rdp) {
    io.stderr.write(`rdp-doctor policy: ${t.target.display} did not answer as an RDP server.\n`);
    return 3;
  }
  return 0;
}

export const policyCommand: Command = {
  name: 'policy',
  usage: USAGE,
  async run(argv, io, signal) {
    const [sub, ...rest] = argv;
    try {
      if (sub === '--from' || sub === '--policy-from') return await fromHost(argv, io, signal);
      if (sub === 'list') {
        for (const p of Object.values(BUILTIN_POLICIES))
          io.stdout.write(`${p.name.padEnd(12)} ${p.description ?? ''}\n`);
        return 0;
      }
      if (sub === 'grades') {
        io.stdout.write(explainGradeTable());
        return 0;
      }
      if (sub === 'show' || sub === 'validate') {
        if (rest.length !== 1) return usage(io, `${sub} takes one policy`);
        const p = await loadPolicy(rest[0] ?? '');
        io.stdout.write(sub === 'show' ? policyToYaml(p) : `${rest[0]}: valid policy "${p.name}"\n`);
        return 0;
      }
      return usage(
        io,
        sub === undefined ? 'say what to do: list, show, validate, --from or grades' : `unknown "${sub}"`,
      );
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      io.stderr.write(`rdp-doctor policy: ${e.message}\n`);
      return 1;
    }
  },
};
