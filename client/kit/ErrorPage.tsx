import { useTranslation } from 'react-i18next';
import { LanguageSelect } from './LanguageSelect';

export type ErrorKind = 'invalidLink' | 'boardNotFound' | 'notFound' | 'unreachable';

/** A full page saying what went wrong and what the person can do about it. */
export function ErrorPage({ kind, onRetry }: { kind: ErrorKind; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="page page--centered">
      <main className="card card--narrow" aria-labelledby="error-title">
        <p className="brand">{t('app.name')}</p>
        <h1 id="error-title">{t(`error.${kind}.title`)}</h1>
        <p>{t(`error.${kind}.body`)}</p>
        {onRetry ? (
          <button type="button" className="button button--primary" onClick={onRetry}>
            {t('error.retry')}
          </button>
        ) : null}
        <LanguageSelect />
      </main>
    </div>
  );
}
