import { t } from '../lib/i18n.js';
import { EventCard } from './EventCard.js';
import { LargeText, largePaste } from './LargeText.js';
import { LARGE_TEXT_CHARS, MAX_EXPLAIN_CHARS } from './limits.js';
import type { EventView } from './model.js';
import type { ReadStep } from './reader-protocol.js';

/** What the reading worker is doing, for the progress line. */
export interface ReadingProgress {
  step: { step: ReadStep; characters: number } | null;
  error: string | null;
}

function stepWords(step: ReadingProgress['step']): string | null {
  if (!step) return null;
  switch (step.step) {
    case 'codes':
      return t('readingCodes', step.characters.toLocaleString('en-US'));
    case 'avd':
      return t('readingAvd');
    case 'page':
      return t('readingPage');
    case 'fixes':
      return t('readingFixes');
  }
}

/** Shown instead of results while a new or changed text is read: never the previous text's results. */
export function ReadingLine({ progress }: { progress: ReadingProgress }) {
  if (progress.error) {
    return (
      <p class="error" role="alert" data-testid="reading-failed">
        {t('readingFailed', progress.error)}
      </p>
    );
  }
  const words = stepWords(progress.step);
  return (
    <div role="status" data-testid="reading" data-step={progress.step?.step ?? ''}>
      <p class="muted">
        {t('explainReading')}
        {words ? <span data-testid="reading-step"> {words}</span> : null}
      </p>
      <progress aria-label={t('explainReading')} />
    </div>
  );
}

/**
 * The events of `text`, or the reading line while they are not known for this very text (`events` is null
 * from the moment the text changes until its own events arrive).
 */
export function EventList(props: {
  events: EventView[] | null;
  text: string;
  testId: string;
  progress: ReadingProgress;
}) {
  const { events, text, testId } = props;
  if (!text.trim()) return null;
  if (events === null) {
    return (
      <div data-testid={testId} aria-live="polite" aria-busy="true" data-state="reading">
        <ReadingLine progress={props.progress} />
      </div>
    );
  }
  return (
    <div data-testid={testId} aria-live="polite" data-state="current">
      {text.length > MAX_EXPLAIN_CHARS && (
        <p class="muted" data-testid="text-skipped">
          {t('textSkipped', [MAX_EXPLAIN_CHARS.toLocaleString('en-US'), text.length.toLocaleString('en-US')])}
        </p>
      )}
      {events.length === 0 ? (
        <p class="muted" data-testid="no-codes">
          {t('noCodesFound')}
        </p>
      ) : (
        events.map((e) => <EventCard key={e.key} event={e} />)
      )}
    </div>
  );
}

export function PasteBox(props: {
  text: string;
  onText(text: string): void;
  events: EventView[] | null;
  progress: ReadingProgress;
  clipboard: 'unavailable' | 'ask' | 'granted';
  onAllowClipboard(): void;
}) {
  // A whole log is held beside the box, not in it (see LargeText.tsx); typing or pasting replaces it.
  const large = props.text.length > LARGE_TEXT_CHARS;
  return (
    <section aria-labelledby="explain-h">
      <h2 id="explain-h">{t('explainHeading')}</h2>
      {large ? <LargeText text={props.text} onClear={() => props.onText('')} /> : null}
      <label for="paste">{t(large ? 'pasteReplaceLabel' : 'pasteLabel')}</label>
      <textarea
        id="paste"
        data-testid="paste"
        spellcheck={false}
        placeholder={t('pastePlaceholder')}
        aria-describedby="paste-help"
        value={large ? '' : props.text}
        onPaste={largePaste(props.onText)}
        onInput={(e) => props.onText((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <div class="row">
        <p id="paste-help" class="meta grow">
          {t('pasteHelp')}
        </p>
        {props.clipboard === 'ask' ? (
          <button type="button" class="secondary" data-testid="allow-clipboard" onClick={props.onAllowClipboard}>
            {t('allowClipboard')}
          </button>
        ) : null}
      </div>
      <EventList events={props.events} text={props.text} testId="events" progress={props.progress} />
    </section>
  );
}
