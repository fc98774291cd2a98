/** Plain-text form of a {@link ClientOfferReport} for the terminal. Client text in the report is already safe. */
import type { FixId } from '../../shared/fixes/ids.js';
import { getFix } from '../../shared/fixes/library.js';
import type { ClientOfferReport, ClientStage } from '../../shared/protocol/client-offer.js';
import { PROTOCOLS } from '../rdp/constants.js';
import type { ChangeSide, ComparisonItem, ComparisonStatus } from './compare.js';

const STAGE_WORDS: Record<ClientStage, string> = {
  none: 'nothing (no client connected)',
  connected: 'a TCP connection, nothing more',
  x224: 'the X.224 Connection Request (security negotiation)',
  tls: 'the TLS handshake',
  credssp: 'the first CredSSP (NLA) message, the NTLM NEGOTIATE',
  mcs: 'the MCS Connect Initial (its settings, before any credential)',
};

function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
}

export function formatClientOffer(r: ClientOfferReport): string {
  const out: string[] = [];
  const where = `${r.listener.address.includes(':') ? `[${r.listener.address}]` : r.listener.address}:${r.listener.port}`;
  if (r.reached === 'none') {
    out.push(`RDP Doctor listen on ${where}: no client connected (${r.end.message}).`);
    return `${out.join('\n')}\n`;
  }
  out.push(
    `RDP Doctor listen on ${where}: a client connected from ${r.clientAddress ?? 'an unknown address'} (${r.durationMs} ms)`,
    `It got as far as: ${STAGE_WORDS[r.reached]}.`,
    `The listener never asks for a password; user names are ${r.x224?.cookie?.redacted === false ? 'shown (--show-user)' : 'redacted unless --show-user'}.`,
  );
  const x = r.x224;
  if (x) {
    out.push(
      '',
      x.negotiation
        ? `Security protocols requested (RDP_NEG_REQ requestedProtocols ${hex32(x.requestedProtocols)})`
        : 'Security protocols requested: no RDP_NEG_REQ at all (a client older than RDP 5.2, or standard RDP security only)',
    );
    for (const p of PROTOCOLS) {
      if (p.flag === 0) {
        const alone = x.protocols.length === 1 && x.protocols[0] === 'RDP';
        out.push(`  ${alone ? 'yes' : '—  '}  ${p.label}${alone ? '' : ' (asked for only when nothing else is)'}`);
      } else out.push(`  ${x.protocols.includes(p.name) ? 'yes' : 'no '}  ${p.label}`);
    }
    if (x.unknownBits) out.push(`  ?    bits MS-RDPBCGR does not define: ${hex32(x.unknownBits)}`);
    if (x.flags.length > 0) out.push(`  Flags: ${x.flags.join(', ')}`);
    if (x.cookie) {
      out.push(
        x.cookie.kind === 'cookie' ? `  Cookie: mstshash=${x.cookie.value}` : `  Routing token: ${x.cookie.value}`,
      );
    } else out.push('  Cookie / routing token: none sent');
    if (x.correlationId) out.push(`  Correlation id: ${x.correlationId}`);
    out.push(`  The listener selected: ${x.selected}`);
  }
  const t = r.tls;
  if (t) {
    out.push('', 'TLS');
    const h = t.clientHello;
    if (h) {
      out.push(
        `  Versions offered: ${h.versions.join(', ')}${h.versionsFrom === 'legacy_version' ? ' (the highest it accepts; it sent no supported_versions, so the lowest is not on the wire)' : ''}`,
        `  Server name (SNI): ${h.serverName ?? 'none sent'}`,
        `  Cipher suites offered (${h.cipherSuites.length}, in the client's order):`,
        ...h.cipherSuites.map((c) => `    ${c.name} (0x${c.id.toString(16).padStart(4, '0')})`),
        `  Groups: ${h.supportedGroups.join(', ') || 'none sent'}`,
        `  Extensions: ${h.extensions.join(', ') || 'none'}`,
      );
      if (h.alpn.length > 0) out.push(`  ALPN: ${h.alpn.join(', ')}`);
    } else if (t.clientHelloError) out.push(`  ClientHello unreadable: ${t.clientHelloError}`);
    if (t.listenerVersion) out.push(`  The listener offered only ${t.listenerVersion} (the server's version)`);
    if (t.handshake) {
      out.push(
        t.handshake.ok
          ? `  Handshake with the listener's throwaway certificate: ${t.handshake.version}, ${t.handshake.cipher}`
          : `  Handshake with the listener's throwaway certificate failed: ${t.handshake.error}`,
      );
    }
    out.push(`  Listener certificate SHA-256: ${r.listener.certificateSha256}`);
  }
  if (r.credssp) {
    out.push('', 'CredSSP (NLA)');
    if (r.credssp.version !== undefined) out.push(`  TSRequest version: ${r.credssp.version}`);
    if (r.credssp.token) {
      const tok = r.credssp.token;
      out.push(
        `  First token: ${tok.wrapping === 'ntlm' ? 'a bare NTLM message' : tok.wrapping === 'spnego' ? 'SPNEGO' : 'neither NTLM nor SPNEGO'}${tok.mechanisms.length > 0 ? `, mechanisms: ${tok.mechanisms.join(', ')}` : ''}`,
      );
    }
    if (r.credssp.error) out.push(`  Unreadable: ${r.credssp.error}`);
  }
  if (r.ntlm) {
    const n = r.ntlm;
    if (n.version) {
      out.push(
        `  NTLM version block: ${n.version.major}.${n.version.minor}.${n.version.build}, NTLM revision ${n.version.revision} — ${n.version.name}`,
      );
    } else if (!n.error) out.push('  NTLM version block: not sent');
    if (n.flags.length > 0) out.push(`  NTLM flags: ${n.flags.join(', ')}`);
    if (n.domain !== undefined) out.push(`  NTLM domain: ${n.domain}`);
    if (n.workstation !== undefined) out.push(`  NTLM workstation: ${n.workstation}`);
    if (n.error) out.push(`  NTLM NEGOTIATE unreadable: ${n.error}`);
  }
  out.push('', `Ended: ${r.end.reason} — ${r.end.message}`);
  return `${out.join('\n')}\n`;
}

