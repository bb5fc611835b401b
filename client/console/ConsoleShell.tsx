import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../kit/LanguageSelect';
import { ConsoleLink } from './ConsoleLink';

/** The console's frame: brand, the way back to all forums, language, sign out. */
export function ConsoleShell({
  children,
  onSignOut,
}: {
  children: ReactNode;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="console">
      <a className="skip-link" href="#console-main">
        {t('console.skip')}
      </a>
      <header className="console-bar">
        <div className="console-bar__title">
          <span className="brand brand--small">{t('app.name')}</span>
          <span className="console-bar__name">{t('console.title')}</span>
        </div>
        <nav className="console-bar__side" aria-label={t('console.mainNav')}>
          <ConsoleLink className="button button--ghost" href="/admin">
            {t('console.allForums')}
          </ConsoleLink>
          <LanguageSelect compact />
          <button type="button" className="button" onClick={onSignOut}>
            {t('console.signOut')}
          </button>
        </nav>
      </header>
      <main id="console-main" className="console-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
