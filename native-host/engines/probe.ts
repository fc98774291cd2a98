/**
 * `runProbe`: the whole network check of one RDP server. Reachability first (it picks the address),
 * then the negotiation matrix, the certificate and the NTLM identity in parallel, so the wall time
 * is close to the slowest step. Each result is streamed through `onResult` as soon as it is final.
 */
import type { CheckResult, Finding } from '../../shared/protocol/results.js';
import { DEFAULT_TIMEOUT_MS, parseTarget, type Target } from '../../shared/protocol/target.js';
import { certMatchesName } from '../checks/cert-info.js';
import { runCertificate } from '../checks/certificate.js';
import { runNegotiation } from '../checks/negotiation.js';
import { runNtlmInfo } from '../checks/ntlm-info.js';
import { runReachability } from '../checks/reachability.js';
import { finding, since, skipped, sortFindings, startClock } from '../checks/result.js';
import type { CheckInput } from '../checks/types.js';

export interface ProbeOptions {
  /** Per-step timeout in milliseconds (connect, each reply, TLS handshake). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with each check's result as soon as it is final. */
  onResult?: (result: CheckResult) => void;
  /**
   * Let a name that resolves to a link-local or cloud-metadata address be probed there (the
   * command line, and the extension for a target a person typed). Off by default.
   */
  allowRestricted?: boolean;
}

export interface ProbeReport {
  target: { input: string; host: string; port: number; address: string | undefined };
  reachability: CheckResult;
  negotiation: CheckResult;
  certificate: CheckResult;
  ntlm: CheckResult;
  /** All findings of all checks, fail → warn → info. */
  findings: Finding[];
  durationMs: number;
}

export class ProbeInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeInputError';
  }
}

/** Cross-checks the certificate against the server's own NTLM computer names (adds evidence and advice). */
function crossCheck(cert: CheckResult, ntlm: CheckResult): CheckResult {
  const leaf = cert.evidence.leaf as { derBase64?: string; nameMatches?: boolean } | undefined;
  if (!leaf?.derBase64 || ntlm.status === 'skipped') return cert;
  const names = [ntlm.evidence.dnsComputerName, ntlm.evidence.nbComputerName].filter(
    (n): n is string => typeof n === 'string' && n.length > 0,
  );
  if (names.length === 0) return cert;
  const der = leaf.derBase64;
  const matching = names.filter((n) => certMatchesName(der, n));
  const evidence = { ...cert.evidence, ntlmNameMatch: { names, matching } };
  const findings = cert.findings.map((f) =>
    f.id === 'cert-name-mismatch'
      ? finding(
          f.id,
          f.severity,
          matching.length > 0
            ? `${f.summary} It is issued to the server's own name "${matching[0]}": connect by that name.`
            : `${f.summary} It does not match the server's own name (${names.join(', ')}) either.`,
          f.supports as never,
          f.rulesOut as never,
        )
      : f,
  );
  return { ...cert, evidence, findings };
}

/**
 * A check that failed or errored without a failing finding of its own still leaves the server's
 * state unknown there: that is said as a finding, so no such run reads as healthy.
 */
function incomplete(r: CheckResult): Finding[] {
  if (r.status !== 'fail' && r.status !== 'error') return [];
  if (r.findings.some((f) => f.severity === 'fail')) return [];
  return [
    finding(
      'check-incomplete',
      'fail',
      `The ${r.checkId} check ended without a verdict: ${r.reason ?? r.summary}. What it looks at is unknown.`,
    ),
  ];
}

export async function runProbe(targetInput: string | Target, opts: ProbeOptions = {}): Promise<ProbeReport> {
  const t0 = performance.now();
  let target: Target;
  if (typeof targetInput === 'string') {
    const parsed = parseTarget(targetInput);
    if (!parsed.ok) throw new ProbeInputError(parsed.code, parsed.message);
    target = parsed.target;
  } else {
    target = targetInput;
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = opts.signal ?? new AbortController().signal;
  const emit = (result: CheckResult) => {
    const extra = incomplete(result);
    const r = extra.length > 0 ? { ...result, findings: [...result.findings, ...extra] } : result;
    opts.onResult?.(r);
    return r;
  };
  const ctx = { signal };

  const reachability = emit(
    await runReachability(
      { host: target.host, port: target.port, timeoutMs, facts: { allowRestricted: opts.allowRestricted === true } },
      ctx,
    ),
  );
  const address = reachability.evidence.openAddress as string | undefined;

  let negotiation: CheckResult;
  let certificate: CheckResult;
  let ntlm: CheckResult;
  if (address === undefined) {
    const why = `${target.display} cannot be reached.`;
    const now = startClock();
    negotiation = emit(skipped('negotiation', now, why));
    certificate = emit(skipped('certificate', now, why));
    ntlm = emit(skipped('ntlm-info', now, why));
  } else {
    const input: CheckInput = { host: address, port: target.port, timeoutMs, facts: { serverName: target.host } };
    const nego = runNegotiation(input, ctx).then(emit);
    const ntlmP = runNtlmInfo(input, ctx).then(emit);
    const certP = Promise.all([runCertificate(input, ctx), ntlmP]).then(([c, n]) => emit(crossCheck(c, n)));
    [negotiation, certificate, ntlm] = await Promise.all([nego, certP, ntlmP]);
  }
  // Two checks can establish the same fact (e.g. SSL_CERT_NOT_ON_SERVER): list each finding id once.
  const seen = new Set<string>();
  const findings = sortFindings(
    [reachability, negotiation, certificate, ntlm]
      .flatMap((r) => r.findings)
      .filter((f) => {
        if (seen.has(f.id)) return false;
        seen.add(f.id);
        return true;
      }),
  );
  return {
    target: {
      input: typeof targetInput === 'string' ? targetInput : target.display,
      host: target.host,
      port: target.port,
      address,
    },
    reachability,
    negotiation,
    certificate,
    ntlm,
    findings,
    durationMs: since(t0),
  };
}
