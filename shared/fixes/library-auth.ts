/**
 * Fixes for authentication: CredSSP, credential delegation, accounts, passwords, rights, domain trust,
 * clocks and Entra ID sign-in.
 */
import type { Fix } from './types.js';

const r = String.raw;

const SA_CREDSSP =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/credssp-encryption-oracle-remediation';
const SA_AUTH = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/cannot-connect-rdp-azure-vm';
const SA_SPEC =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-specific-rdp-errors';
const CREDSSP_KEY = r`HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters`;

export const AUTH_FIXES: Fix[] = [
  {
    id: 'update-credssp-patches',
    title: 'Install the CredSSP security updates on both client and server',
    appliesWhen:
      '"An authentication error has occurred… CredSSP encryption oracle remediation" (0x80090302 / 0x80090308): one side has the CredSSP update (CVE-2018-0886) and the other does not.',
    where: 'server',
    risk: 'low',
    reversible: false,
    steps: [
      'Find which side is unpatched: compare the latest installed updates on client and server (any cumulative update since May 2018 contains the CredSSP fix).',
      'Install the latest cumulative update on the unpatched side (Windows Update, WSUS or your patch tool) and restart it.',
      'For an Azure VM you cannot reach, install updates through Run Command or Azure Update Manager.',
      'Once both sides are patched, remove any temporary "Vulnerable" policy (see the oracle policy fix).',
    ],
    commands: [
      {
        shell: 'powershell',
        command: 'Get-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 5 HotFixID, InstalledOn',
        runOn: 'server',
        note: 'Run on both sides; a machine last patched before May 2018 is the unpatched one.',
      },
      {
        shell: 'powershell',
        command: r`(Get-Item "$env:windir\System32\tspkg.dll").VersionInfo.FileVersion`,
        runOn: 'client',
        note: 'CredSSP component version; compare with the server.',
      },
      {
        shell: 'azure-cli',
        command:
          'az vm run-command invoke --resource-group <resource-group> --name <vm-name> --command-id RunPowerShellScript --scripts "Get-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 5"',
        runOn: 'cloud-shell',
      },
    ],
    source: `${SA_CREDSSP} (KB 4295591); CVE-2018-0886`,
  },
  {
    id: 'set-credssp-oracle-policy',
    title: 'Relax the CredSSP Encryption Oracle Remediation policy temporarily, then patch',
    appliesWhen:
      'A patched client with "Force Updated Clients" (or Mitigated) refuses an unpatched server, and you must connect once to patch it.',
    where: 'client',
    risk: 'high',
    reversible: true,
    steps: [
      `On the patched client, read AllowEncryptionOracle (0 Force Updated Clients, 1 Mitigated, 2 Vulnerable).`,
      r`Set it to 2 (Vulnerable) — or in gpedit.msc: Computer Configuration > Administrative Templates > System > Credentials Delegation > Encryption Oracle Remediation = Enabled, Protection Level Vulnerable.`,
      'Connect and install the CredSSP update on the server.',
      'Revert immediately: delete the value (or set the policy back), because Vulnerable exposes credentials to a man-in-the-middle.',
    ],
    commands: [
      { shell: 'cmd', command: r`reg query "${CREDSSP_KEY}" /v AllowEncryptionOracle`, runOn: 'client' },
      {
        shell: 'cmd',
        command: r`reg add "${CREDSSP_KEY}" /v AllowEncryptionOracle /t REG_DWORD /d 2 /f`,
        runOn: 'client',
        note: 'Temporary; elevated prompt.',
      },
      {
        shell: 'cmd',
        command: r`reg delete "${CREDSSP_KEY}" /v AllowEncryptionOracle /f`,
        runOn: 'client',
        note: 'Revert once the server is patched.',
      },
    ],
    source: `${SA_CREDSSP}`,
  },
  {
    id: 'allow-credential-delegation',
    title: 'Allow credential delegation to the RDP server',
    appliesWhen:
      'SSL_ERR_DELEGATION_POLICY (0x1607), SSL_ERR_POLICY_NTLM_ONLY (0x1707) or "Your system administrator does not allow the use of saved credentials".',
    where: 'domain-policy',
    risk: 'medium',
    reversible: true,
    steps: [
      r`On the client, open gpedit.msc > Computer Configuration > Administrative Templates > System > Credentials Delegation.`,
      'Enable "Allow delegating fresh credentials" (and "Allow delegating saved credentials" if you use saved ones) and add TERMSRV/<server-fqdn> or TERMSRV/*.',
      'If the server is reached without Kerberos (by IP, or outside the domain), use the "…with NTLM-only server authentication" variants, or connect by FQDN so Kerberos works.',
      'Check that disabledomaincreds is 0 on the client, run gpupdate /force and reconnect. Undo by setting the policies back to Not Configured.',
    ],
    commands: [
      {
        shell: 'cmd',
        command: r`reg query "HKLM\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation" /s`,
        runOn: 'client',
      },
      {
        shell: 'cmd',
        command: r`reg query "HKLM\SYSTEM\CurrentControlSet\Control\Lsa" /v disabledomaincreds`,
        runOn: 'client',
        note: '1 blocks domain credentials; set to 0 if not required by your security baseline.',
      },
      { shell: 'cmd', command: 'gpupdate /force', runOn: 'client' },
    ],
    source: `${SA_AUTH}; MS-RDPBCGR / mstsc SSL_ERR_DELEGATION_POLICY`,
  },
  {
    id: 'reenter-credentials',
    title: 'Re-enter the credentials in the right format',
    appliesWhen:
      'The logon attempt failed (0x807, 0x8009030C, STATUS_LOGON_FAILURE) or saved credentials are stale or refused.',
    where: 'client',
    risk: 'low',
    reversible: true,
    steps: [
      'Delete saved credentials for this server, then connect and type them again.',
      'Use DOMAIN\\user or user@domain.com for domain accounts, and COMPUTERNAME\\user (or .\\user) for a local account.',
      'For an Entra ID joined VM use AzureAD\\user@domain.com, or sign in with Entra authentication.',
      'Check Caps Lock and the keyboard layout; try the same password on another sign-in to rule out a typo.',
    ],
    commands: [
      { shell: 'cmd', command: 'cmdkey /list', runOn: 'client' },
      {
        shell: 'cmd',
        command: 'cmdkey /delete:TERMSRV/<server>',
        runOn: 'client',
        note: 'Removes saved RDP credentials.',
      },
      {
        shell: 'bash',
        command: 'xfreerdp /v:<server> /u:<user> /d:<domain>',
        runOn: 'client',
        note: 'FreeRDP prompts for the password.',
      },
    ],
    source: `${SA_SPEC}`,
  },
  {
    id: 'unlock-or-enable-account',
    title: 'Unlock, enable or extend the account',
    appliesWhen:
      'The account is locked out (0xD07), disabled (0xB07), expired (0xE07) or restricted by logon hours or workstations (0xC07).',
    where: 'server',
    risk: 'low',
    reversible: true,
    steps: [
      'Ask an administrator to look at the account: locked, enabled, expiry date, logon hours and "log on to" workstations.',
      'Unlock or enable it, or extend its expiry date.',
      'For repeated lockouts, find the source (event 4740 on a domain controller) — often an old saved password on a phone or mapped drive.',
      'Local account on an Azure VM: reset it from the portal (Reset password) or with az vm user update.',
    ],
    commands: [
      {
        shell: 'powershell',
        command:
          'Get-ADUser -Identity <user> -Properties LockedOut, Enabled, AccountExpirationDate, LogonHours | Format-List',
        runOn: 'domain-controller',
        note: 'Needs the ActiveDirectory module (RSAT).',
      },
      {
        shell: 'powershell',
        command: 'Unlock-ADAccount -Identity <user>; Enable-ADAccount -Identity <user>',
        runOn: 'domain-controller',
      },
      {
        shell: 'powershell',
        command:
          "Get-WinEvent -FilterHashtable @{ LogName = 'Security'; Id = 4740 } -MaxEvents 20 | Format-List TimeCreated, Message",
        runOn: 'domain-controller',
        note: 'Where the lockouts come from.',
      },
      {
        shell: 'powershell',
        command:
          'Get-LocalUser -Name <user> | Format-List Enabled, AccountExpires, PasswordExpires; Enable-LocalUser -Name <user>',
        runOn: 'server',
        note: 'Local accounts.',
      },
      {
        shell: 'azure-cli',
        command:
          "az vm user update --resource-group <resource-group> --name <vm-name> --username <user> --password '<new-password>'",
        runOn: 'cloud-shell',
        note: 'Azure VM local account: resets the password and re-enables the account.',
      },
    ],
    source: `${SA_SPEC}; https://learn.microsoft.com/powershell/module/activedirectory/unlock-adaccount`,
  },
  {
    id: 'change-expired-password',
    title: 'Change the expired password before connecting',
    appliesWhen:
      'The password has expired or must be changed at first logon (0xF07, 0x1207, STATUS_PASSWORD_EXPIRED/MUST_CHANGE); NLA cannot show a change-password screen.',
    where: 'client',
    risk: 'low',
    reversible: false,
    steps: [
      'Change the password somewhere else first: on a domain-joined PC (Ctrl+Alt+Del > Change a password), through the RD Web password page, or via the self-service portal.',
      'Or ask an administrator to reset it without "must change at next logon".',
      'Then connect again with the new password (delete stale saved credentials).',
      'Turning NLA off to allow the change at the logon screen works, but only as a short, supervised exception.',
    ],
    commands: [
      {
        shell: 'powershell',
        command:
          'Set-ADAccountPassword -Identity <user> -Reset -NewPassword (Read-Host -AsSecureString "New password")',
        runOn: 'domain-controller',
      },
      {
        shell: 'cmd',
        command: 'net user <user> *',
        runOn: 'server',
        note: 'Local account; prompts for the new password.',
      },
      {
        shell: 'azure-cli',
        command:
          "az vm user update --resource-group <resource-group> --name <vm-name> --username <user> --password '<new-password>'",
        runOn: 'cloud-shell',
      },
    ],
    source: `${SA_AUTH}; FreeRDP ERRCONNECT_PASSWORD_EXPIRED / ERRCONNECT_PASSWORD_MUST_CHANGE`,
  },
  {
    id: 'grant-remote-desktop-logon',
    title: 'Give the user the right to sign in through Remote Desktop',
    appliesWhen:
      '"The connection was denied because the user account is not authorized for remote login", ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES, STATUS_LOGON_TYPE_NOT_GRANTED.',
    where: 'server',
    risk: 'low',
    reversible: true,
    steps: [
      'Add the user (or a group) to the local "Remote Desktop Users" group on the server; administrators are allowed already.',
      r`Check Computer Configuration > Windows Settings > Security Settings > Local Policies > User Rights Assignment: "Allow log on through Remote Desktop Services" must include the group, and "Deny log on through Remote Desktop Services" must not.`,
      'For an Entra ID joined Azure VM, assign the "Virtual Machine User Login" (or Administrator Login) role instead.',
      'Undo by removing the membership.',
    ],
    commands: [
      {
        shell: 'powershell',
        command: "Add-LocalGroupMember -Group 'Remote Desktop Users' -Member '<DOMAIN>\\<user>'",
        runOn: 'server',
      },
      { shell: 'cmd', command: 'net localgroup "Remote Desktop Users"', runOn: 'server', note: 'Lists the members.' },
      {
        shell: 'cmd',
        command: r`secedit /export /cfg C:\user-rights.inf /areas USER_RIGHTS`,
        runOn: 'server',
        note: 'Look at SeRemoteInteractiveLogonRight and SeDenyRemoteInteractiveLogonRight.',
      },
      {
        shell: 'azure-cli',
        command:
          'az role assignment create --role "Virtual Machine User Login" --assignee <user@domain.com> --scope $(az vm show --resource-group <resource-group> --name <vm-name> --query id -o tsv)',
        runOn: 'cloud-shell',
        note: 'Entra ID joined VMs.',
      },
    ],
    source: `${SA_SPEC}; https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows`,
  },
  {
    id: 'repair-domain-trust',
    title: "Repair the server's domain trust or reach a domain controller",
    appliesWhen:
      '"The Local Security Authority cannot be contacted", SEC_E_NO_AUTHENTICATING_AUTHORITY (0x1807), or "the trust relationship between this workstation and the primary domain failed".',
    where: 'server',
    risk: 'medium',
    reversible: false,
    steps: [
      'Sign in to the server with a local administrator account (COMPUTERNAME\\admin), or use the console.',
      'Test the secure channel; if it is broken, repair it with domain admin credentials.',
      'Check that a domain controller can be found and reached (DNS servers must point at domain DNS).',
      'Check the domain name in the user name; a typo gives the same error.',
    ],
    commands: [
      { shell: 'powershell', command: 'Test-ComputerSecureChannel -Verbose', runOn: 'server' },
      {
        shell: 'powershell',
        command: 'Test-ComputerSecureChannel -Repair -Credential (Get-Credential)',
        runOn: 'server',
        note: 'Domain admin credentials.',
      },
      { shell: 'cmd', command: 'nltest /dsgetdc:<domain>', runOn: 'server' },
    ],
    source: `${SA_AUTH}; https://learn.microsoft.com/powershell/module/microsoft.powershell.management/test-computersecurechannel`,
  },
  {
    id: 'sync-clock',
    title: 'Synchronise the clocks of client and server',
    appliesWhen:
      'The clocks differ by more than a few minutes (Kerberos allows 5 by default), or a certificate looks "not yet valid" because a clock is wrong.',
    where: 'client',
    risk: 'low',
    reversible: true,
    steps: [
      'Compare the time (and time zone) on client and server; RDP Doctor measures the server time without credentials when NLA is offered.',
      'On the machine that is wrong, resynchronise with its time source (domain hierarchy or NTP).',
      'On Linux or macOS clients, turn on network time.',
      "If a domain controller is off, fix the PDC emulator's external time source first.",
    ],
    commands: [
      { shell: 'cmd', command: 'w32tm /query /status', runOn: 'server' },
      {
        shell: 'cmd',
        command: 'w32tm /resync /rediscover',
        runOn: 'server',
        note: 'Elevated; run on the side whose clock is wrong.',
      },
      {
        shell: 'cmd',
        command: 'w32tm /stripchart /computer:<other-machine> /samples:3 /dataonly',
        runOn: 'client',
        note: 'Measures the offset.',
      },
      {
        shell: 'bash',
        command: 'timedatectl status && sudo timedatectl set-ntp true',
        runOn: 'client',
        note: 'Linux clients.',
      },
    ],
    source:
      'https://learn.microsoft.com/windows-server/networking/windows-time-service/windows-time-service-tools-and-settings; https://learn.microsoft.com/previous-versions/windows/it-pro/windows-10/security/threat-protection/security-policy-settings/maximum-tolerance-for-computer-clock-synchronization',
  },
  {
    id: 'use-entra-id-authentication',
    title: 'Sign in with Entra ID (Azure AD) authentication',
    appliesWhen:
      'The host is Entra ID joined and the client sends a domain-style logon (logon failed with NLA, 0x807 from macOS/iOS).',
    where: 'client',
    risk: 'low',
    reversible: true,
    steps: [
      'In the Windows Remote Desktop client, tick "Use a web account to sign in to the remote computer" (Advanced tab), or add enablerdsaadauth:i:1 to the .rdp file.',
      'Without Entra authentication, type the user as AzureAD\\user@domain.com.',
      'Make sure the user holds "Virtual Machine User Login" or "Virtual Machine Administrator Login" on the VM.',
      "Connect by the VM's host name, which must match its Entra device name.",
    ],
    commands: [
      {
        shell: 'powershell',
        command: r`Add-Content -Path .\<connection>.rdp -Value 'enablerdsaadauth:i:1'`,
        runOn: 'client',
      },
      {
        shell: 'azure-cli',
        command:
          'az role assignment create --role "Virtual Machine User Login" --assignee <user@domain.com> --scope $(az vm show --resource-group <resource-group> --name <vm-name> --query id -o tsv)',
        runOn: 'cloud-shell',
      },
    ],
    source:
      'https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows; https://learn.microsoft.com/azure/virtual-desktop/rdp-properties',
  },
  {
    id: 'review-conditional-access',
    title: 'Find the Entra sign-in that failed and the Conditional Access policy or requirement behind it',
    appliesWhen:
      'An AADSTS code (50076, 50074, 53000, 53003, …) says Microsoft Entra ID refused the sign-in to the VM, Azure Virtual Desktop or Windows 365.',
    where: 'azure-portal',
    risk: 'low',
    reversible: true,
    steps: [
      'In the Entra admin center open Sign-in logs, filter by the user and the time, and open the failed sign-in (its error code is the AADSTS number).',
      'On the Conditional Access tab, note which policy failed and what it asked for (MFA, a compliant or joined device, a trusted location).',
      'For RDP to Entra-joined VMs, exclude the "Azure Windows VM Sign-In" app from policies that require MFA the RDP client cannot satisfy, or use Windows Hello / passwordless sign-in.',
      'For Azure Virtual Desktop and Windows 365, make sure the policy targets the Azure Virtual Desktop, Windows 365 and Windows Cloud Login apps in the way you intend.',
    ],
    commands: [
      {
        shell: 'powershell',
        command: 'dsregcmd /status',
        runOn: 'client',
        note: 'AzureAdJoined and AzureAdPrt show whether this device can satisfy device-based policies.',
      },
    ],
    source:
      'https://learn.microsoft.com/entra/identity-platform/reference-error-codes; https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows; https://learn.microsoft.com/azure/virtual-desktop/set-up-mfa',
  },
];
