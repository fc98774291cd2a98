/**
 * Whether a host name or address names this machine. Server-side checks describe this machine as
 * an RDP server; when the user diagnoses another server, their results say nothing about it.
 * Decided locally (loopback, the host name, the addresses of this machine's interfaces), without
 * any DNS lookup.
 */
import { hostname, networkInterfaces } from 'node:os';

export interface MachineIdentity {
  hostname: string;
  addresses: string[];
}

export function thisMachine(): MachineIdentity {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => a !== undefined)
    .map((a) => a.address.toLowerCase());
  return { hostname: hostname().toLowerCase(), addresses };
}

export function isThisMachine(host: string, me: MachineIdentity = thisMachine()): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (h === '') return false;
  if (h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1') return true;
  if (me.addresses.includes(h)) return true;
  const short = (n: string) => n.split('.')[0] ?? n;
  if (h === me.hostname) return true;
  // "rdsh01" vs "rdsh01.corp.example.com": compare the first label when either side is unqualified.
  return (!h.includes('.') || !me.hostname.includes('.')) && short(h) === short(me.hostname) && !/^\d/.test(h);
}
