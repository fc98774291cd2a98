/**
 * Fixes for access paths and client-side details: smart cards, AVD assignment, the Connection Broker,
 * unstable networks, client options, Kerberos names, revocation checks, the client license store,
 * waiting for a starting VM, and RemoteApp publishing.
 */
import type { Fix } from './types.js';

const r = String.raw;

const SA_SPEC =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-specific-rdp-errors';

export const ACCESS_FIXES: Fix[] = [
  {
    id: 'check-smart-card',
    title: 'Check the smart card, its reader and its PIN',
    appliesWhen:
      'Smart-card sign-in failed: wrong PIN (0x1C07), card blocked (0x2207), or the card is not seen by the client.',
    where: 'client',
    risk: 'low',
    reversible: true,
    steps: [
      'Check that the card is inserted and the reader is listed on the client.',
      'If the PIN was wrong too often the card is blocked: ask the card administrator to unblock it with the PUK/admin key.',
      'Make sure the RDP connection redirects smart cards (Local Resources > More > Smart cards).',
    ],
    commands: [
      {
        shell: 'cmd',
        command: 'certutil -scinfo -silent',
        runOn: 'client',
        note: 'Lists readers and the certificates on the card.',
      },
    ],
    source: 'https://learn.microsoft.com/windows/win32/termserv/imstscaxevents-ondisconnected (SSL_ERR_SMARTCARD_*)',
  },
  {
    id: 'assign-avd-app-group',
    title: 'Assign the user to the Azure Virtual Desktop application group and refresh the feed',
    appliesWhen:
      'AVD says the user is not authorized (ConnectionFailedUserNotAuthorized) or the desktop/app vanished from the feed.',
    where: 'broker',
    risk: 'low',
    reversible: true,
    steps: [
      'In the portal, open the application group > Assignments and add the user or their group.',
      'Make sure the application group is registered to a workspace.',
      'In the client, refresh (or unsubscribe and subscribe again to) the workspace feed.',
    ],
    commands: [
      {
        shell: 'azure-cli',
        command:
          'az role assignment create --role "Desktop Virtualization User" --assignee <user@domain.com> --scope $(az desktopvirtualization applicationgroup show --resource-group <resource-group> --name <app-group> --query id -o tsv)',
        runOn: 'cloud-shell',
        note: 'Needs the desktopvirtualization CLI extension.',
      },
    ],
    source:
      'https://learn.microsoft.com/azure/virtual-desktop/diagnostics-role-service; https://learn.microsoft.com/azure/virtual-desktop/app-groups',
  },
  {
    id: 'check-rd-connection-broker',
    title: 'Check the RD Connection Broker and its target hosts',
    appliesWhen:
      'The broker could not find, wake, start or redirect to a session host (ERRINFO_CB_* 0x400–0x412, events 2056/1296).',
    where: 'broker',
    risk: 'low',
    reversible: true,
    steps: [
      'On the broker, check that the Remote Desktop Connection Broker service runs and its database is reachable.',
      'Check that the collection has session hosts that allow new connections and are running.',
      'Read the SessionBroker operational logs around the failure (2056 "Logon to the database failed" usually means the broker host was renamed).',
    ],
    commands: [
      { shell: 'powershell', command: 'Get-Service -Name Tssdis | Format-Table Name, Status', runOn: 'server' },
      {
        shell: 'powershell',
        command: 'Get-RDSessionHost -CollectionName <collection> -ConnectionBroker <broker-fqdn>',
        runOn: 'server',
        note: 'RemoteDesktop module; NewConnectionAllowed must be Yes.',
      },
      {
        shell: 'powershell',
        command:
          "Get-WinEvent -LogName 'Microsoft-Windows-TerminalServices-SessionBroker/Operational' -MaxEvents 50 | Format-List TimeCreated, Id, Message",
        runOn: 'server',
      },
    ],
    source: `MS-RDPBCGR 2.2.5.1.1 (ERRINFO_CB_*); https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton`,
  },
  {
    id: 'check-network-stability',
    title: 'Stabilise the network path of an established session',
    appliesWhen: 'A working session drops (0x304, 0x404, 0x80070040, heartbeat misses) over Wi-Fi, VPN or NAT.',
    where: 'network',
    risk: 'low',
    reversible: true,
    steps: [
      'Try a wired connection or another network to see whether the drops follow the network.',
      'On VPNs, test for MTU problems (large packets dropped) and lower the tunnel MTU if needed.',
      'Check for NAT or firewall idle timeouts shorter than a few minutes; keep-alives or a longer timeout help.',
      'Watch latency and loss while connected.',
    ],
    commands: [
      {
        shell: 'cmd',
        command: 'ping -f -l 1372 <host>',
        runOn: 'client',
        note: '"Packet needs to be fragmented" means the path MTU is smaller; lower -l to find it.',
      },
      {
        shell: 'powershell',
        command: 'Test-Connection -TargetName <host> -Count 50 | Measure-Object -Property Latency -Average -Maximum',
        runOn: 'client',
        note: 'PowerShell 7.',
      },
      { shell: 'bash', command: 'mtr -rwc 50 <host>', runOn: 'client' },
    ],
    source: `https://learn.microsoft.com/windows/win32/termserv/imstscaxevents-ondisconnected; https://learn.microsoft.com/azure/virtual-desktop/troubleshoot-rdp-shortpath`,
  },
  {
    id: 'fix-client-options',
    title: 'Correct the address or options given to the client',
    appliesWhen:
      'The client was given an invalid address (0x308, 0x804) or options it cannot use (FreeRDP pre-connect errors).',
    where: 'client',
    risk: 'low',
    reversible: true,
    steps: [
      'Check the address for typos, stray spaces or a port in the wrong place (host:port, and [IPv6]:port).',
      'Open the .rdp file in a text editor and check "full address" and any options you added by hand.',
      'For FreeRDP, run with only /v: and /u: first, then add options back one by one.',
    ],
    commands: [
      {
        shell: 'powershell',
        command: r`Select-String -Path .\<connection>.rdp -Pattern '^full address'`,
        runOn: 'client',
      },
      { shell: 'bash', command: 'xfreerdp /v:<host>:<port> /u:<user>', runOn: 'client' },
    ],
    source:
      'https://learn.microsoft.com/windows/win32/termserv/imstscaxevents-ondisconnected; https://learn.microsoft.com/azure/virtual-desktop/rdp-properties',
  },
  {
    id: 'fix-kerberos-spn',
    title: 'Connect by the real host name or fix its service principal name',
    appliesWhen:
      'SEC_E_WRONG_PRINCIPAL ("The target principal name is incorrect"): connecting by an alias or IP, or a duplicate TERMSRV SPN.',
    where: 'domain-policy',
    risk: 'medium',
    reversible: true,
    steps: [
      "Connect by the server's real FQDN instead of an alias, CNAME or IP address.",
      'If an alias is required, register TERMSRV/<alias> on the computer account (domain admin).',
      'Look for duplicate SPNs: the same TERMSRV name on two accounts breaks Kerberos.',
    ],
    commands: [
      { shell: 'cmd', command: 'setspn -L <server-computer-name>', runOn: 'domain-controller' },
      {
        shell: 'cmd',
        command: 'setspn -X -F',
        runOn: 'domain-controller',
        note: 'Finds duplicate SPNs in the forest.',
      },
      {
        shell: 'cmd',
        command: 'setspn -S TERMSRV/<alias-fqdn> <server-computer-name>',
        runOn: 'domain-controller',
        note: 'Undo with setspn -D.',
      },
    ],
    source:
      'https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-service-principal-names; SEC_E_WRONG_PRINCIPAL (winerror.h)',
  },
  {
    id: 'make-revocation-reachable',
    title: 'Let the client reach the certificate revocation list (or replace a revoked certificate)',
    appliesWhen:
      'CRYPT_E_NO_REVOCATION_CHECK / CRYPT_E_REVOCATION_OFFLINE: the CRL or OCSP address of the server or gateway certificate cannot be reached, or the certificate is revoked.',
    where: 'network',
    risk: 'low',
    reversible: true,
    steps: [
      'Export the server or gateway certificate and read its CRL Distribution Points and Authority Information Access URLs.',
      'Check that the client can reach those URLs (proxy and firewall rules).',
      'If the certificate is revoked, issue and bind a new one.',
    ],
    commands: [
      {
        shell: 'cmd',
        command: r`certutil -verify -urlfetch .\<server-cert>.cer`,
        runOn: 'client',
        note: 'Fetches every CRL/AIA URL and reports which fail.',
      },
    ],
    source:
      'https://learn.microsoft.com/windows-server/administration/windows-commands/certutil; CRYPT_E_REVOCATION_OFFLINE (winerror.h)',
  },
  {
    id: 'clear-client-license-store',
    title: "Clear the client's stored RDS license",
    appliesWhen:
      "The server rejects the client's stored license: HWID mismatch, bad client license or bad licensing message (extended 0x103–0x105).",
    where: 'client',
    risk: 'low',
    reversible: true,
    steps: [
      'Back up and delete the MSLicensing key on the client.',
      'Start Remote Desktop Connection once with "Run as administrator" so the key can be recreated, then connect.',
    ],
    commands: [
      {
        shell: 'cmd',
        command: r`reg export "HKLM\SOFTWARE\Microsoft\MSLicensing" C:\mslicensing-backup.reg /y`,
        runOn: 'client',
      },
      {
        shell: 'cmd',
        command: r`reg delete "HKLM\SOFTWARE\Microsoft\MSLicensing" /f`,
        runOn: 'client',
        note: 'Elevated prompt; undo by importing the backup.',
      },
    ],
    source:
      'MS-RDPELE (client license store); https://learn.microsoft.com/windows/win32/termserv/extendeddisconnectreasoncode',
  },
  {
    id: 'wait-and-retry',
    title: 'Wait a few minutes and retry',
    appliesWhen:
      'The target is starting or waking (ERRCONNECT_TARGET_BOOTING, broker VM boot) or a transient limit was hit.',
    where: 'client',
    risk: 'low',
    reversible: true,
    steps: [
      'Wait up to five minutes: a Cloud PC or pooled VM may be starting.',
      'Retry once; if the same code returns, follow the next fix.',
    ],
    commands: [],
    source:
      'FreeRDP include/freerdp/error.h (ERRCONNECT_TARGET_BOOTING); MS-RDPBCGR 2.2.5.1.1 (ERRINFO_CB_SESSION_ONLINE_VM_BOOT)',
  },
  {
    id: 'check-remoteapp-publishing',
    title: 'Check that the RemoteApp is published and installed on every host',
    appliesWhen:
      'A RemoteApp does not start (AVD FileNotFound, RAIL exec error, logoff right after connecting) or is published under another name.',
    where: 'broker',
    risk: 'low',
    reversible: true,
    steps: [
      'In the collection or AVD application group, check the application alias and path.',
      'Check that the program exists at that path on every session host.',
      'Newly installed apps may need the user to sign out and back in.',
    ],
    commands: [
      {
        shell: 'powershell',
        command: 'Get-RDRemoteApp -CollectionName <collection> | Format-Table Alias, DisplayName, FilePath',
        runOn: 'server',
      },
      {
        shell: 'powershell',
        command:
          'Get-AzWvdApplication -ResourceGroupName <resource-group> -GroupName <app-group> | Format-Table Name, FilePath',
        runOn: 'admin-workstation',
      },
    ],
    source: `https://learn.microsoft.com/azure/virtual-desktop/diagnostics-role-service (FileNotFound); ${SA_SPEC}`,
  },
];
