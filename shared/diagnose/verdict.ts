/**
 * The one-line verdict shown first everywhere (popup, full view, `explain --host`, reports): what
 * the evidence establishes, in words, from typed facts ("The server's RDP certificate expired 2,498
 * days ago (on 2019-11-17)"), or honestly that nothing is confirmed yet.
 */
import { humanSkew } from '../protocol/duration.js';
import { type Fact, factOf, hasFinding } from './facts.js';
import type { DiagnosedCause, DiagnosedDetection, Verdict } from './types.js';

/** "1 day", "2,498 days": thousands separated, the unit agrees with the number. */
const count = (n: number, unit: string) => `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
const day = (iso: string) => iso.slice(0, 10);

/** A sentence for a confirmed cause, from the facts that confirmed it; undefined for a plain title. */
function confirmedSentence(cause: string, facts: readonly Fact[]): string | undefined {
  switch (cause) {
    case 'cert-expired': {
      const f = factOf(facts, 'cert.notAfter');
      if (f?.daysLeft !== undefined && f.daysLeft < 0)
        return `The server's RDP certificate expired ${count(-f.daysLeft, 'day')} ago (on ${day(f.value)})`;
      return undefined;
    }
    case 'cert-not-yet-valid': {
      const f = factOf(facts, 'cert.notBefore');
      return f ? `The server's RDP certificate is not valid until ${day(f.value)}` : undefined;
    }
    case 'cert-name-mismatch': {
      const f = factOf(facts, 'cert.nameMatches');
      return f?.commonName && f.typedName
        ? `The server's certificate is issued to "${f.commonName}", not to "${f.typedName}", the name you connect to`
        : undefined;
    }
    case 'cert-weak': {
      const f = factOf(facts, 'cert.keyBits');
      return f ? `The server's certificate has a ${f.value}-bit key, which current clients refuse` : undefined;
    }
    case 'clock-skew': {
      const f = factOf(facts, 'ntlm.skewMs');
      if (!f) return undefined;
      return `The server's clock is ${humanSkew(f.value, "ahead of this computer's", "behind this computer's")}`;
    }
    case 'dns-failure': {
      const f = factOf(facts, 'target.host');
      return f ? `The name ${f.value} does not resolve` : undefined;
    }
    case 'not-rdp-service':
      return 'Something other than Remote Desktop answers on this port';
    default:
      return undefined;
  }
}

/** A sentence for what the checks saw when no cause is confirmed. */
function observedSentence(facts: readonly Fact[]): string | undefined {
  if (factOf(facts, 'negotiation.answer')?.value === 'silent')
    return 'The port accepts connections, but nothing answers the RDP negotiation: most likely a hung Remote Desktop listener';
  if (hasFinding(facts, 'port-refused'))
    return 'The server refuses connections on the RDP port: Remote Desktop is off, its service is down, or it listens elsewhere';
  if (hasFinding(facts, 'port-timeout'))
    return 'Connections to the RDP port go unanswered: a firewall drops them, or the computer is off or unreachable';
  return undefined;
}

export function verdictOf(
  live: readonly DiagnosedCause[],
  facts: readonly Fact[],
  detections: readonly DiagnosedDetection[],
  checksRan: boolean,
): Verdict {
  const top = live[0];
  if (top?.state === 'confirmed') {
    return { text: confirmedSentence(top.id, facts) ?? top.title, causeId: top.id, state: 'confirmed' };
  }
  const observed = observedSentence(facts);
  if (observed && top) return { text: observed, causeId: top.id, state: top.state };
  if (top?.state === 'consistent') {
    return { text: `Not confirmed yet; the evidence fits best: ${top.title}`, causeId: top.id, state: top.state };
  }
  if (top) {
    const lead = checksRan
      ? 'No check confirmed a cause; from the codes, most likely'
      : 'From the codes alone (no checks yet), most likely';
    return { text: `${lead}: ${top.title}`, causeId: top.id, state: top.state };
  }
  const unknown = detections.find((d) => !d.known);
  if (unknown)
    return { text: `RDP Doctor does not know ${unknown.hex}; see where to look below`, causeId: null, state: 'none' };
  return {
    text: checksRan ? 'The checks found no problem on the server' : 'Nothing to diagnose yet',
    causeId: null,
    state: 'none',
  };
}
