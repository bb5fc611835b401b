import { useTranslation } from 'react-i18next';

/** Tells screen readers that a link opens in a new tab. */
export function NewTabHint() {
  const { t } = useTranslation();
  return <span className="visually-hidden"> {t('outcomes.newTab')}</span>;
}
