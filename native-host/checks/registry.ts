/**
 * Every check the helper can run. A convention test asserts that each file in this folder that
 * exports a check is registered here, documented and tested.
 */
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

export const CHECKS: readonly Check[] = [
  // network checks: the RDP server (run together by probe/run.ts)
  reachabilityCheck,
  negotiationCheck,
  certificateCheck,
  ntlmInfoCheck,
  // local checks: this machine as client
  rdpClientsCheck,
  credsspPolicyCheck,
  clockCheck,
  proxyCheck,
  securityProductsCheck,
  // local checks: this machine as the Windows RDP server
  rdpListenerCheck,
  termserviceCheck,
  rdpCertStoreCheck,
  machinekeysCheck,
  firewallCheck,
  rdpEventsCheck,
];

export function getCheck(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}
