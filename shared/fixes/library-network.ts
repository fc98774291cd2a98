/**
 * Fixes on the path between client and server: names, power and routes, firewalls and NSGs,
 * security software, the client itself, RD Gateway and Azure Virtual Desktop.
 */
import type { Fix } from './types.js';

const r = String.raw;

const SA_GENERAL = 'https://learn.microsoft.com/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting';
const SA_SPEC =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-specific-rdp-errors';
const AZ_RDP = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-rdp-connection';
const AVD_AGENT = 'https://learn.microsoft.com/azure/virtual-desktop/troubleshoot-agent';

export const NETWORK_FIXES: Fix[] = [
  {
    id: 'check-name-resolution',
    title: 'Fix the computer name or its DNS resolution',
    appliesWhen:
      '"Remote Desktop can\'t find the computer" (0x104, 0x208, 0x508, 0x604) or the probe found no address for the name.',
    where: 'client',
    risk: 'low',
    reversible: true,
    steps: [
      'Check the spelling; try the full name (FQDN) with its DNS suffix.',
      'Resolve the name from the client; if it fails, connect the VPN or use the DNS server that knows the name.',
      'Try the IP address to confirm the server itself is fine (certificate name warnings are expected then).',
      'For an Azure VM, download the .rdp file from the portal (Connect) to get the right address.',
      'On Linux, stale http_proxy/https_proxy variables can break FreeRDP name lookups through a gateway.',
    ],
    commands: [
      { shell: 'powershell', command: 'Resolve-DnsName -Name <host>', runOn: 'client' },
      { shell: 'cmd', command: 'ipconfig /flushdns && nslookup <host>', runOn: 'client' },
      { shell: 'bash', command: 'getent hosts <host> || echo "not resolved"', runOn: 'client' },
    ],
    source: `${SA_SPEC} ("Remote Desktop can't find the computer"); ${SA_GENERAL}`,
  },
  {
    id: 'check-host-power-and-route',
    title: 'Make sure the server is running and reachable from here',
    appliesWhen:
      'The host does not answer at all (unreachable, connection timed out 0x108/0x704) or is asleep or stopped.',
    where: 'network',
    risk: 'low',
    reversible: true,
    steps: [
      'Check that the machine is powered on and not asleep; for an Azure VM, check its power state and Resource health.',
      'Test the RDP port from the client and trace the route.',
      'On Azure, use Network Watcher Next hop to see whether a route table (UDR) or appliance diverts the traffic.',
      "If you connect over VPN, confirm the VPN is up and routes the server's subnet.",
    ],
    commands: [
      {
        shell: 'powershell',
        command: 'Test-NetConnection -ComputerName <host> -Port 3389 -InformationLevel Detailed',
        runOn: 'client',
      },
      { shell: 'cmd', command: 'tracert <host>', runOn: 'client' },
      {
        shell: 'azure-cli',
        command:
          'az vm get-instance-view --resource-group <resource-group> --name <vm-name> --query "instanceView.statuses[].displayStatus" -o tsv',
        runOn: 'cloud-shell',
      },
      {
        shell: 'azure-cli',
        command: 'az vm start --resource-group <resource-group> --name <vm-name>',
        runOn: 'cloud-shell',
      },
      {
        shell: 'azure-cli',
        command:
          'az network watcher show-next-hop --resource-group <resource-group> --vm <vm-name> --source-ip <vm-private-ip> --dest-ip <your-public-ip>',
        runOn: 'cloud-shell',
      },
    ],
    source: `${AZ_RDP}; https://learn.microsoft.com/azure/network-watcher/network-watcher-next-hop-overview`,
  },
  {
    id: 'open-firewall-and-nsg',
    title: 'Let TCP 3389 through the firewalls and the network security group',
    appliesWhen:
      'The port times out (filtered) or is refused by a firewall: Windows Firewall on the server, an Azure NSG, a corporate outbound firewall.',
    where: 'network',
    risk: 'medium',
    reversible: true,
    steps: [
      'On the server, enable the Windows Firewall group "Remote Desktop" (or a rule for your custom port).',
      'On Azure, run IP flow verify for inbound TCP 3389 from your public IP; it names the NSG rule that denies it.',
      'Add an allow rule limited to your public IP (never 0.0.0.0/0); prefer Azure Bastion or just-in-time access for internet-facing VMs.',
      'Check that your own network allows outbound TCP 3389 (some corporate and guest networks block it).',
      'Undo by removing the rule you added.',
    ],
    commands: [
      {
        shell: 'powershell',
        command:
          "Get-NetFirewallRule -DisplayGroup 'Remote Desktop' | Format-Table DisplayName, Enabled, Profile, Direction, Action",
        runOn: 'server',
      },
      { shell: 'powershell', command: "Enable-NetFirewallRule -DisplayGroup 'Remote Desktop'", runOn: 'server' },
      {
        shell: 'azure-cli',
        command:
          'az network watcher test-ip-flow --resource-group <resource-group> --vm <vm-name> --direction Inbound --protocol TCP --local <vm-private-ip>:3389 --remote <your-public-ip>:60000',
        runOn: 'cloud-shell',
        note: 'Says Allow or Deny and names the rule.',
      },
      {
        shell: 'azure-cli',
        command:
          'az network nsg rule create --resource-group <resource-group> --nsg-name <nsg-name> --name Allow-RDP-from-my-IP --priority 300 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes <your-public-ip>/32 --destination-port-ranges 3389',
        runOn: 'cloud-shell',
      },
    ],
    source: `${AZ_RDP}; https://learn.microsoft.com/azure/network-watcher/ip-flow-verify-overview; ${SA_GENERAL}`,
  },
  {
    id: 'allow-rdp-through-security-software',
    title: 'Stop antivirus or TLS inspection from breaking the RDP handshake',
    appliesWhen:
      'The TCP connection opens but the handshake is cut mid-way; endpoint protection (e.g. Bitdefender) or a TLS-inspecting firewall sits on the path.',
    where: 'client',
    risk: 'medium',
    reversible: true,
    steps: [
      'List the security products on the client (and server).',
      "Temporarily turn off the product's network or firewall protection, or add an exception for mstsc.exe (client) / TermService (server) and TCP 3389, then retry.",
      'On a TLS-inspecting firewall or proxy, exclude RDP traffic (TCP 3389, or the RD Gateway host on 443) from inspection.',
      'If that was it, keep a narrow exception and turn protection back on; report it to the vendor.',
    ],
    commands: [
      {
        shell: 'powershell',
        command:
          'Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | Select-Object displayName, productState',
        runOn: 'client',
        note: 'Windows client editions only.',
      },
      {
        shell: 'powershell',
        command: 'Test-NetConnection -ComputerName <host> -Port 3389',
        runOn: 'client',
        note: 'TCP succeeds but RDP fails: the handshake is being interrupted.',
      },
    ],
    source: `${SA_GENERAL}; RDP Doctor seed guidance (firewalls and endpoint protection dropping the RDP handshake)`,
  },
  {
    id: 'update-rdp-client',
    title: 'Update the Remote Desktop client',
    appliesWhen: 'The client is old for the server (protocol errors, missing CredSSP/TLS support, known client bugs).',
    where: 'client',
    risk: 'low',
    reversible: false,
    steps: [
      'Windows: install the latest Windows updates (mstsc ships with Windows) and update Windows App / Remote Desktop from the Microsoft Store.',
      'macOS and iOS: update Windows App from the App Store.',
      'Linux: update FreeRDP/Remmina from your distribution (FreeRDP 2.11 or later).',
      'Reconnect and compare.',
    ],
    commands: [
      {
        shell: 'powershell',
        command: r`(Get-Item "$env:windir\System32\mstsc.exe").VersionInfo.ProductVersion`,
        runOn: 'client',
      },
      { shell: 'bash', command: 'xfreerdp /version', runOn: 'client' },
      {
        shell: 'bash',
        command: 'sudo apt-get update && sudo apt-get install --only-upgrade freerdp2-x11 remmina',
        runOn: 'client',
        note: 'Debian/Ubuntu.',
      },
    ],
    source: 'https://learn.microsoft.com/windows-server/remote/remote-desktop-services/clients/remote-desktop-clients',
  },
  {
    id: 'check-rd-gateway',
    title: 'Check the RD Gateway: reachability, certificate and authorization policies',
    appliesWhen:
      'The connection goes through an RD Gateway and it refuses (E_PROXY_* codes) or cannot reach the target.',
    where: 'gateway',
    risk: 'low',
    reversible: true,
    steps: [
      'Check that the gateway answers on TCP 443 and that its certificate is valid and trusted by the client.',
      'In RD Gateway Manager, check the RD CAP (who may connect) and the RD RAP (to which computers); the RAP must list the target by the exact name the client uses (FQDN vs NetBIOS vs IP).',
      'Check that the gateway can reach the target on TCP 3389 (E_PROXY_TS_CONNECTFAILED).',
      "Read the gateway's operational log for the refused connection.",
    ],
    commands: [
      { shell: 'powershell', command: 'Test-NetConnection -ComputerName <gateway> -Port 443', runOn: 'client' },
      {
        shell: 'powershell',
        command:
          "Get-WinEvent -LogName 'Microsoft-Windows-TerminalServices-Gateway/Operational' -MaxEvents 50 | Format-List TimeCreated, Id, Message",
        runOn: 'gateway',
      },
      { shell: 'powershell', command: 'Test-NetConnection -ComputerName <target> -Port 3389', runOn: 'gateway' },
    ],
    source:
      '[MS-TSGU] Terminal Services Gateway Server Protocol (E_PROXY_* codes); https://learn.microsoft.com/windows-server/remote/remote-desktop-services/remote-desktop-gateway-role',
  },
  {
    id: 'check-avd-session-host',
    title: "Check the Azure Virtual Desktop session hosts and the user's assignment",
    appliesWhen:
      'AVD says no resources are available, the session host is unhealthy or unregistered, or the user is not authorized (0x3000046, 0x3000047, ConnectionFailedNoHealthyRdshAvailable).',
    where: 'broker',
    risk: 'low',
    reversible: true,
    steps: [
      'In the portal, open the host pool > Session hosts: status must be Available, "Allow new sessions" on (no drain mode), and VMs running.',
      'On an unavailable host, check the agent services and registration; if the token expired, generate a new one and re-register.',
      "Check the user is assigned to the application group (Desktop Virtualization User) and refresh the client's feed.",
      'Check max session limits on the host pool.',
    ],
    commands: [
      {
        shell: 'powershell',
        command:
          'Get-AzWvdSessionHost -ResourceGroupName <resource-group> -HostPoolName <host-pool> | Format-Table Name, Status, AllowNewSession, Session, UpdateState',
        runOn: 'admin-workstation',
        note: 'Az.DesktopVirtualization module.',
      },
      {
        shell: 'powershell',
        command: r`Get-Service -Name RDAgentBootLoader, RDAgent; Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\RDInfraAgent' | Select-Object IsRegistered`,
        runOn: 'session-host',
      },
      {
        shell: 'powershell',
        command:
          'New-AzWvdRegistrationInfo -ResourceGroupName <resource-group> -HostPoolName <host-pool> -ExpirationTime (Get-Date).AddHours(4)',
        runOn: 'admin-workstation',
        note: 'New registration token if the old one expired.',
      },
    ],
    source: `${AVD_AGENT}; https://learn.microsoft.com/azure/virtual-desktop/diagnostics-role-service`,
  },
  {
    id: 'check-avd-network-transport',
    title: 'Check the Azure Virtual Desktop network path (reverse connect, Shortpath, heartbeat)',
    appliesWhen:
      'AVD connections drop or fail in transport: ReverseConnectFailed, ConnectionBrokenMissedHeartbeatThresholdExceeded, ShortpathTransportNetworkDrop, UnexpectedNetworkDisconnect.',
    where: 'network',
    risk: 'low',
    reversible: true,
    steps: [
      'On the session host, check that the required AVD URLs are reachable (Required URL Check tool) and not blocked by a proxy or firewall.',
      'On the client, run avdnettest.exe to test STUN/TURN reachability for RDP Shortpath.',
      "Look at the connection's round-trip time in the client's Connection information; above ~150 ms, fix the user's network first.",
      'Query the AVD diagnostics (WVDErrors) for the exact error names and when they happen.',
    ],
    commands: [
      {
        shell: 'azure-cli',
        command:
          'az monitor log-analytics query --workspace <workspace-id> --analytics-query "WVDErrors | where TimeGenerated > ago(1d) | summarize count() by CodeSymbolic"',
        runOn: 'cloud-shell',
      },
      {
        shell: 'cmd',
        command: 'avdnettest.exe',
        runOn: 'client',
        note: "Microsoft's STUN/TURN connectivity test for Shortpath.",
      },
    ],
    source: `https://learn.microsoft.com/azure/virtual-desktop/troubleshoot-rdp-shortpath; ${AVD_AGENT}; https://learn.microsoft.com/azure/virtual-desktop/diagnostics-role-service`,
  },
  {
    id: 'fix-windows365-network-connection',
    title: 'Fix the failed Windows 365 Azure network connection check, then retry it',
    appliesWhen:
      'A Windows 365 Azure network connection (ANC) health check failed (dnsCheck…, adJoinCheck…, endpointConnectivityCheck…, permissionCheck…, resourceAvailabilityCheck…).',
    where: 'azure-portal',
    risk: 'low',
    reversible: true,
    steps: [
      'In the Intune admin center open Devices > Windows 365 > Azure network connection, select the connection and open the failed check ("View details").',
      'Fix what the check names: the vNet DNS servers must resolve the domain; the domain-join account needs valid, unexpired credentials and rights on the OU; the required URLs must pass the firewall and proxy; the Cloud PC service principal needs its roles on the subscription, resource group and vNet.',
      'Select "Retry" to run the health checks again, and only then provision or restart the Cloud PCs.',
    ],
    commands: [
      {
        shell: 'powershell',
        command: 'Resolve-DnsName -Name _ldap._tcp.dc._msdcs.<your-ad-domain> -Type SRV',
        runOn: 'server',
        note: 'Run on a VM in the same vNet: it must find your domain controllers.',
      },
    ],
    source:
      'https://learn.microsoft.com/windows-365/enterprise/health-checks; https://learn.microsoft.com/graph/api/resources/cloudpconpremisesconnectionhealthcheck',
  },
];
