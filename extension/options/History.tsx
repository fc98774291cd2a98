/**
 * Options: the servers checked before on this computer — each host with when it was last checked and
 * how that check ended (when it finished), one removable at a time, or all at once. The list is kept
 * by the background (lib/history.ts); this page shows what it answers after every change, never its
 * own guess.
 */
import { useEffect, useState } from 'preact/hooks';
import { clearHistory, forgetHost, loadHistoryEntries, type RecentHost } from '../lib/history.js';
import { t } from '../lib/i18n.js';

function when(at: number | undefined): string {
  if (at === undefined) return '';
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function HistoryRow({ entry, onRemove }: { entry: RecentHost; onRemove(): void }) {
  return (
    <li class="row" data-testid="history-entry" data-host={entry.host}>
      <span class="grow">
        <code>{entry.host}</code>{' '}
        {entry.at === undefined ? null : (
          <span class="meta" data-testid="history-when">
            {t('optHistoryWhen', when(entry.at))}
          </span>
        )}
        {entry.result === undefined ? null : (
          <span class="meta" data-testid="history-result" data-result={entry.result}>
            {' — '}
            {t(`optHistory_${entry.result}`)}
          </span>
        )}
      </span>
      <button type="button" class="secondary" data-testid="history-remove" onClick={onRemove}>
        {t('optHistoryRemove', entry.host)}
      </button>
    </li>
  );
}

export function HistorySection() {
  const [entries, setEntries] = useState<RecentHost[] | null>(null);
  useEffect(() => {
    loadHistoryEntries().then(setEntries);
  }, []);
  const list = entries ?? [];
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">{t('optHistoryHeading')}</h2>
      {list.length === 0 ? (
        <p class="muted" data-testid="history-none">
          {entries === null ? '' : t('optHistoryNone')}
        </p>
      ) : (
        <>
          <p class="meta">{t('optHistoryHelp')}</p>
          <ul data-testid="history-list" aria-labelledby="history-h">
            {list.map((e) => (
              <HistoryRow key={e.host} entry={e} onRemove={() => forgetHost(e.host).then(setEntries)} />
            ))}
          </ul>
          <button
            type="button"
            class="secondary"
            data-testid="history-clear"
            onClick={() => clearHistory().then(() => loadHistoryEntries().then(setEntries))}
          >
            {t('optHistoryClear')}
          </button>
        </>
      )}
    </section>
  );
}
