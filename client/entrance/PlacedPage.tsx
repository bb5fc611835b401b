import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Placement } from './api';
import { boardPath } from './placement';

/** How long the "You sit at …" message stays before the board opens by itself. */
export const REDIRECT_MS = 5000;

/** Tells the person their table, then takes them there (at once on return visits). */
export function PlacedPage({ placement, returning }: { placement: Placement; returning: boolean }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const href = boardPath(placement);
  useEffect(() => {
    heading.current?.focus();
    if (returning) return;
    const timer = window.setTimeout(() => window.location.assign(href), REDIRECT_MS);
    return () => window.clearTimeout(timer);
  }, [href, returning]);
  return (
    <div className="page page--centered">
      <main className="card card--narrow placed" aria-labelledby="placed-title">
        <p className="brand">{t('app.name')}</p>
        <p className="eyebrow">{t('entrance.placed.hello', { name: placement.name })}</p>
        <h1 id="placed-title" ref={heading} tabIndex={-1} className="placed__table">
          {t('entrance.placed.title', { table: placement.boardTitle })}
        </h1>
        <p>{t(returning ? 'entrance.placed.returning' : 'entrance.placed.body')}</p>
        <a className="button button--primary button--wide" href={href}>
          {t('entrance.placed.go', { table: placement.boardTitle })}
        </a>
      </main>
    </div>
  );
}
