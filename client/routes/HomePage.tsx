import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../kit/LanguageSelect';

/** What `/` shows: Talkoot boards open from links, so this page only explains that. */
export function HomePage() {
  const { t } = useTranslation();
  return (
    <div className="page page--centered">
      <main className="card card--narrow">
        <p className="brand">{t('app.name')}</p>
        <h1>{t('home.title')}</h1>
        <p>{t('home.body')}</p>
        <LanguageSelect />
      </main>
    </div>
  );
}
