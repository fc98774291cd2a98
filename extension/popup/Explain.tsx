import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n.js';
import { EventCard } from './EventCard.js';
import { useEngine } from './lazy-engine.js';
import { MAX_EXPLAIN_CHARS } from './limits.js';
import type { EventView } from './model.js';

/** Delay between the last keystroke and explaining, in milliseconds. */
export const EXPLAIN_DEBOUNCE_MS = 150;

/** `value`, once it has not changed for {@link EXPLAIN_DEBOUNCE_MS}. */
export function useSettled<T>(value: T): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), EXPLAIN_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

/**
 * The explained events of `text`, recomputed a moment after it stops changing; null until the engine has
 * loaded and read the text once (the first reading does not wait for the debounce).
 */
export function useExplained(text: string, assumeRdp = true): EventView[] | null {
  const engine = useEngine();
  const [events, setEvents] = useState<EventView[] | null>(null);
  const read = events !== null;
  useEffect(() => {
    if (!engine) return;
    const explain = () => setEvents(text.trim() ? engine.explainText(text, assumeRdp) : []);
    const timer = setTimeout(explain, read ? EXPLAIN_DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [engine, text, assumeRdp]);
  return events;
}

export function EventList({ events, text, testId }: { events: EventView[] | null; text: string; testId: string }) {
  if (!text.trim()) return null;
  if (events === null) {
    return (
      <div data-testid={testId} aria-live="polite">
        <p class="muted" data-testid="reading">
          {t('explainReading')}
        </p>
      </div>
    );
  }
  return (
    <div data-testid={testId} aria-live="polite">
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
  clipboard: 'unavailable' | 'ask' | 'granted';
  onAllowClipboard(): void;
}) {
  return (
    <section aria-labelledby="explain-h">
      <h2 id="explain-h">{t('explainHeading')}</h2>
      <label for="paste">{t('pasteLabel')}</label>
      <textarea
        id="paste"
        data-testid="paste"
        spellcheck={false}
        placeholder={t('pastePlaceholder')}
        aria-describedby="paste-help"
        value={props.text}
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
      <EventList events={props.events} text={props.text} testId="events" />
    </section>
  );
}
