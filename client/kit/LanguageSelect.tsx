import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from './changeLanguage';
import { isLanguage, LANGUAGES } from '../i18n/languages';

/** The UI language switch; each language is named in itself so anyone can find theirs. */
export function LanguageSelect({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={compact ? 'field field--inline' : 'field'}>
      <label htmlFor={id} className={compact ? 'visually-hidden' : undefined}>
        {t('language.label')}
      </label>
      <select
        id={id}
        value={i18n.resolvedLanguage ?? i18n.language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) changeLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`language.native.${lng}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
