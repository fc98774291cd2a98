/**
 * Fixes for the server's RDP certificate and its private key (MachineKeys).
 * Commands are written with String.raw so Windows paths keep their backslashes.
 */
import type { Fix } from './types.js';

const r = String.raw;

const SA_INTERNAL =
  'https://learn.microsoft.com/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine';
const SA_EVT =
  'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton';
const SA_LISTENER =
  'https://learn.microsoft.com/troubleshoot/windows-server/remote/remote-desktop-listener-certificate-configurations';
const RUN_COMMAND = 'https://learn.microsoft.com/azure/virtual-machines/windows/run-command';

export const CERTIFICATE_FIXES: Fix[] = [
  {
    id: 'regenerate-rdp-certificate',
    title: "Regenerate the server's self-signed RDP certificate",
    appliesWhen:
      'The certificate the RDP listener presents has expired, is not valid yet, is corrupt, or failed to renew (TerminalServices events 1057/1058).',
    where: 'server',
    risk: 'low',
    reversible: false,
    steps: [
      'On the RDP server, open certlm.msc and go to Remote Desktop > Certificates.',
      "Find the certificate issued to the server's exact name and read its Expiration Date.",
      'If it has expired (or is not valid yet), delete it: right-click > Delete.',
      'Restart the "Remote Desktop Configuration" service (SessionEnv); Windows creates a new self-signed certificate. If none appears, restart "Remote Desktop Services" (TermService), which disconnects current sessions.',
      'Reconnect and accept the new certificate once (its thumbprint has changed). On an Azure VM you cannot reach, run the ResetRDPCert run command instead.',
    ],
    commands: [
      {
        shell: 'powershell',
        command: r`Get-ChildItem 'Cert:\LocalMachine\Remote Desktop' | Format-List Subject, Thumbprint, NotBefore, NotAfter`,
        runOn: 'server',
        note: 'Shows the RDP certificate and its validity dates.',
      },
      {
        shell: 'powershell',
        command: r`Get-ChildItem 'Cert:\LocalMachine\Remote Desktop' | Where-Object { $_.NotAfter -lt (Get-Date) -or $_.NotBefore -gt (Get-Date) } | Remove-Item; Restart-Service -Name SessionEnv -Force`,
        runOn: 'server',
        note: 'Elevated PowerShell. Deletes only out-of-date certificates, then lets Windows create a new one.',
      },
      {
        shell: 'cmd',
        command: r`certutil -store "Remote Desktop"`,
        runOn: 'server',
        note: 'Same check with certutil: look at NotAfter and the Cert Hash(sha1).',
      },
      {
        shell: 'azure-cli',
        command:
          'az vm run-command invoke --resource-group <resource-group> --name <vm-name> --command-id ResetRDPCert',
        runOn: 'cloud-shell',
        note: "Azure VM: removes the listener's TLS certificate binding and restores default listener security.",
      },
    ],
    source: `${SA_INTERNAL}; ${SA_EVT}; ${RUN_COMMAND} (ResetRDPCert)`,
  },
  {
    id: 'clear-stale-certificate-hash',
    title: 'Remove a stale certificate thumbprint from the RDP listener',
    appliesWhen:
      'The listener is bound (SSLCertificateSHA1Hash) to a certificate that was deleted, replaced or has no private key, so TLS cannot start.',
    where: 'server',
    risk: 'medium',
    reversible: true,
    steps: [
      'On the RDP server, read the SSLCertificateSHA1Hash value of the RDP-Tcp listener and compare it with the thumbprints in certlm.msc (Remote Desktop and Personal stores).',
      'If no installed certificate matches, back up the RDP-Tcp key, then delete the SSLCertificateSHA1Hash value.',
      'Restart Remote Desktop Services; the listener falls back to its self-signed certificate.',
      'Do not do this on an RD Connection Broker deployment, where certificates are managed by the deployment; use Server Manager > RDS > Deployment Properties > Certificates instead.',
      'To undo, import the backup .reg file.',
    ],
    commands: [
      {
        shell: 'powershell',
        command: r`Get-CimInstance -Namespace root\cimv2\TerminalServices -ClassName Win32_TSGeneralSetting -Filter "TerminalName='RDP-Tcp'" | Select-Object TerminalName, SSLCertificateSHA1Hash`,
        runOn: 'server',
        note: 'The thumbprint the listener uses.',
      },
      {
        shell: 'cmd',
        command: r`reg export "HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\WinStations\RDP-Tcp" C:\rdp-tcp-backup.reg /y`,
        runOn: 'server',
        note: 'Backup first.',
      },
      {
        shell: 'cmd',
        command: r`reg delete "HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\WinStations\RDP-Tcp" /v SSLCertificateSHA1Hash /f`,
        runOn: 'server',
        note: 'Elevated prompt. Then restart Remote Desktop Services.',
      },
      {
        shell: 'powershell',
        command: 'Restart-Service -Name TermService -Force',
        runOn: 'server',
        note: 'Disconnects every RDP session on this server, including yours.',
      },
    ],
    source: `${SA_INTERNAL}; ${SA_EVT}; ${SA_LISTENER}`,
  },
  {
    id: 'install-trusted-certificate',
    title: 'Bind a certificate from a trusted CA to the RDP listener',
    appliesWhen:
      'Clients warn that the certificate is self-signed or untrusted, or current clients refuse its weak key or signature.',
    where: 'server',
    risk: 'medium',
    reversible: true,
    steps: [
      'Request a certificate from your enterprise or public CA whose subject or SAN is the name users connect to, with Server Authentication EKU, an RSA key of 2048 bits or more and a SHA-256 signature.',
      'Import it with its private key into the Local Computer > Personal store on the RDP server.',
      'In certlm.msc, right-click the certificate > All Tasks > Manage Private Keys and give NETWORK SERVICE Read.',
      'Bind its thumbprint to the RDP-Tcp listener (command below) and reconnect.',
      'If your own CA issued it, make sure clients trust the CA (domain computers usually do; others need the root imported).',
      'To undo, delete SSLCertificateSHA1Hash (see "Remove a stale certificate thumbprint") to return to the self-signed certificate.',
    ],
    commands: [
      {
        shell: 'powershell',
        command: r`Get-ChildItem Cert:\LocalMachine\My | Format-List Subject, DnsNameList, Thumbprint, NotAfter, HasPrivateKey`,
        runOn: 'server',
        note: 'Find the thumbprint of the new certificate.',
      },
      {
        shell: 'powershell',
        command: r`$ts = Get-CimInstance -Namespace root\cimv2\TerminalServices -ClassName Win32_TSGeneralSetting -Filter "TerminalName='RDP-Tcp'"; Set-CimInstance -InputObject $ts -Property @{ SSLCertificateSHA1Hash = '<thumbprint>' }`,
        runOn: 'server',
        note: 'Elevated PowerShell; takes effect for new connections.',
      },
      {
        shell: 'powershell',
        command: r`Import-Certificate -FilePath .\<your-root-ca>.cer -CertStoreLocation Cert:\LocalMachine\Root`,
        runOn: 'client',
        note: 'Only on clients that do not already trust your internal CA.',
      },
    ],
    source: `${SA_LISTENER}; MS-RDPBCGR 5.4 (Enhanced RDP Security, server authentication)`,
  },
  {
    id: 'connect-by-certificate-name',
    title: 'Connect using the exact name on the certificate',
    appliesWhen:
      'The certificate is valid but issued to another name than the one typed (an IP address, a short name or an alias).',
    where: 'client',
    risk: 'low',
    reversible: true,
    steps: [
      "Read the name the certificate is issued to (the certificate warning's Issued to field, or RDP Doctor's certificate check).",
      'Check that this name resolves to the same server from your computer.',
      'Connect with that exact name (usually the FQDN) instead of the IP address or alias.',
      'If users must keep using the alias, issue a certificate that lists it as a SAN (see "Bind a certificate from a trusted CA").',
    ],
    commands: [
      {
        shell: 'powershell',
        command: 'Resolve-DnsName -Name <name-on-certificate>',
        runOn: 'client',
        note: 'Must return the address of the same server.',
      },
      { shell: 'cmd', command: 'mstsc /v:<name-on-certificate>', runOn: 'client' },
      {
        shell: 'bash',
        command: 'xfreerdp /v:<name-on-certificate> /u:<user>',
        runOn: 'client',
        note: 'FreeRDP clients.',
      },
    ],
    source: `${SA_LISTENER}; https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-specific-rdp-errors`,
  },
  {
    id: 'repair-machinekeys-permissions',
    title: 'Repair permissions on the MachineKeys folder and the RDP private key',
    appliesWhen:
      'Schannel event 36870 (0x8009030D) or TerminalServices 1057/1058 ("Keyset does not exist", "Access is denied"): the RDP key in MachineKeys cannot be read, often after an image or hardening script changed ACLs on a cloud VM.',
    where: 'server',
    risk: 'medium',
    reversible: true,
    steps: [
      r`On the server, save the current ACLs of C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys so the change can be undone.`,
      'Take ownership for Administrators and grant SYSTEM Full control, NETWORK SERVICE Read and Administrators Full control, recursively.',
      'Check the RDP key file (name starts with f686aace6942fb7f7ceb231212eef4a4): NETWORK SERVICE needs Read and SYSTEM Full control.',
      'Delete the RDP self-signed certificate and restart Remote Desktop Services so a new key and certificate are created.',
      'Confirm that no new Schannel 36870 events appear; to undo, restore the saved ACLs.',
    ],
    commands: [
      {
        shell: 'cmd',
        command: r`icacls C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys /save C:\machinekeys-acl.txt /t /c`,
        runOn: 'server',
        note: 'Backup of the current ACLs.',
      },
      {
        shell: 'cmd',
        command: r`takeown /f "C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys" /a /r`,
        runOn: 'server',
        note: 'Elevated prompt.',
      },
      {
        shell: 'cmd',
        command: r`icacls C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys /t /c /grant "NT AUTHORITY\System:(F)" "NT AUTHORITY\NETWORK SERVICE:(R)" "BUILTIN\Administrators:(F)"`,
        runOn: 'server',
      },
      {
        shell: 'cmd',
        command: r`icacls "C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys\f686aace6942fb7f7ceb231212eef4a4_*"`,
        runOn: 'server',
        note: 'Shows the ACL of the RDP key file.',
      },
      {
        shell: 'cmd',
        command: r`icacls C:\ProgramData\Microsoft\Crypto\RSA /restore C:\machinekeys-acl.txt`,
        runOn: 'server',
        note: 'Undo: restores the saved ACLs.',
      },
    ],
    source: `${SA_EVT}; ${SA_INTERNAL}; https://learn.microsoft.com/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting`,
  },
];