const MARK: Record<ComparisonStatus, string> = { ok: 'ok  ', fail: 'FAIL', warn: 'WARN', 'not-checked': '--  ' };
const CHANGE: Record<ChangeSide, string> = {
  client: 'change the CLIENT',
  server: 'change the SERVER',
  none: 'nothing to change',
  unknown: 'side not established',
};

/** The fixes of failing, then warning items, each once, in order. */
export function rankedFixes(items: readonly ComparisonItem[]): { id: FixId; why: string }[] {
  const seen = new Set<string>();
  const out: { id: FixId; why: string }[] = [];
  for (const status of ['fail', 'warn'] as const) {
    for (const item of items.filter((i) => i.status === status)) {
      for (const f of item.fixes) {
        if (seen.has(f.id)) continue;
        seen.add(f.id);
        out.push(f);
      }
    }
  }
  return out;
}

/** The comparison with the server, in the ranked-fix style of `explain`. */
export function formatComparison(target: string, items: readonly ComparisonItem[]): string {
  const lines = ['', `Compared with the server ${target}:`];
  if (items.length === 0) lines.push('  (nothing to compare: the client sent no security negotiation)');
  for (const i of items) {
    lines.push(
      `  ${MARK[i.status]} ${i.id.padEnd(17)} ${i.status === 'ok' || i.status === 'not-checked' ? '' : `[${CHANGE[i.change]}] `}${i.summary}`,
    );
  }
  const fixes = rankedFixes(items);
  if (fixes.length > 0) {
    lines.push('', 'Fixes, most likely first:');
    fixes.forEach((f, n) => {
      const fix = getFix(f.id);
      lines.push(`  ${n + 1}. ${fix?.title ?? f.id}  [${f.id}]`, `     why: ${f.why}`);
      if (fix) lines.push(`     where: ${fix.where}, risk ${fix.risk}`);
      if (n === 0 && fix) {
        fix.steps.forEach((step, k) => {
          lines.push(`     ${k + 1}) ${step}`);
        });
        for (const c of fix.commands) lines.push(`     $ ${c.command.split('\n').join('\n       ')}`);
      }
    });
  }
  return `${lines.join('\n')}\n`;
}
