/**
 * The implementation of every check in the shared registry (`shared/protocol/checks.ts`), which
 * decides the order, where each runs and which request runs it. A convention test asserts that
 * each file in this folder that exports a check is registered here, documented and tested, and
 * that its id, title, kind and platforms are those of the shared registry.
 */
import { CHECK_SPECS, type CheckId } from '../../shared/protocol/checks.js';
import { certificateCheck } from './certificate.js';
import { clockCheck } from './clock.js';
import { credsspPolicyCheck } from './credssp-policy.js';
import { firewallCheck } from './firewall.js';
import { machinekeysCheck } from './machinekeys.js';
import { negotiationCheck } from './negotiation.js';
import { ntlmInfoCheck } from './ntlm-info.js';
import { proxyCheck } from './proxy.js';
import { rdpCertStoreCheck } from './rdp-cert-store.js';
import { rdpClientsCheck } from './rdp-clients.js';
import { rdpEventsCheck } from './rdp-events.js';
import { rdpListenerCheck } from './rdp-listener.js';
import { reachabilityCheck } from './reachability.js';
import { securityProductsCheck } from './security-products.js';
import { termserviceCheck } from './termservice.js';
import type { Check } from './types.js';

/** One implementation per registry id: a registry line without an implementation does not compile. */
const IMPLEMENTATIONS: Readonly<Record<CheckId, Check>> = {
  reachability: reachabilityCheck,
  negotiation: negotiationCheck,
  certificate: certificateCheck,
  'ntlm-info': ntlmInfoCheck,
  'rdp-clients': rdpClientsCheck,
  'credssp-policy': credsspPolicyCheck,
  clock: clockCheck,
  proxy: proxyCheck,
  'security-products': securityProductsCheck,
  'rdp-listener': rdpListenerCheck,
  termservice: termserviceCheck,
  'rdp-cert-store': rdpCertStoreCheck,
  machinekeys: machinekeysCheck,
  firewall: firewallCheck,
  'rdp-events': rdpEventsCheck,
};

/** Every check, in the shared registry's order. */
export const CHECKS: readonly Check[] = CHECK_SPECS.map((spec) => IMPLEMENTATIONS[spec.id]);

export function getCheck(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}

const WHERE_WORDS = {
  network: 'the server, over the network',
  client: 'this computer as the client',
  server: 'this computer as the RDP server',
} as const;

/** docs/checks.md, rendered from the registry (a test keeps the file in step; `UPDATE_DOCS=1` rewrites it). */
export function checksDoc(): string {
  const out = [
    '# Checks',
    '',
    'Generated from the check registry (`shared/protocol/checks.ts` + `native-host/checks/registry.ts`); do not edit by hand.',
    '',
    '| Check | Title | Looks at | Looks from / at | Platforms | Helper request |',
    '|---|---|---|---|---|---|',
  ];
  for (const spec of CHECK_SPECS) {
    const cells = [
      `\`${spec.id}\``,
      spec.title,
      spec.looksAt,
      WHERE_WORDS[spec.where],
      spec.platforms.join(', '),
      spec.capability,
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  out.push('');
  for (const spec of CHECK_SPECS) out.push(`## \`${spec.id}\``, '', IMPLEMENTATIONS[spec.id].description, '');
  return `${out.join('\n').trimEnd()}\n`;
}
