/**
 * Fixes for what happens after the connection is set up: licensing, session limits, resources,
 * protocol and graphics errors, reading the server's own logs, and choosing another host.
 */
import type { Fix } from './types.js';

const r = String.raw;

const SA_SPEC =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-specific-rdp-errors';
const SA_EVT =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton';
const RDSH_GPO = r`Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host`;

export const SESSION_FIXES: Fix[] = [
  {
    id: 'check-rd-licensing',
    title: 'Check RD licensing on the session host',
    appliesWhen:
      'Licensing failed (0x808, 0x908, extended 0x100–0x10B): no license server, no CALs, the 120-day grace period ended, or a corrupt client license.',
    where: 'server',
    risk: 'low',
    reversible: true,
    steps: [
      `On the session host, check the licensing mode and license server: ${RDSH_GPO} > Licensing ("Use the specified Remote Desktop license servers", "Set the Remote Desktop licensing mode"), or run lsdiag.msc (RD Licensing Diagnoser).`,
      'Check how many grace-period days are left; 0 means licensing must be configured now.',
      'Install or activate CALs on the license server if it has none of the right type (per user / per device).',
      'To get in and fix it, use an administrative session: mstsc /admin does not need an RDS CAL.',
      'If only one client fails with a licensing protocol error, clear that client\'s stored license (see "Clear the client\'s stored RDS license").',
    ],
    commands: [
      {
        shell: 'powershell',
        command: r`$ts = Get-CimInstance -Namespace root\cimv2\TerminalServices -ClassName Win32_TerminalServiceSetting; $ts | Select-Object LicensingType, LicensingName; Invoke-CimMethod -InputObject $ts -MethodName GetGracePeriodDays`,
        runOn: 'server',
        note: 'DaysLeft 0 means the grace period is over.',
      },
      {
        shell: 'cmd',
        command: 'mstsc /v:<server> /admin',
        runOn: 'client',
        note: 'Administrative session for repair.',
      },
    ],
    source: `https://learn.microsoft.com/windows/win32/termserv/getgraceperioddays-win32-terminalservicesetting; ${SA_SPEC} ("No Remote Desktop License Servers available"); MS-RDPBCGR 2.2.5.1.1 (ERRINFO_LICENSE_*)`,
  },
  {
    id: 'review-session-limits',
    title: 'Review session time limits and connection limits',
    appliesWhen:
      'The session was ended by the idle or active-session time limit (extended 0x3, 0x4), the connection limit was reached, or another connection took over the session (0x5).',
    where: 'domain-policy',
    risk: 'low',
    reversible: true,
    steps: [
      `Open ${RDSH_GPO} > Session Time Limits and review "Set time limit for active but idle Remote Desktop Services sessions" and "Set time limit for active Remote Desktop Services sessions".`,
      'Under Connections, review "Limit number of connections" and "Restrict Remote Desktop Services users to a single Remote Desktop Services session".',
      'If the session was taken over (ext 0x5), close the other client that uses the same account, or give each person their own account.',
      'Log off stale sessions that hold the available slots.',
    ],
    commands: [
      {
        shell: 'cmd',
        command: r`reg query "HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services"`,
        runOn: 'server',
        note: 'MaxIdleTime / MaxConnectionTime (ms), MaxInstanceCount, fSingleSessionPerUser.',
      },
      {
        shell: 'cmd',
        command: 'qwinsta /server:<server>',
        runOn: 'admin-workstation',
        note: 'Lists sessions and their ids.',
      },
      {
        shell: 'cmd',
        command: 'logoff <session-id> /server:<server>',
        runOn: 'admin-workstation',
        note: 'Ends a stale session (unsaved work is lost).',
      },
    ],
    source:
      'MS-RDPBCGR 2.2.5.1.1 (ERRINFO_IDLE_TIMEOUT, ERRINFO_LOGON_TIMEOUT, ERRINFO_DISCONNECTED_BY_OTHER_CONNECTION); https://learn.microsoft.com/windows/win32/termserv/extendeddisconnectreasoncode; https://learn.microsoft.com/troubleshoot/windows-server/remote/remote-desktop-disconnected',
  },
  {
    id: 'free-server-resources',
    title: 'Free memory and resources on the server (or the client)',
    appliesWhen: 'The server or client ran out of memory or resources (0x106, extended 0x6, ERRINFO_OUT_OF_MEMORY).',
    where: 'server',
    risk: 'medium',
    reversible: true,
    steps: [
      'Look at available memory, the biggest processes and free disk space on the server.',
      'Log off disconnected sessions and stop runaway processes.',
      'If it keeps happening, add memory (resize the VM) or spread users across more hosts.',
      'On the client, close other applications or lower the display resolution and number of monitors.',
    ],
    commands: [
      {
        shell: 'powershell',
        command:
          "Get-Counter '\\Memory\\Available MBytes'; Get-Process | Sort-Object WorkingSet64 -Descending | Select-Object -First 10 Name, Id, @{ n = 'MB'; e = { [int]($_.WorkingSet64 / 1MB) } }",
        runOn: 'server',
      },
      { shell: 'powershell', command: 'Get-PSDrive -PSProvider FileSystem', runOn: 'server', note: 'Free disk space.' },
      {
        shell: 'azure-cli',
        command: 'az vm resize --resource-group <resource-group> --name <vm-name> --size <new-size>',
        runOn: 'cloud-shell',
        note: 'Restarts the VM.',
      },
    ],
    source:
      'MS-RDPBCGR 2.2.5.1.1 (ERRINFO_OUT_OF_MEMORY); https://learn.microsoft.com/windows/win32/termserv/imstscaxevents-ondisconnected',
  },
  {
    id: 'update-graphics-and-protocol-settings',
    title: 'Update both ends and turn off the graphics or transport feature that breaks the session',
    appliesWhen:
      'A protocol error ended the session (0xD06, 0x1104, ERRINFO 0x10C9–0x1196, 0x112F graphics subsystem failed) or a third-party RDP patch is installed.',
    where: 'server',
    risk: 'medium',
    reversible: true,
    steps: [
      'Install the latest updates and graphics drivers on the server and update the client.',
      'Remove third-party RDP patches (e.g. RDP Wrapper) that replace termsrv.dll behaviour.',
      `For graphics errors, set ${RDSH_GPO} > Remote Session Environment > "Use WDDM graphics display driver for Remote Desktop Connections" to Disabled, or turn off H.264/AVC 444 prioritisation there; restart the server.`,
      'If sessions break on unstable networks, try the client with UDP turned off.',
      'Undo each change if it made no difference.',
    ],
    commands: [
      {
        shell: 'cmd',
        command: r`reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\Client" /v fClientDisableUDP /t REG_DWORD /d 1 /f`,
        runOn: 'client',
        note: 'Policy "Turn Off UDP On Client"; delete the value to undo.',
      },
      {
        shell: 'powershell',
        command:
          "Get-WinEvent -LogName 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational' -MaxEvents 50 | Format-List TimeCreated, Id, Message",
        runOn: 'server',
      },
    ],
    source:
      'MS-RDPBCGR 2.2.5.1.1 (protocol-error ERRINFO codes); https://learn.microsoft.com/windows/win32/termserv/extendeddisconnectreasoncode',
  },
  {
    id: 'read-server-event-logs',
    title: "Read the server's Remote Desktop and Schannel event logs",
    appliesWhen:
      'The server closed the connection without saying why (0x904 with extended 0x0/0x7, "An internal error has occurred"): the server\'s logs name the cause.',
    where: 'server',
    risk: 'low',
    reversible: true,
    steps: [
      'On the server (console, Azure serial console or Run Command), read the System log for Schannel (36870, 36871, 36874, 36888), TermDD 56 and TerminalServices-RemoteConnectionManager (1057, 1058).',
      'Read the RdpCoreTS and LocalSessionManager operational logs around the time of the failure.',
      'Match the event to a cause: 36870/1057/1058 = certificate key (MachineKeys), 36871/36874 = TLS versions or ciphers, 56 = protocol/TLS error.',
      'Run RDP Doctor again on the server with local checks to have them summarised.',
    ],
    commands: [
      {
        shell: 'cmd',
        command:
          'wevtutil qe System /q:"*[System[(EventID=36870 or EventID=36871 or EventID=36874 or EventID=36888 or EventID=1057 or EventID=1058 or EventID=56)]]" /c:30 /rd:true /f:text',
        runOn: 'server',
      },
      {
        shell: 'powershell',
        command:
          "Get-WinEvent -LogName 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational' -MaxEvents 50 | Format-List TimeCreated, Id, Message",
        runOn: 'server',
      },
      {
        shell: 'azure-cli',
        command:
          'az vm run-command invoke --resource-group <resource-group> --name <vm-name> --command-id RunPowerShellScript --scripts "Get-WinEvent -LogName System -MaxEvents 300 | Where-Object { $_.ProviderName -match \'Schannel|TerminalServices|TermDD\' } | Select-Object -First 20 | Format-List TimeCreated, Id, ProviderName, Message"',
        runOn: 'cloud-shell',
      },
    ],
    source: `${SA_EVT}; https://learn.microsoft.com/windows/win32/secauthn/schannel-error-codes-for-tls-and-ssl-alerts`,
  },
  {
    id: 'connect-to-another-session-host',
    title: 'Connect to another host (not to this computer itself)',
    appliesWhen:
      'You are connecting a computer to its own console (0x708), or one session host is broken while others in the pool work.',
    where: 'client',
    risk: 'low',
    reversible: true,
    steps: [
      'If the target is this same computer, connect from another machine instead (or, for a loopback test, use 127.0.0.2).',
      'In an RDS or AVD pool, put the broken host in drain mode so new connections go to healthy hosts, then reconnect.',
      'Repair or redeploy the broken host before allowing new sessions again.',
    ],
    commands: [
      { shell: 'cmd', command: 'mstsc /v:<other-host>', runOn: 'client' },
      {
        shell: 'powershell',
        command:
          'Update-AzWvdSessionHost -ResourceGroupName <resource-group> -HostPoolName <host-pool> -Name <session-host-fqdn> -AllowNewSession:$false',
        runOn: 'admin-workstation',
        note: 'AVD drain mode; set back to $true after the repair.',
      },
    ],
    source:
      'https://learn.microsoft.com/windows/win32/termserv/imstscaxevents-ondisconnected; https://learn.microsoft.com/azure/virtual-desktop/drain-mode',
  },
];
