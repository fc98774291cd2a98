/**
 * RD Gateway: the error numbers its events print ("The following error occurred: "23003"", namespace
 * `gateway`) and the TerminalServices-Gateway events themselves (200–205, 300–304, namespace `event-id`).
 * The gateway's HRESULTs (E_PROXY_*) live in `hresult.ts`.
 */
import { type EntrySpec, family } from './define.js';
import type { CatalogEntry } from './types.js';

const EVENTS =
  'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/ee891388(v=ws.10)';
const EV201 =
  'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/ee891053(v=ws.10)';
const EV301 =
  'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/ee890850(v=ws.10)';
const EV304 = 'https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008/cc727375(v=ws.10)';
const g = family('gateway', { source: EVENTS, confidence: 'observed' });
const ev = family('event-id', { source: EVENTS, confidence: 'documented' });

const CAP: EntrySpec = {
  actor: 'gateway',
  causes: ['gateway-problem', 'no-remote-logon-right'],
  fixes: ['check-rd-gateway'],
  checks: ['rdp-events'],
};
const RAP: EntrySpec = {
  actor: 'gateway',
  causes: ['gateway-problem'],
  fixes: ['check-rd-gateway', 'connect-by-certificate-name'],
  checks: ['rdp-events'],
};

export const GATEWAY_CODES: readonly CatalogEntry[] = [
  g(
    23002,
    'RD Gateway error 23002',
    'The RD Gateway resource authorization policy (RD RAP) does not allow this user to reach the computer, often because the computer is named differently in the policy (FQDN, NetBIOS name or IP).',
    {
      ...RAP,
      source: `${EV301}; event 301 with error 23002 in github.com/aws-quickstart/quickstart-microsoft-rdgateway/issues/12`,
      labelOnly: true,
    },
  ),
  g(
    23003,
    'RD Gateway error 23003',
    'The user did not meet the RD Gateway connection authorization policy (RD CAP): not in its user group, wrong authentication method, or the NPS server refused the request.',
    {
      ...CAP,
      causes: ['gateway-problem', 'entra-conditional-access'],
      fixes: ['check-rd-gateway', 'review-conditional-access'],
      source: `${EV201}; event 201 with error 23003 reported with the NPS extension for Entra MFA (learn.microsoft.com/entra/identity/authentication/howto-mfa-nps-extension-rdg)`,
      labelOnly: true,
    },
  ),
];

export const GATEWAY_EVENTS: readonly CatalogEntry[] = [
  ev(
    200,
    'TerminalServices-Gateway 200',
    'The user met the RD Gateway connection authorization policy and may use the gateway.',
    {
      actor: 'none',
      notAnError: true,
      labelOnly: true,
    },
  ),
  ev(
    201,
    'TerminalServices-Gateway 201',
    'The user did not meet any RD Gateway connection authorization policy (RD CAP), so the gateway refused the connection; the error number in the event says why.',
    { ...CAP, source: EV201, labelOnly: true },
  ),
  ev(202, 'TerminalServices-Gateway 202', 'An administrator disconnected the user from the RD Gateway.', {
    actor: 'admin',
    causes: ['user-initiated'],
    fixes: ['check-rd-gateway'],
    labelOnly: true,
  }),
  ev(
    203,
    'TerminalServices-Gateway 203',
    'The RD Gateway reached its maximum number of connections and refused new ones.',
    {
      actor: 'gateway',
      causes: ['gateway-problem', 'session-policy-limit'],
      fixes: ['check-rd-gateway'],
      labelOnly: true,
    },
  ),
  ev(
    204,
    'TerminalServices-Gateway 204',
    'The user did not meet the Network Policy Server health (NAP) requirements for the RD Gateway.',
    { ...CAP, causes: ['gateway-problem'], labelOnly: true },
  ),
  ev(
    300,
    'TerminalServices-Gateway 300',
    'The user met the RD Gateway resource authorization policy for the computer.',
    {
      actor: 'none',
      notAnError: true,
      labelOnly: true,
    },
  ),
  ev(
    301,
    'TerminalServices-Gateway 301',
    'The user did not meet any RD Gateway resource authorization policy (RD RAP) for the computer, often because it is named differently in the policy.',
    { ...RAP, source: EV301, labelOnly: true },
  ),
  ev(302, 'TerminalServices-Gateway 302', 'The user connected to the computer through the RD Gateway.', {
    actor: 'none',
    notAnError: true,
    labelOnly: true,
  }),
  ev(303, 'TerminalServices-Gateway 303', 'The user disconnected from the computer behind the RD Gateway.', {
    actor: 'none',
    notAnError: true,
    labelOnly: true,
  }),
  ev(
    304,
    'TerminalServices-Gateway 304',
    'The user passed the RD Gateway policies but the gateway could not reach the computer (Remote Desktop off, user not allowed to log on, or no network path).',
    {
      actor: 'admin',
      causes: ['host-unreachable', 'rdp-disabled', 'no-remote-logon-right', 'firewall-blocks-port'],
      fixes: ['enable-remote-desktop', 'grant-remote-desktop-logon', 'open-firewall-and-nsg'],
      checks: ['reachability', 'rdp-events'],
      source: EV304,
      labelOnly: true,
    },
  ),
];
