/**
 * Options: the Log Analytics workspace to fill into the Azure Virtual Desktop queries (optional). Kept
 * in storage.local on this machine; the extension never queries it and never sends it anywhere.
 */
import { useEffect, useState } from 'preact/hooks';
import { type AvdWorkspaceError, loadAvdWorkspace, saveAvdWorkspace } from '../lib/avd-workspace.js';
import browser from '../lib/browser.js';
import { t } from '../lib/i18n.js';

export function AvdWorkspaceSection({ onSaved }: { onSaved(): void }) {
  const [id, setId] = useState('');
  const [rid, setRid] = useState('');
  const [errors, setErrors] = useState<AvdWorkspaceError[]>([]);
  useEffect(() => {
    loadAvdWorkspace(browser.storage.local).then((w) => {
      setId(w.workspaceId ?? '');
      setRid(w.workspaceResourceId ?? '');
    });
  }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await saveAvdWorkspace(browser.storage.local, { workspaceId: id, workspaceResourceId: rid });
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setErrors([]);
    setId(r.stored.workspaceId ?? '');
    setRid(r.stored.workspaceResourceId ?? '');
    onSaved();
  };
  const bad = (code: AvdWorkspaceError) => errors.includes(code);
  return (
    <section aria-labelledby="avd-ws-h">
      <h2 id="avd-ws-h">{t('optAvdHeading')}</h2>
      <p class="meta">{t('optAvdHelp')}</p>
      <form onSubmit={submit}>
        <label for="avd-workspace-id">{t('optAvdWorkspaceId')}</label>
        <input
          id="avd-workspace-id"
          data-testid="avd-workspace-id"
          type="text"
          spellcheck={false}
          placeholder="00000000-0000-0000-0000-000000000000"
          value={id}
          aria-invalid={bad('workspace-id-invalid') ? 'true' : undefined}
          aria-describedby={bad('workspace-id-invalid') ? 'avd-workspace-id-err' : undefined}
          onInput={(e) => setId((e.currentTarget as HTMLInputElement).value)}
        />
        {bad('workspace-id-invalid') ? (
          <p id="avd-workspace-id-err" class="error" role="alert" data-testid="avd-workspace-id-error">
            {t('workspace-id-invalid')}
          </p>
        ) : null}
        <label for="avd-workspace-rid">{t('optAvdResourceId')}</label>
        <input
          id="avd-workspace-rid"
          data-testid="avd-workspace-rid"
          type="text"
          spellcheck={false}
          placeholder="/subscriptions/…/resourceGroups/…/providers/Microsoft.OperationalInsights/workspaces/…"
          value={rid}
          aria-invalid={bad('workspace-resource-invalid') ? 'true' : undefined}
          aria-describedby={bad('workspace-resource-invalid') ? 'avd-workspace-rid-err' : undefined}
          onInput={(e) => setRid((e.currentTarget as HTMLInputElement).value)}
        />
        {bad('workspace-resource-invalid') ? (
          <p id="avd-workspace-rid-err" class="error" role="alert" data-testid="avd-workspace-rid-error">
            {t('workspace-resource-invalid')}
          </p>
        ) : null}
        <div class="row" style="margin-top:8px">
          <button type="submit" data-testid="avd-workspace-save">
            {t('optAvdSave')}
          </button>
        </div>
      </form>
    </section>
  );
}
