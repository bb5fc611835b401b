import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../i18n/languages';
import type { ForumFields } from './types';

interface Props {
  initial?: ForumFields;
  submitLabel: string;
  /** Resolves when saved; rejects with a message to show. */
  onSubmit: (fields: ForumFields) => Promise<void>;
  /** Empty the form after a successful save (creating several forums in a row). */
  resetOnSave?: boolean;
}

const EMPTY: ForumFields = {
  title: '',
  date: null,
  description: '',
  languages: ['fi', 'sv', 'en'],
};

/** A forum's title, date, theme description and languages; used to create and to edit. */
export function ForumForm({ initial = EMPTY, submitLabel, onSubmit, resetOnSave = false }: Props) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<ForumFields>(initial);
  const [problem, setProblem] = useState<'title' | 'languages' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), date: useId(), description: useId(), problem: useId() };

  const set = <K extends keyof ForumFields>(key: K, value: ForumFields[K]): void => {
    setFields((f) => ({ ...f, [key]: value }));
    setSaved(false);
    setProblem(null);
  };
  const toggleLanguage = (lang: Language, on: boolean): void =>
    set(
      'languages',
      LANGUAGES.filter((l) => (l === lang ? on : fields.languages.includes(l))),
    );

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const title = fields.title.trim();
    if (title === '') {
      setProblem('title');
      document.getElementById(ids.title)?.focus();
      return;
    }
    if (fields.languages.length === 0) {
      setProblem('languages');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ ...fields, title, description: fields.description.trim() });
      setSaved(true);
      if (resetOnSave) setFields(EMPTY);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="forum-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={ids.title}>{t('console.forum.title')}</label>
        <input
          id={ids.title}
          type="text"
          maxLength={200}
          required
          value={fields.title}
          aria-invalid={problem === 'title' || undefined}
          aria-describedby={problem === 'title' ? ids.problem : undefined}
          onChange={(e) => set('title', e.target.value)}
        />
        {problem === 'title' ? (
          <p id={ids.problem} className="field-error">
            {t('console.forum.titleRequired')}
          </p>
        ) : null}
      </div>
      <div className="field field--date">
        <label htmlFor={ids.date}>{t('console.forum.date')}</label>
        <input
          id={ids.date}
          type="date"
          value={fields.date ?? ''}
          onChange={(e) => set('date', e.target.value === '' ? null : e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.description}>{t('console.forum.description')}</label>
        <textarea
          id={ids.description}
          rows={3}
          maxLength={2000}
          value={fields.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </div>
      <fieldset className="fieldset">
        <legend>{t('console.forum.languages')}</legend>
        <div className="checks">
          {LANGUAGES.map((lang) => (
            <label key={lang} className="check" lang={lang}>
              <input
                type="checkbox"
                checked={fields.languages.includes(lang)}
                onChange={(e) => toggleLanguage(lang, e.target.checked)}
              />
              {t(`language.native.${lang}`)}
            </label>
          ))}
        </div>
        {problem === 'languages' ? (
          <p className="field-error" role="alert">
            {t('console.forum.languagesRequired')}
          </p>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
        <span aria-live="polite" className="form-status">
          {saved ? t('console.saved') : ''}
        </span>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {t('console.failed', { message: error })}
        </p>
      ) : null}
    </form>
  );
}
