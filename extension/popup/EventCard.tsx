import { t } from '../lib/i18n.js';
import type { EventView } from './model.js';

/** One detected event: plain sentence, who must act, likely causes; technical details collapsed. */
export function EventCard({ event }: { event: EventView }) {
  const titleId = `ev-${event.key}`;
  return (
    <article class="card" data-testid="event-card" aria-labelledby={titleId}>
      <h3 id={titleId}>{event.summary}</h3>
      <p class="meta" data-testid="event-title">
        {event.title}
      </p>
      <p>
        <span class="actor" data-testid="event-actor">
          {t('whoMustAct')}: {t(`actor_${event.actor}`)}
        </span>
        {event.notAnError ? <span class="muted"> — {t('notAnError')}</span> : null}
      </p>
      {event.causes.length > 0 ? (
        <>
          <p class="meta">{t('likelyCauses')}</p>
          <ul>
            {event.causes.map((c) => (
              <li key={c.id}>{c.title}</li>
            ))}
          </ul>
        </>
      ) : null}
      <details>
        <summary>{t('technicalDetails')}</summary>
        {event.codes.map((c, i) => (
          <dl class="tech" key={`${c.namespace}:${c.hex ?? c.name}:${i}`}>
            <dt>{t('detailAsWritten')}</dt>
            <dd>
              <code>{c.raw}</code>
            </dd>
            <dt>{t('detailNamespace')}</dt>
            <dd>{c.namespaceTitle}</dd>
            <dt>{t('detailValue')}</dt>
            <dd>{c.hex === null ? t('detailNameOnly') : `${c.hex} = ${c.decimal}`}</dd>
            <dt>{t('detailName')}</dt>
            <dd>{c.name ?? t('detailNotInCatalogue')}</dd>
            <dt>{t('detailConfidence')}</dt>
            <dd>{c.confidence}</dd>
            <dt>{t('detailSource')}</dt>
            <dd>{c.source}</dd>
          </dl>
        ))}
      </details>
    </article>
  );
}
