/**
 * A pasted text too long for the paste box (a whole log): held beside the box instead of in it, shown by
 * its size and its last lines (logs end with the failure), with a way to clear it. The box stays empty
 * and light; whatever is typed or pasted into it replaces the long text.
 */
import { useMemo } from 'preact/hooks';
import { t } from '../lib/i18n.js';
import { LARGE_TEXT_CHARS } from './limits.js';

/** Lines shown from the end of a long text. */
const TAIL_LINES = 3;
/** Characters shown of each of those lines. */
const TAIL_LINE_CHARS = 200;

/**
 * The paste box's paste handler: a paste that would make the box's text longer than
 * {@link LARGE_TEXT_CHARS} does not go into the box; the whole new text goes to `onText` instead.
 */
export function largePaste(onText: (text: string) => void) {
  return (e: ClipboardEvent) => {
    const pasted = e.clipboardData?.getData('text/plain') ?? '';
    const box = e.currentTarget as HTMLTextAreaElement;
    if (box.value.length - (box.selectionEnd - box.selectionStart) + pasted.length <= LARGE_TEXT_CHARS) return;
    e.preventDefault();
    onText(box.value.slice(0, box.selectionStart) + pasted + box.value.slice(box.selectionEnd));
  };
}

function tailOf(text: string): { lines: number; tail: string } {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  const tail = text
    .trimEnd()
    .slice(-TAIL_LINES * (TAIL_LINE_CHARS + 1) * 4)
    .split('\n')
    .slice(-TAIL_LINES)
    .map((l) => (l.length > TAIL_LINE_CHARS ? `${l.slice(0, TAIL_LINE_CHARS)}…` : l))
    .join('\n');
  return { lines, tail };
}

export function LargeText({ text, onClear }: { text: string; onClear(): void }) {
  const { lines, tail } = useMemo(() => tailOf(text), [text]);
  return (
    <div class="card" data-testid="large-text" aria-live="polite">
      <p>
        <strong>{t('largeTextHeld', [text.length.toLocaleString('en-US'), lines.toLocaleString('en-US')])}</strong>
      </p>
      <p class="meta">{t('largeTextTail')}</p>
      <pre data-testid="large-text-tail">{tail}</pre>
      <button type="button" class="secondary" data-testid="large-text-clear" onClick={onClear}>
        {t('largeTextClear')}
      </button>
    </div>
  );
}
