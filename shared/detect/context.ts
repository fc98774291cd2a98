/**
 * Context words around a value: do we look at Remote Desktop text at all, at a FreeRDP log, an Azure
 * Virtual Desktop page, an event log — or at another product's error (Xbox, Windows Update, git/curl
 * schannel, WinRM) or a crash dump? One pass over the text records every hit; each candidate value
 * then asks "is there a hint of kind K within N characters?" by binary search, so the cost per
 * character does not grow with the number of hints or catalogue entries.
 */

export type HintKind = 'rdp' | 'freerdp' | 'avd' | 'gateway' | 'eventlog' | 'errorinfo-pdu' | 'other-product' | 'crash';

/** Source of each kind's words. Lower-case; matched case-insensitively at word starts. */
const HINT_WORDS: Record<HintKind, readonly string[]> = {
  rdp: [
    'remote desktop',
    'remotedesktop',
    'rdp',
    'mstsc',
    'mstscax',
    'msrdc',
    'termservice',
    'terminal server',
    'terminal services',
    'terminalservices',
    'rds ',
    'rd session host',
    'session host',
    'rdsh',
    'credssp',
    'network level authentication',
    'nla',
    'remote computer',
    'remote pc',
    'xrdp',
    'windows app',
    'remote session',
    'remoteapp',
    'rdcman',
    'mremoteng',
    'remmina',
    'royal ts',
    'expanded information',
    'an authentication error has occurred',
    'activity id',
    'remotedesktopverbindung',
    'remotedesktop-verbindung',
    'remotecomputer',
    'bureau à distance',
    'ordinateur distant',
    'escritorio remoto',
    'equipo remoto',
    'desktop remoto',
    'computer remoto',
    'área de trabalho remota',
    'area de trabalho remota',
    'computador remoto',
    'extern bureaublad',
    'externe computer',
    'pulpit zdalny',
    'pulpitu zdalnego',
    'komputer zdalny',
    'удаленн',
    'удалённ',
    'リモート デスクトップ',
    'リモートデスクトップ',
    'リモート コンピューター',
    '远程桌面',
    '远程计算机',
    '遠端桌面',
    '遠端電腦',
    '원격 데스크톱',
    '원격 컴퓨터',
  ],
  freerdp: [
    'freerdp',
    'xfreerdp',
    'wlfreerdp',
    'sdl-freerdp',
    'com.freerdp',
    'guacd',
    'guacamole',
    'freerdp_set_last_error',
    'winapps',
  ],
  avd: [
    'azure virtual desktop',
    'windows virtual desktop',
    'avd',
    'wvd',
    'windows 365',
    'cloud pc',
    'host pool',
    'hostpool',
    'wvdconnections',
    'wvderrors',
    'rdagent',
    'rdinfraagent',
    'session host',
    'shortpath',
    'rdweb',
    'rd web',
    'web client',
  ],
  gateway: ['rd gateway', 'remote desktop gateway', 'ts gateway', 'tsgateway', 'rdgateway', 'rpc fault pdu', 'tsproxy'],
  eventlog: [
    'schannel',
    'event id',
    'eventid',
    'ereignis-id',
    'terminalservices-',
    'remoteconnectionmanager',
    'localsessionmanager',
    'rdpcorets',
    'remotedesktopservices-',
    'termdd',
    'sessionbroker',
    'wvd-agent',
    'event viewer',
  ],
  'errorinfo-pdu': ['errorinfo pdu', 'error info pdu'],
  'other-product': [
    'xbox',
    'microsoft store',
    'windows store',
    'game pass',
    'gaming services',
    'windows update',
    'wuauserv',
    'windowsupdate',
    'update failed',
    'cumulative update',
    'git ',
    'git:',
    'git clone',
    'git fetch',
    'git pull',
    'git push',
    'curl',
    'libcurl',
    'schannel: ',
    'winrm',
    'wsman',
    'ws-management',
    'enter-pssession',
    'invoke-command',
    'outlook',
    'onedrive',
    'microsoft teams',
    'office 365',
    'playstation',
    'nintendo',
    'steam',
    'minecraft',
    'gba',
    'rom ',
    'npm err',
    'nuget',
    'dotnet',
    'nsurlerror',
    'rdpwrap.ini',
    'rdp wrapper',
    'termsrv.dll',
    'sql server',
    'odbc',
    'product key',
  ],
  crash: [
    'exception code',
    'exception offset',
    'fault offset',
    'faulting',
    'access violation',
    'stack trace',
    'backtrace',
    'segfault',
    'segmentation fault',
    'address',
    'offset',
    'ausnahmecode',
    'fehleroffset',
    'register',
    'memory',
    'pointer',
    'color',
    'colour',
    'rgb',
  ],
};

export interface ContextIndex {
  /** Sorted positions per kind. */
  readonly positions: Record<HintKind, number[]>;
  /** Length of the text. */
  readonly length: number;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ORDER = Object.keys(HINT_WORDS) as HintKind[];
const WORD_KIND = new Map<string, HintKind[]>();
for (const kind of ORDER) {
  for (const w of HINT_WORDS[kind]) {
    const list = WORD_KIND.get(w) ?? [];
    list.push(kind);
    WORD_KIND.set(w, list);
  }
}
/** Words that start with a Latin letter must start a word; CJK/Cyrillic stems may start anywhere. */
const HINT_RE = new RegExp(
  [...WORD_KIND.keys()]
    .sort((a, b) => b.length - a.length)
    .map((w) => (/^[a-z]/.test(w) ? `(?<![a-z0-9_])${escapeRe(w)}` : escapeRe(w)))
    .join('|'),
  'giu',
);

/** Words that must also END at a word boundary (short acronyms would otherwise fire inside words). */
const WHOLE_WORD = new Set([
  'rdp',
  'nla',
  'avd',
  'wvd',
  'rds ',
  'gba',
  'id',
  'event',
  'curl',
  'steam',
  'register',
  'memory',
]);

export function indexContext(text: string): ContextIndex {
  const positions = Object.fromEntries(ORDER.map((k) => [k, [] as number[]])) as Record<HintKind, number[]>;
  HINT_RE.lastIndex = 0;
  for (let m = HINT_RE.exec(text); m !== null; m = HINT_RE.exec(text)) {
    const word = m[0].toLowerCase();
    const end = m.index + m[0].length;
    if (WHOLE_WORD.has(word) && /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
    for (const kind of WORD_KIND.get(word) ?? []) positions[kind].push(m.index);
  }
  return { positions, length: text.length };
}

/** Distance from `pos` to the nearest hint of `kind` (Infinity when none). */
export function nearest(ctx: ContextIndex, kind: HintKind, pos: number): number {
  const arr = ctx.positions[kind];
  if (arr.length === 0) return Number.POSITIVE_INFINITY;
  let lo = 0;
  let hi = arr.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((arr[mid] ?? 0) < pos) lo = mid + 1;
    else hi = mid;
  }
  let best = Math.abs((arr[lo] ?? 0) - pos);
  if (lo > 0) best = Math.min(best, Math.abs((arr[lo - 1] ?? 0) - pos));
  return best;
}

/** Is there a hint of `kind` within `radius` characters of `pos`? */
export function near(ctx: ContextIndex, kind: HintKind, pos: number, radius: number): boolean {
  return nearest(ctx, kind, pos) <= radius;
}
