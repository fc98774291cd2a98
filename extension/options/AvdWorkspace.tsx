/**
 * Options: the Log Analytics workspace to fill into the Azure Virtual Desktop queries (optional). Kept
 * in storage.local on this machine; the extension never queries it and never sends it anywhere.
 */
import { useEffect, useState } from 'preact/hooks';
import { type AvdWorkspaceError, loadAvdWorkspace, saveAvdWorkspace } from '../lib/avd-workspace.js';
import browser from '../lib/browser.js';
import { t } from '../lib/i18n.js';

/** One labelled text field with its inline error (shown when the save refused this field). */
function WorkspaceField(props: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  error: AvdWorkspaceError | null;
  onInput(v: string): void;
}) {
  const err = `${props.id}-err`;
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        data-testid={props.id}
        type="text"
        spellcheck={false}
        placeholder={props.placeholder}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? err : undefined}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
      {props.error ? (
        <p id={err} class="error" role="alert" data-testid={`${props.id}-error`}>
          {t(props.error)}
        </p>
      ) : null}
    </>
  );
}

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
  const shown = (code: AvdWorkspaceError) => (errors.includes(code) ? code : null);
  return (
    <section aria-labelledby="avd-ws-h">
      <h2 id="avd-ws-h">{t('optAvdHeading')}</h2>
      <p class="meta">{t('optAvdHelp')}</p>
      <form onSubmit={submit}>
        <WorkspaceField
          id="avd-workspace-id"
          label={t('optAvdWorkspaceId')}
          placeholder="00000000-0000-0000-0000-000000000000"
          value={id}
          error={shown('workspace-id-invalid')}
          onInput={setId}
        />
        <WorkspaceField
          id="avd-workspace-rid"
          label={t('optAvdResourceId')}
          placeholder="/subscriptions/…/resourceGroups/…/providers/Microsoft.OperationalInsights/workspaces/…"
          value={rid}
          error={shown('workspace-resource-invalid')}
          onInput={setRid}
        />
        <div class="row" style="margin-top:8px">
          <button type="submit" data-testid="avd-workspace-save">
            {t('optAvdSave')}
          </button>
        </div>
      </form>
    </section>
  );
}
