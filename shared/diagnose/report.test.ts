import { describe, expect, it } from 'vitest';
import { lookup } from '../catalog/index.js';
import type { CheckResult } from '../protocol/results.js';
import { diagnose } from './diagnose.js';
import { toJson, toMarkdown } from './report.js';
import type { Diagnosis } from './types.js';

const expiredCert: CheckResult = {
  checkId: 'certificate',
  status: 'fail',
  summary: 'Certificate expired | 41 days ago',
  evidence: {},
  findings: [
    {
      id: 'cert-expired',
      severity: 'fail',
      summary: 'The certificate expired 41 days ago (CN=rdp.example.com)',
      supports: ['cert-expired'],
      rulesOut: [],
    },
  ],
  durationMs: 12,
};

function sample(): Diagnosis {
  return diagnose({
    detections: [
      { namespace: 'disconnect-reason', code: 0x904 },
      { namespace: 'extended-reason', code: 0x7 },
    ],
    lookup,
    checkResults: [expiredCert],
    now: new Date('2026-11-22T03:00:00Z'),
  });
}

describe('report', () => {
  it('writes the whole diagnosis as Markdown: codes, evidence, causes, ranked fixes with commands, versions', () => {
    const md = toMarkdown(sample(), {
      target: 'rdp.example.com:3389',
      versions: { 'rdp-doctor': '0.1.0', helper: '0.1.0' },
    });
    expect(md).toContain('# RDP Doctor diagnosis');
    expect(md).toContain('Target: `rdp.example.com:3389`');
    expect(md).toMatch(/\| 0x904 \| disconnect-reason \| disconnectReasonAtClientWinsockFDCLOSE \|/);
    expect(md).toContain('| certificate | fail | Certificate expired \\| 41 days ago |');
    expect(md).toMatch(/1\. \*\*The server's RDP certificate has expired.*\*\* — confirmed/);
    expect(md).toContain("### 1. Regenerate the server's self-signed RDP certificate");
    expect(md).toContain('*Why:* First because');
    expect(md).toContain(
      '```bash\naz vm run-command invoke --resource-group <resource-group> --name <vm-name> --command-id ResetRDPCert\n```',
    );
    expect(md).toContain('```powershell\n');
    expect(md).toContain('## Versions\n\n- helper: 0.1.0\n- rdp-doctor: 0.1.0');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('lists ruled-out causes with what ruled them out, and the deciding checks when evidence is missing', () => {
    const md = toMarkdown(sample());
    expect(md).toMatch(/Ruled out:\n\n- .*not valid yet.* — certificate: /);
    const none = toMarkdown(diagnose({ detections: [{ namespace: 'disconnect-reason', code: 0x204 }], lookup }));
    expect(none).toContain('No checks were run');
    expect(none).toMatch(/## Checks that would decide\n\n- `reachability`: /);
  });

  it('says plainly when nothing was found', () => {
    const md = toMarkdown(diagnose({ detections: [] }));
    expect(md).toContain('No Remote Desktop error code was found in the text.');
    expect(md).toContain('No fix can be suggested from this evidence.');
  });

  it('keeps untrusted text inert: table pipes, HTML and backtick fences are escaped', () => {
    const d = sample();
    d.detections[0]!.summary = 'evil | <img src=x onerror=alert(1)> `code`';
    d.fixes[0]!.commands = [{ shell: 'bash', command: 'echo ```` done', runOn: 'client' }];
    const md = toMarkdown(d);
    expect(md).toContain('evil \\| \\<img src=x onerror=alert(1)> \\`code\\`');
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).toContain('`````bash\necho ```` done\n`````');
  });

  it('toJson has top-level detections, causes and fixes (best first, each with id, title, why) and round-trips', () => {
    const d = sample();
    const j = toJson(d, { target: 'rdp.example.com:3389', versions: { 'rdp-doctor': '0.1.0' } });
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining(['target', 'detections', 'causes', 'fixes', 'nextChecks', 'checks', 'versions']),
    );
    const fixes = j.fixes as { id: string; title: string; why: string }[];
    expect(fixes[0]).toMatchObject({ id: 'regenerate-rdp-certificate' });
    for (const f of fixes) {
      expect(typeof f.id).toBe('string');
      expect(typeof f.title).toBe('string');
      expect(f.why.length).toBeGreaterThan(0);
    }
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});
