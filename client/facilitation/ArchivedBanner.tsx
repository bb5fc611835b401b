import { useTranslation } from 'react-i18next';
import '../styles/people.css';

/**
 * "This board is archived", for everyone, shaped like the frozen banner. The server refuses every
 * change to an archived board (409 `archived`); the page shows no edit controls.
 */
export function ArchivedBanner({ archived }: { archived: boolean }) {
  const { t } = useTranslation();
  if (!archived) return null;
  return (
    <p className="banner banner--archived">
      <strong>{t('banner.archivedTitle')}</strong> {t('banner.archivedBody')}
    </p>
  );
}
