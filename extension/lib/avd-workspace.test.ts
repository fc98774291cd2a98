import { describe, expect, it } from 'vitest';
import { AVD_WORKSPACE_KEY, loadAvdWorkspace, saveAvdWorkspace } from './avd-workspace.js';
import { memoryArea } from './memory-area.testkit.js';

const GUID = '11111111-2222-3333-4444-555555555555';
const RID = `/subscriptions/${GUID}/resourceGroups/rg-avd/providers/Microsoft.OperationalInsights/workspaces/law-avd`;

describe('remembered Log Analytics workspace', () => {
  it('stores a valid workspace id and resource id, canonical, and reads them back', async () => {
    const area = memoryArea();
    const r = await saveAvdWorkspace(area, {
      workspaceId: ` {${GUID.toUpperCase()}} `,
      workspaceResourceId: `${RID}/`,
    });
    expect(r).toEqual({ ok: true, stored: { workspaceId: GUID, workspaceResourceId: RID } });
    expect(await loadAvdWorkspace(area)).toEqual({ workspaceId: GUID, workspaceResourceId: RID });
  });

  it('refuses what is not a GUID / a workspace resource id and keeps the stored value', async () => {
    const area = memoryArea({ [AVD_WORKSPACE_KEY]: { workspaceId: GUID, workspaceResourceId: null } });
    const r = await saveAvdWorkspace(area, { workspaceId: 'law-avd', workspaceResourceId: 'https://evil.example/x' });
    expect(r).toEqual({ ok: false, errors: ['workspace-id-invalid', 'workspace-resource-invalid'] });
    expect((await loadAvdWorkspace(area)).workspaceId).toBe(GUID);
  });

  it('clears with empty fields and reads damaged storage as nothing remembered', async () => {
    const area = memoryArea({ [AVD_WORKSPACE_KEY]: { workspaceId: 'x"; drop', workspaceResourceId: 42 } });
    expect(await loadAvdWorkspace(area)).toEqual({ workspaceId: null, workspaceResourceId: null });
    await saveAvdWorkspace(area, { workspaceId: GUID, workspaceResourceId: '' });
    await saveAvdWorkspace(area, { workspaceId: '', workspaceResourceId: '' });
    expect(await loadAvdWorkspace(area)).toEqual({ workspaceId: null, workspaceResourceId: null });
  });
});
