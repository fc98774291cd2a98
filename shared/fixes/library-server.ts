/**
 * Fixes on the RDP server itself: the service, the listener, its security layer, NLA and encryption.
 */
import type { Fix } from './types.js';

const r = String.raw;

const SA_GENERAL = 'https://learn.microsoft.com/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting';
const SA_INTERNAL =
  'https://learn.microsoft.com/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine';
const SA_AUTH = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/cannot-connect-rdp-azure-vm';
const RESET_RDP = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/reset-rdp';
const RUN_COMMAND = 'https://learn.microsoft.com/azure/virtual-machines/windows/run-command';
const RDP_TCP = r`HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\WinStations\RDP-Tcp`;
const SECURITY_GPO = r`Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Security`;

export const SERVER_FIXES: Fix[] = [
  {
    id: 'restart-remote-desktop-services',
    title: 'Restart Remote Desktop Services on the server',
    appliesWhen:
      'The RDP service is stopped or hung, or its listener is not listening (qwinsta shows no rdp-tcp in Listen).',
    where: 'server',
    risk: 'medium',
    reversible: true,
    steps: [
      'On the server (console, another admin session, or Azure Run Command), check the state of TermService, SessionEnv and UmRdpService.',
      'Open services.msc, find "Remote Desktop Services" and click Restart (this disconnects all RDP sessions on the server).',
      'Run qwinsta and confirm that rdp-tcp is in the Listen state.',
      'If the service will not start, read the System log for TermService and RemoteConnectionManager errors.',
    ],
    commands: [
      {
        shell: 'powershell',
        command: 'Get-Service -Name TermService, SessionEnv, UmRdpService | Format-Table Name, Status, StartType',
        runOn: 'server',
      },
      {
        shell: 'powershell',
        command: 'Restart-Service -Name TermService -Force',
        runOn: 'server',
        note: 'Elevated; also restarts dependent services and disconnects every RDP session.',
      },
      { shell: 'cmd', command: 'qwinsta', runOn: 'server', note: 'rdp-tcp must show "Listen".' },
      {
        shell: 'azure-cli',
        command:
          'az vm run-command invoke --resource-group <resource-group> --name <vm-name> --command-id RunPowerShellScript --scripts "Restart-Service -Name TermService -Force; qwinsta"',
        runOn: 'cloud-shell',
        note: 'Azure VM you cannot reach over RDP.',
      },
    ],
    source: `${SA_GENERAL}; ${RESET_RDP}`,
  },
  {
    id: 'enable-remote-desktop',
    title: 'Turn on Remote Desktop on the server (and find the policy that turned it off)',
    appliesWhen:
      'fDenyTSConnections is 1, or the policy "Allow users to connect remotely by using Remote Desktop Services" is Disabled.',
    where: 'server',
    risk: 'medium',
    reversible: true,
    steps: [
      'On the server, open Settings > System > Remote Desktop (or System Properties > Remote) and turn Remote Desktop on.',
      'Enable the Windows Firewall rule group "Remote Desktop".',
      r`If it turns itself off again, a Group Policy disables it: run gpresult /H and look for Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Connections > "Allow users to connect remotely by using Remote Desktop Services"; change it in the winning GPO.`,
      'To undo, set fDenyTSConnections back to 1.',
    ],
    commands: [
      {
        shell: 'cmd',
        command: r`reg query "HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server" /v fDenyTSConnections`,
        runOn: 'server',
        note: '0 = allowed, 1 = denied.',
      },
      {
        shell: 'cmd',
        command: r`reg query "HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services" /v fDenyTSConnections`,
        runOn: 'server',
        note: 'A value here comes from Group Policy and wins over the local setting.',
      },
      {
        shell: 'powershell',
        command: r`Set-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server' -Name fDenyTSConnections -Value 0; Enable-NetFirewallRule -DisplayGroup 'Remote Desktop'`,
        runOn: 'server',
        note: 'Elevated PowerShell.',
      },
      { shell: 'cmd', command: r`gpresult /H C:\gpresult.html`, runOn: 'server', note: 'Shows the winning GPO.' },
      {
        shell: 'azure-cli',
        command: 'az vm user reset-remote-desktop --resource-group <resource-group> --name <vm-name>',
        runOn: 'cloud-shell',
        note: 'Azure VM: re-enables Remote Desktop and its firewall rule through the VMAccess extension.',
      },
    ],
    source: `${SA_GENERAL}; ${RESET_RDP}`,
  },
  {
    id: 'fix-listener-port',
    title: 'Check the RDP listener port and free it from conflicts',
    appliesWhen:
      'The connection is refused on the expected port: RDP listens on another port, or another program holds the port.',
    where: 'server',
    risk: 'medium',
    reversible: true,
    steps: [
      'Read PortNumber of the RDP-Tcp listener (default 3389).',
      'Find which process listens on that port; if it is not svchost hosting TermService, another program took it.',
      'Either connect to the configured port (host:port) or set PortNumber back to 3389, allow it in the firewall and restart Remote Desktop Services.',
      'On Azure, update the NSG rule to the same port.',
    ],
    commands: [
      {
        shell: 'cmd',
        command: r`reg query "${RDP_TCP}" /v PortNumber`,
        runOn: 'server',
        note: 'The value is shown in hex: 0xd3d = 3389.',
      },
      { shell: 'cmd', command: 'netstat -ano | findstr :3389', runOn: 'server', note: 'The last column is the PID.' },
      { shell: 'cmd', command: 'tasklist /svc /FI "PID eq <pid>"', runOn: 'server' },
      {
        shell: 'powershell',
        command: r`Set-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server\WinStations\RDP-Tcp' -Name PortNumber -Value 3389; Restart-Service -Name TermService -Force`,
        runOn: 'server',
        note: 'Disconnects current sessions.',
      },
      {
        shell: 'azure-cli',
        command:
          'az vm run-command invoke --resource-group <resource-group> --name <vm-name> --command-id RunPowerShellScript --scripts "Get-ItemProperty -Path \'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp\' -Name PortNumber; netstat -ano | findstr LISTENING"',
        runOn: 'cloud-shell',
        note: 'Azure VM: shows the configured port and listeners. The portal Run command "SetRDPPort" resets the port and its firewall rule.',
      },
    ],
    source: `${SA_GENERAL}; ${RUN_COMMAND} (SetRDPPort)`,
  },
  {
    id: 'reset-rdp-configuration-azure',
    title: 'Reset the RDP configuration of the Azure VM',
    appliesWhen:
      'An Azure VM refuses RDP after a configuration change (RDP disabled, listener or firewall rule broken, wrong port) and you cannot sign in to repair it.',
    where: 'azure-portal',
    risk: 'low',
    reversible: false,
    steps: [
      'In the Azure portal, open the VM > Help > Reset password.',
      'Choose Mode "Reset configuration only" and select Update (this runs the VMAccess extension; the password is not changed).',
      'Wait until the operation succeeds, then reconnect.',
      'If it still fails, run the RDPSettings run command to see which registry or policy values differ from defaults.',
    ],
    commands: [
      {
        shell: 'azure-cli',
        command: 'az vm user reset-remote-desktop --resource-group <resource-group> --name <vm-name>',
        runOn: 'cloud-shell',
      },
      {
        shell: 'azure-cli',
        command: 'az vm run-command invoke --resource-group <resource-group> --name <vm-name> --command-id RDPSettings',
        runOn: 'cloud-shell',
        note: 'Reports RDP registry and policy settings and suggests fixes.',
      },
    ],
    source: `${RESET_RDP}; ${RUN_COMMAND}; https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-rdp-connection`,
  },
  {
    id: 'adjust-nla-setting',
    title: 'Check the server NLA requirement (turn it off only briefly to recover access)',
    appliesWhen:
      'NLA fails for reasons the client cannot fix (password must change, domain controller unreachable, CredSSP mismatch) and you need a way in, or NLA is off where policy wants it on.',
    where: 'server',
    risk: 'high',
    reversible: true,
    steps: [
      'Read UserAuthentication of RDP-Tcp and the policy value; 1 = NLA required.',
      `To recover access only: set it to 0 (or run the DisableNLA run command on Azure), connect, fix the underlying cause (password, domain trust, patches).`,
      `Turn NLA back on at once: System Properties > Remote > "Allow connections only from computers running Remote Desktop with Network Level Authentication", or the policy ${SECURITY_GPO} > "Require user authentication for remote connections by using Network Level Authentication".`,
      'Without NLA anyone who reaches the port gets a logon screen; keep the window short and the port restricted.',
    ],
    commands: [
      { shell: 'cmd', command: r`reg query "${RDP_TCP}" /v UserAuthentication`, runOn: 'server' },
      {
        shell: 'cmd',
        command: r`reg add "${RDP_TCP}" /v UserAuthentication /t REG_DWORD /d 0 /f`,
        runOn: 'server',
        note: 'Temporary. Undo with /d 1.',
      },
      {
        shell: 'azure-cli',
        command: 'az vm run-command invoke --resource-group <resource-group> --name <vm-name> --command-id DisableNLA',
        runOn: 'cloud-shell',
        note: 'Azure VM; restart the VM afterwards, and re-enable NLA when done.',
      },
      {
        shell: 'cmd',
        command: r`reg add "${RDP_TCP}" /v UserAuthentication /t REG_DWORD /d 1 /f`,
        runOn: 'server',
        note: 'Re-enable NLA.',
      },
    ],
    source: `${SA_INTERNAL}; ${SA_AUTH}; ${RUN_COMMAND} (DisableNLA)`,
  },
  {
    id: 'enable-nla-on-client',
    title: 'Let the client use Network Level Authentication (CredSSP)',
    appliesWhen:
      'The server requires NLA (HYBRID_REQUIRED_BY_SERVER) and the client has CredSSP turned off or is a client that defaults to TLS or standard RDP security.',
    where: 'client',
    risk: 'low',
    reversible: true,
    steps: [
      'In the .rdp file you use, remove the line enablecredsspsupport:i:0 (or set it to 1).',
      'FreeRDP/Remmina: choose security "NLA" (/sec:nla) and give user name, domain and password up front.',
      'Old Windows clients without CredSSP must be updated; there is no safe server-side workaround.',
    ],
    commands: [
      {
        shell: 'powershell',
        command: r`Select-String -Path .\<connection>.rdp -Pattern 'enablecredsspsupport'`,
        runOn: 'client',
        note: 'No output, or ":i:1", is what you want.',
      },
      { shell: 'bash', command: 'xfreerdp /v:<server> /u:<user> /d:<domain> /sec:nla', runOn: 'client' },
    ],
    source:
      'MS-RDPBCGR 2.2.1.2.2 (HYBRID_REQUIRED_BY_SERVER); https://learn.microsoft.com/azure/virtual-desktop/rdp-properties (enablecredsspsupport)',
  },
  {
    id: 'force-rdp-security-layer',
    title: 'Set the RDP security layer explicitly by Group Policy',
    appliesWhen:
      'Client and server disagree on the security layer (standard RDP vs TLS), e.g. SSL_NOT_ALLOWED_BY_SERVER, SSL_REQUIRED_BY_SERVER, or an encryption mismatch after a hardening change.',
    where: 'domain-policy',
    risk: 'medium',
    reversible: true,
    steps: [
      `Open gpedit.msc (or the GPO that targets the server) and go to ${SECURITY_GPO}.`,
      'Enable "Require use of specific security layer for remote (RDP) connections" and choose SSL (TLS), or Negotiate if old clients must connect.',
      'Choose RDP (standard RDP security) only as a short test: it does not authenticate the server.',
      'Run gpupdate /force on the server, then reconnect. To undo, set the policy back to Not Configured.',
    ],
    commands: [
      {
        shell: 'cmd',
        command: r`reg query "${RDP_TCP}" /v SecurityLayer`,
        runOn: 'server',
        note: '0 = RDP, 1 = Negotiate, 2 = SSL/TLS.',
      },
      {
        shell: 'cmd',
        command: r`reg query "HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services" /v SecurityLayer`,
        runOn: 'server',
        note: 'Policy value; wins over the listener value.',
      },
      { shell: 'cmd', command: 'gpupdate /force', runOn: 'server' },
      {
        shell: 'cmd',
        command: r`reg add "${RDP_TCP}" /v SecurityLayer /t REG_DWORD /d 2 /f`,
        runOn: 'server',
        note: 'Without Group Policy: require TLS on the listener.',
      },
    ],
    source: `https://learn.microsoft.com/windows/win32/termserv/win32-tsgeneralsetting-setsecuritylayer; ${SA_INTERNAL}`,
  },
  {
    id: 'align-tls-and-cipher-suites',
    title: 'Re-enable TLS 1.2 and reset the cipher-suite policy on the server',
    appliesWhen:
      'The TLS handshake fails: Schannel 36871/36874/36888, "no common cipher", TLS versions disabled in the registry, or a stale SSL Cipher Suite Order policy.',
    where: 'server',
    risk: 'medium',
    reversible: true,
    steps: [
      r`Check HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server: Enabled must not be 0.`,
      r`Check the policy Computer Configuration > Administrative Templates > Network > SSL Configuration Settings > SSL Cipher Suite Order; set it to Not Configured while troubleshooting.`,
      'Back up the SCHANNEL key before changing anything, then enable TLS 1.2 for the server side and reboot.',
      'On old clients (FreeRDP with a strict OpenSSL, Windows 7 without updates), update the client rather than weakening the server.',
    ],
    commands: [
      {
        shell: 'cmd',
        command: r`reg export "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" C:\schannel-backup.reg /y`,
        runOn: 'server',
      },
      {
        shell: 'cmd',
        command: r`reg query "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols" /s`,
        runOn: 'server',
      },
      {
        shell: 'cmd',
        command: r`reg add "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server" /v Enabled /t REG_DWORD /d 1 /f`,
        runOn: 'server',
        note: 'Also set DisabledByDefault to 0 the same way; reboot afterwards.',
      },
      {
        shell: 'cmd',
        command: r`reg query "HKLM\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002" /v Functions`,
        runOn: 'server',
        note: 'A value here is the cipher-suite order policy.',
      },
      { shell: 'powershell', command: 'Get-TlsCipherSuite | Format-Table Name', runOn: 'server' },
    ],
    source: `https://learn.microsoft.com/windows-server/security/tls/tls-registry-settings; ${SA_INTERNAL}; ${SA_AUTH}`,
  },
  {
    id: 'align-encryption-level',
    title: 'Align the RDP encryption level and FIPS policy',
    appliesWhen:
      'The server demands an encryption level or FIPS mode the client does not offer (disconnect 0x506, extended 0x8, ERRINFO_ENCRYPTION_PACKAGE_MISMATCH).',
    where: 'server',
    risk: 'medium',
    reversible: true,
    steps: [
      'Read MinEncryptionLevel of RDP-Tcp (1 Low, 2 Client compatible, 3 High, 4 FIPS) and whether the FIPS policy is on.',
      `Prefer TLS (see "Set the RDP security layer"); with TLS the RDP encryption level matters little.`,
      `If standard RDP security must stay, set ${SECURITY_GPO} > "Set client connection encryption level" to Client Compatible, or align FIPS on both sides ("System cryptography: Use FIPS compliant algorithms…").`,
      'Restart Remote Desktop Services; undo by restoring the previous value.',
    ],
    commands: [
      { shell: 'cmd', command: r`reg query "${RDP_TCP}" /v MinEncryptionLevel`, runOn: 'server' },
      {
        shell: 'cmd',
        command: r`reg query "HKLM\SYSTEM\CurrentControlSet\Control\Lsa\FIPSAlgorithmPolicy" /v Enabled`,
        runOn: 'server',
        note: '1 = FIPS-only algorithms.',
      },
      {
        shell: 'cmd',
        command: r`reg add "${RDP_TCP}" /v MinEncryptionLevel /t REG_DWORD /d 2 /f`,
        runOn: 'server',
        note: 'Client compatible.',
      },
    ],
    source: `${SA_AUTH}; https://learn.microsoft.com/troubleshoot/windows-server/remote/remote-desktop-disconnected`,
  },
];
