/**
 * Pages for the annotation benchmark, generated from a fixed seed so every run sees the same bytes:
 * - a portal-like page (≈ 51,000 nodes, a 1,450-row log grid with RDP codes in every fifth row, plus
 *   noise that looks like codes: handles, flags, addresses, colours, GUIDs) and a burst of 30 more rows;
 * - a hostile page: 10 MB of text in long runs of digits, capitals, hex letters, label words and
 *   separators (a few real codes among them), and a script that changes the page without pause.
 */

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RDP_MESSAGES = [
  "Remote Desktop can't connect to the remote computer. Error code: 0x904 Extended error code: 0x7",
  'The connection was ended. Error code: 0x3 Extended error code: 0x11',
  'Gateway connection failed: E_PROXY_RAP_ACCESSDENIED (0x800759DA)',
  '[ERROR][com.freerdp.core] - freerdp_post_connect failed: ERRCONNECT_CONNECT_TRANSPORT_FAILED',
  'Because of a protocol error (code: 0x112f), the remote session will be disconnected.',
  'Security negotiation failed: HYBRID_REQUIRED_BY_SERVER',
  'Error code: 0x708 Extended error code: 0x0',
];
const SYMBOLIC = ['ConnectionFailedAdTrustedRelationshipFailure', 'ConnectionFailedClientDisconnect', 'Success'];

export const PORTAL_ROWS = 1_450;
const BURST_ROWS = 30;

/** The portal-like page and a burst of rows appended to its grid later. */
export function portalPage(): { html: string; burst: string } {
  const rnd = mulberry32(20240611);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const hex = (n: number) =>
    Math.floor(rnd() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const noise = [
    () => `Heartbeat ok, handle 0x${hex(3)}, flags 0x0000000${Math.floor(rnd() * 8)}`,
    () => `Module loaded at 0x7ff${hex(5)} (${guid()})`,
    () => `Theme colour #${hex(3)} applied to blade ${guid().slice(0, 8)}`,
    () => `Session connected in ${Math.floor(rnd() * 900)} ms from 10.${Math.floor(rnd() * 255)}.1.4`,
  ];
  const row = (i: number): string => {
    const rdp = i % 5 === 0;
    const cells = [
      `2024-06-11T10:${String(i % 60).padStart(2, '0')}:00Z`,
      guid(),
      `vm-avd-${String(i % 40).padStart(2, '0')}`,
      rdp ? pick(SYMBOLIC) : 'Success',
      rdp ? pick(RDP_MESSAGES) : pick(noise)(),
      `user${i % 97}@contoso.com`,
      pick(['Windows App', 'Remote Desktop client', 'Web client']),
      `${Math.floor(rnd() * 300)} ms`,
      pick(['East US', 'West Europe', 'Japan East']),
      `#${hex(6)}`,
      guid().slice(0, 13),
    ];
    return `<tr role="row">${cells.map((c) => `<td role="gridcell"><span class="cell">${c}</span></td>`).join('')}</tr>`;
  };
  const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="#n${i}"><span>Blade ${i}</span></a></li>`).join('');
  const rows = Array.from({ length: PORTAL_ROWS }, (_, i) => row(i)).join('\n');
  const burst = Array.from({ length: BURST_ROWS }, (_, i) => row(PORTAL_ROWS + i)).join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Connection diagnostics</title>
<style>body{font:13px system-ui;margin:0}td{border-bottom:1px solid #eee;padding:2px 4px}</style></head><body>
<nav><ul>${nav}</ul></nav><main><h1>Azure Virtual Desktop Insights</h1>
<table id="grid"><thead><tr><th>TimeGenerated</th><th>CorrelationId</th><th>SessionHost</th><th>CodeSymbolic</th><th>Message</th>
<th>User</th><th>Client</th><th>RTT</th><th>Region</th><th>Colour</th><th>Ref</th></tr></thead><tbody id="rows">
${rows}
</tbody></table></main></body></html>`;
  return { html, burst };
}

/** Characters of text on the hostile page. */
export const HOSTILE_CHARS = 10_000_000;
const HOSTILE_BLOCK = 100_000;

/** Hostile shapes: each fills a block with one long run (a real code every so often in some). */
const SHAPES: Record<string, (n: number) => string> = {
  digits: (n) => '7'.repeat(n),
  'digit words': (n) => '1234567890 '.repeat(Math.ceil(n / 11)).slice(0, n),
  capitals: (n) => 'A'.repeat(n),
  'hex letters': (n) => 'DEADBEEF'.repeat(Math.ceil(n / 8)).slice(0, n),
  'label words': (n) => 'Error code: Extended error code: '.repeat(Math.ceil(n / 33)).slice(0, n),
  separators: (n) => '0x-0x_0x.0x:'.repeat(Math.ceil(n / 12)).slice(0, n),
  'snake names': (n) => 'ERRCONNECT_'.repeat(Math.ceil(n / 11)).slice(0, n),
  'codes among noise': (n) =>
    'Error code: 0x904 Extended error code: 0x7 handle 0x1f flags 0x00000004 0x7ff12345 '
      .repeat(Math.ceil(n / 84))
      .slice(0, n),
};

/**
 * The hostile page: 100 blocks of 100,000 characters, 200 short rows, and a script that every 20 ms
 * rewrites a status line, appends a row and drops the oldest, rewrites a 4 KB log block, and every
 * 200 ms shows or hides a block with a code (text, child and attribute mutations without pause).
 */
export function hostilePage(): string {
  const names = Object.keys(SHAPES);
  const blocks: string[] = [];
  for (let i = 0; i < HOSTILE_CHARS / HOSTILE_BLOCK; i++) {
    const shape = names[i % names.length]!;
    blocks.push(`<p class="h" data-shape="${shape}">${SHAPES[shape]!(HOSTILE_BLOCK)}</p>`);
  }
  const rows = Array.from(
    { length: 200 },
    (_, i) => `<li>Session ${i}: Error code: 0x${(0x900 + (i % 16)).toString(16)} ${'9'.repeat(2000)}</li>`,
  ).join('');
  const churn = `
let n = 0;
const status = document.getElementById('status');
const list = document.getElementById('list');
const log = document.getElementById('log');
const toggled = document.getElementById('toggled');
setInterval(() => {
  n++;
  status.textContent = 'Retrying… Error code: 0x' + (n % 4096).toString(16) + ' attempt ' + n;
  const li = document.createElement('li');
  li.textContent = 'Event ' + n + ': Error code: 0x904 Extended error code: 0x7 ' + '8'.repeat(500);
  list.appendChild(li);
  list.firstElementChild.remove();
  log.textContent = ('Error code: 0x' + (n % 256).toString(16) + ' ' + 'B'.repeat(1000) + ' ').repeat(4);
  if (n % 10 === 0) toggled.hidden = !toggled.hidden;
}, 20);`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Hostile page</title>
<style>body{font:12px monospace;margin:0}.h{word-break:break-all;margin:0 0 4px}#churn{contain:strict;height:300px;overflow:hidden}</style>
</head><body><div id="churn"><p id="status">Starting</p><ul id="list">${rows}</ul><pre id="log"></pre>
<p id="toggled" hidden>The connection was ended. Error code: 0x3 Extended error code: 0x11</p></div>
${blocks.join('\n')}
<script>${churn}</script></body></html>`;
}
