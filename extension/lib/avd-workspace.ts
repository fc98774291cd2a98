/**
 * The Log Analytics workspace the person chose to remember for Azure Virtual Desktop queries, in
 * `storage.local` (this machine only: not synced, never sent anywhere). Both fields are optional and
 * validated on every read and write: the "Workspace ID" GUID completes the Azure CLI command, the
 * workspace's resource id makes the portal link.
 */
import type { AvdWorkspace } from '../../shared/avd/index.js';
import { normalizeWorkspaceId, normalizeWorkspaceResourceId } from '../../shared/avd/kql.js';
import type { StorageAreaLike } from './settings.js';

export const AVD_WORKSPACE_KEY = 'avdWorkspace';

export interface StoredAvdWorkspace {
  workspaceId: string | null;
  workspaceResourceId: string | null;
}

export type AvdWorkspaceError = 'workspace-id-invalid' | 'workspace-resource-invalid';

export function normalizeAvdWorkspace(raw: unknown): StoredAvdWorkspace {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    workspaceId: typeof r.workspaceId === 'string' ? normalizeWorkspaceId(r.workspaceId) : null,
    workspaceResourceId:
      typeof r.workspaceResourceId === 'string' ? normalizeWorkspaceResourceId(r.workspaceResourceId) : null,
  };
}

export async function loadAvdWorkspace(area: StorageAreaLike): Promise<StoredAvdWorkspace> {
  try {
    return normalizeAvdWorkspace((await area.get(AVD_WORKSPACE_KEY))[AVD_WORKSPACE_KEY]);
  } catch {
    return { workspaceId: null, workspaceResourceId: null };
  }
}

/**
 * Stores what the person typed (empty clears a field). Refuses, field by field, what is not a workspace
 * GUID / a workspace resource id, and then stores nothing.
 */
export async function saveAvdWorkspace(
  area: StorageAreaLike,
  input: { workspaceId: string; workspaceResourceId: string },
): Promise<{ ok: true; stored: StoredAvdWorkspace } | { ok: false; errors: AvdWorkspaceError[] }> {
  const id = input.workspaceId.trim();
  const rid = input.workspaceResourceId.trim();
  const stored: StoredAvdWorkspace = {
    workspaceId: id === '' ? null : normalizeWorkspaceId(id),
    workspaceResourceId: rid === '' ? null : normalizeWorkspaceResourceId(rid),
  };
  const errors: AvdWorkspaceError[] = [];
  if (id !== '' && !stored.workspaceId) errors.push('workspace-id-invalid');
  if (rid !== '' && !stored.workspaceResourceId) errors.push('workspace-resource-invalid');
  if (errors.length > 0) return { ok: false, errors };
  await area.set({ [AVD_WORKSPACE_KEY]: stored });
  return { ok: true, stored };
}

/** The shape the shared module takes. */
export function toAvdWorkspace(s: StoredAvdWorkspace): AvdWorkspace {
  return { workspaceId: s.workspaceId, workspaceResourceId: s.workspaceResourceId };
}
