import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../kit/LanguageSelect';

/** What `/admin` shows without a working admin token: where to find the admin URL. */
export function NoTokenPage({ refused, onForget }: { refused: boolean; onForget?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="page page--centered">
      <main className="card card--narrow" aria-labelledby="no-token-title">
        <p className="brand">{t('app.name')}</p>
        <h1 id="no-token-title">
          {t(refused ? 'console.refused.title' : 'console.noToken.title')}
        </h1>
        <p>{t(refused ? 'console.refused.body' : 'console.noToken.body')}</p>
        <ol className="steps">
          <li>{t('console.noToken.step1')}</li>
          <li>
            {t('console.noToken.step2')}
            <pre className="terminal" aria-label={t('console.noToken.example')}>
              <code>{'Admin (keep private): http://…/admin#token=…'}</code>
            </pre>
          </li>
          <li>{t('console.noToken.step3')}</li>
        </ol>
        <p className="hint hint--spaced">{t('console.noToken.private')}</p>
        {onForget ? (
          <button type="button" className="button" onClick={onForget}>
            {t('console.signOut')}
          </button>
        ) : null}
        <LanguageSelect />
      </main>
    </div>
  );
}
