/**
 * Context words around a value: do we look at Remote Desktop text at all, at a FreeRDP log, an Azure
 * Virtual Desktop page, an event log — or at another product's error (Xbox, Windows Update, git/curl
 * schannel, WinRM) or a crash dump? Each candidate value asks "is there a hint of kind K within N
 * characters?"; the hint words are found by one regex over the blocks of text near candidates only
 * (lazily, each block once), so the cost per character does not grow with the catalogue.
 */

import { trieSource } from './trie.js';

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
    'your session ended because of an error',
    'rdpcheck',
    'rdpwrap',
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
    'spnego failed with ntstatus',
    'spnego received ntstatus',
    'rpc fault pdu',
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
    'schannel:',
    'fatal: unable to access',
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
    'definelabel',
    '#define',
    'volatile',
    'wram',
    'iwram',
    'color',
    'colour',
    'rgb',
  ],
};

const ORDER = Object.keys(HINT_WORDS) as HintKind[];
const WORD_KIND = new Map<string, HintKind[]>();
for (const kind of ORDER) {
  for (const w of HINT_WORDS[kind]) {
    const list = WORD_KIND.get(w) ?? [];
    list.push(kind);
    WORD_KIND.set(w, list);
  }
}
/**
 * Words that start with an ASCII letter or digit must start a word (`\b`, which lets the regex engine
 * skip ahead quickly); the others (CJK, Cyrillic, accented, `#define`) may start anywhere.
 */
const HINT_WORD_LIST = [...WORD_KIND.keys()];
/** One prefix-factored alternation per group (see `trie.ts`): one path per position, longest word preferred. */
const HINT_RE = new RegExp(
  `\\b${trieSource(HINT_WORD_LIST.filter((w) => /^[a-z0-9]/.test(w)))}|${trieSource(
    HINT_WORD_LIST.filter((w) => !/^[a-z0-9]/.test(w)),
  )}`,
  'g',
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

/** Characters per lazily indexed block. */
const BLOCK = 1024;
/** Hints farther than this from a value are never looked at. */
export const MAX_RADIUS = 1000;

type Positions = Record<HintKind, number[]>;

/**
 * Hint positions, indexed lazily in blocks: only the parts of the text near a candidate value are ever
 * scanned, so a long page with one code costs one token scan plus a couple of kilobytes of hint scan.
 */
export class ContextIndex {
  private readonly blocks: (Positions | undefined)[];
  constructor(private readonly text: string) {
    this.blocks = new Array(Math.ceil(text.length / BLOCK));
  }

  private block(b: number): Positions {
    const have = this.blocks[b];
    if (have) return have;
    const got = Object.fromEntries(ORDER.map((k) => [k, [] as number[]])) as Positions;
    const start = b * BLOCK;
    const end = Math.min(this.text.length, start + BLOCK);
    // One char of margin before (for the word-start check) and a little after (words crossing the end).
    // Lower-casing can shift offsets by a character for rare letters; positions only feed distances.
    const from = Math.max(0, start - 1);
    const lower = this.text.slice(from, Math.min(this.text.length, end + 64)).toLowerCase();
    HINT_RE.lastIndex = start - from;
    for (let m = HINT_RE.exec(lower); m !== null; m = HINT_RE.exec(lower)) {
      const abs = from + m.index;
      if (abs >= end) break;
      const word = m[0];
      if (WHOLE_WORD.has(word) && /[\p{L}\p{N}]/u.test(lower[m.index + word.length] ?? '')) continue;
      for (const kind of WORD_KIND.get(word) ?? []) got[kind].push(abs);
    }
    this.blocks[b] = got;
    return got;
  }

  /** Distance from `pos` to the nearest hint of `kind` within {@link MAX_RADIUS} (Infinity when none). */
  nearest(kind: HintKind, pos: number): number {
    let best = Number.POSITIVE_INFINITY;
    const last = this.blocks.length - 1;
    const b0 = Math.max(0, Math.floor((pos - MAX_RADIUS) / BLOCK));
    const b1 = Math.min(last, Math.floor((pos + MAX_RADIUS) / BLOCK));
    for (let b = b0; b <= b1; b++) {
      for (const p of this.block(b)[kind]) {
        const d = Math.abs(p - pos);
        if (d < best) best = d;
      }
    }
    return best > MAX_RADIUS ? Number.POSITIVE_INFINITY : best;
  }
}

export function indexContext(text: string): ContextIndex {
  return new ContextIndex(text);
}

/** Distance from `pos` to the nearest hint of `kind` (Infinity when none within {@link MAX_RADIUS}). */
export function nearest(ctx: ContextIndex, kind: HintKind, pos: number): number {
  return ctx.nearest(kind, pos);
}

/** Is there a hint of `kind` within `radius` characters of `pos`? */
export function near(ctx: ContextIndex, kind: HintKind, pos: number, radius: number): boolean {
  return nearest(ctx, kind, pos) <= radius;
}
