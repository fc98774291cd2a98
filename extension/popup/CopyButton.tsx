import { useState } from 'preact/hooks';
import { t } from '../lib/i18n.js';

/** Writes text to the clipboard (async API, with the textarea fallback older pages need). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

/** A button that copies `text`; announces the result to screen readers. */
export function CopyButton({
  text,
  label,
  testId,
  visible,
}: {
  text: string;
  label: string;
  testId?: string;
  /** Visible caption instead of "Copy". */
  visible?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span>
      <button
        type="button"
        class="secondary"
        data-testid={testId}
        aria-label={visible ? undefined : label}
        onClick={async () => {
          setState((await copyText(text)) ? 'copied' : 'failed');
          setTimeout(() => setState('idle'), 2000);
        }}
      >
        {state === 'copied' ? t('copied') : (visible ?? t('copy'))}
      </button>
      <span role="status" class="sr-only">
        {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : ''}
      </span>
    </span>
  );
}
