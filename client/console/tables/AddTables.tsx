import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BOARD_TEMPLATES, type BoardTemplate } from '@shared/board/templates';
import { isLanguage, LANGUAGES, type Language } from '../../i18n/languages';
import type { Board } from '../types';
import { useConsole } from '../ConsoleContext';

type Mode = 'one' | 'many';

/** Adds tables one at a time or several at once, from a template, titled in a language. */
export function AddTables({
  forumId,
  languages,
  onAdded,
}: {
  forumId: string;
  languages: Language[];
  onAdded: (boards: Board[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const [mode, setMode] = useState<Mode>('many');
  const [title, setTitle] = useState('');
  const [count, setCount] = useState('3');
  // null: the default prefix in the current UI language.
  const [prefix, setPrefix] = useState<string | null>(null);
  const [template, setTemplate] = useState<BoardTemplate>('challenges');
  const uiLang = isLanguage(i18n.language) ? i18n.language : 'en';
  const [lang, setLang] = useState<Language>(
    languages.includes(uiLang) ? uiLang : (languages[0] ?? 'en'),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = {
    title: useId(),
    count: useId(),
    prefix: useId(),
    template: useId(),
    lang: useId(),
    problem: useId(),
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const n = Number(count);
    if (mode === 'one' && title.trim() === '') {
      setProblem(t('console.tables.titleRequired'));
      document.getElementById(ids.title)?.focus();
      return;
    }
    if (mode === 'many' && (!Number.isInteger(n) || n < 1 || n > 50)) {
      setProblem(t('console.tables.countRange'));
      document.getElementById(ids.count)?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      if (mode === 'one') {
        onAdded([await api.createBoard(forumId, { title: title.trim(), template, lang })]);
        setTitle('');
      } else {
        const titlePrefix = prefix?.trim() || t('console.tables.defaultPrefix');
        onAdded(await api.createBoards(forumId, { count: n, titlePrefix, template, lang }));
      }
    } catch (err) {
      setProblem(t('console.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="add-tables"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="add-tables-title"
    >
      <h2 id="add-tables-title">{t('console.tables.add')}</h2>
      <fieldset className="fieldset">
        <legend className="visually-hidden">{t('console.tables.how')}</legend>
        <div className="segmented">
          {(['many', 'one'] as const).map((m) => (
            <label key={m} className="segmented__option">
              <input
                type="radio"
                name="add-mode"
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              {t(`console.tables.mode.${m}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="add-tables__fields">
        {mode === 'one' ? (
          <div className="field field--grow">
            <label htmlFor={ids.title}>{t('console.tables.name')}</label>
            <input
              id={ids.title}
              type="text"
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              aria-invalid={problem !== null || undefined}
              aria-describedby={problem ? ids.problem : undefined}
            />
          </div>
        ) : (
          <>
            <div className="field field--count">
              <label htmlFor={ids.count}>{t('console.tables.count')}</label>
              <input
                id={ids.count}
                type="number"
                min={1}
                max={50}
                value={count}
                onChange={(e) => setCount(e.target.value)}
                aria-invalid={problem !== null || undefined}
                aria-describedby={problem ? ids.problem : undefined}
              />
            </div>
            <div className="field field--grow">
              <label htmlFor={ids.prefix}>{t('console.tables.prefix')}</label>
              <input
                id={ids.prefix}
                type="text"
                maxLength={200}
                value={prefix ?? t('console.tables.defaultPrefix')}
                onChange={(e) => setPrefix(e.target.value)}
              />
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor={ids.template}>{t('console.tables.template')}</label>
          <select
            id={ids.template}
            value={template}
            onChange={(e) => setTemplate(e.target.value as BoardTemplate)}
          >
            {BOARD_TEMPLATES.map((tpl) => (
              <option key={tpl} value={tpl}>
                {t(`console.template.${tpl}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.lang}>{t('console.tables.lang')}</label>
          <select
            id={ids.lang}
            value={lang}
            onChange={(e) => isLanguage(e.target.value) && setLang(e.target.value)}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`language.native.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {mode === 'one'
            ? t('console.tables.addOne')
            : t('console.tables.addMany', { count: Number(count) || 0 })}
        </button>
      </div>
      <p className="hint">{t(`console.template.hint.${template}`)}</p>
      {problem ? (
        <p id={ids.problem} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
