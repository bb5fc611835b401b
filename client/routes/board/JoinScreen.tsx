import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSession } from '@shared/api';
import {
  MAX_NAME_LENGTH,
  MAX_TAGS,
  normaliseTag,
  profileStore,
  saveProfile,
} from '../../session/profile';
import { LanguageSelect } from '../../kit/LanguageSelect';
import { TagPicker } from '../../kit/TagPicker';

/** Asked once per device before writing: who you are, what you know, which language. */
export function JoinScreen({ session }: { session: BoardSession }) {
  const { t } = useTranslation();
  const previous = profileStore.get();
  const [name, setName] = useState(previous?.displayName ?? '');
  const [tags, setTags] = useState<string[]>(previous?.tags ?? []);
  const [anonymous, setAnonymous] = useState(previous?.anonymous ?? false);
  const [error, setError] = useState(false);
  const nameId = useId();
  const errorId = useId();
  const anonId = useId();

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const displayName = name.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME_LENGTH);
    if (displayName === '') {
      setError(true);
      document.getElementById(nameId)?.focus();
      return;
    }
    const clean = [...new Set(tags.map(normaliseTag).filter((x) => x !== ''))].slice(0, MAX_TAGS);
    saveProfile({ displayName, tags: clean, anonymous });
  };

  return (
    <div className="page page--centered">
      <main className="card card--join">
        <p className="brand">{t('app.name')}</p>
        <p className="eyebrow">{session.forumTitle}</p>
        <h1>{t('join.title', { board: session.title })}</h1>
        <p className="muted">{t('join.intro')}</p>
        <form onSubmit={submit} noValidate className="stack">
          <div className="field">
            <label htmlFor={nameId}>{t('join.displayName')}</label>
            <input
              id={nameId}
              type="text"
              autoComplete="nickname"
              maxLength={MAX_NAME_LENGTH}
              value={name}
              required
              aria-invalid={error || undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => {
                setName(e.target.value);
                if (error) setError(false);
              }}
            />
            {error ? (
              <p id={errorId} className="field-error">
                {t('join.nameRequired')}
              </p>
            ) : null}
          </div>
          <TagPicker tags={tags} onChange={setTags} />
          <div className="field field--check">
            <input
              id={anonId}
              type="checkbox"
              checked={anonymous}
              onChange={(e) => setAnonymous(e.target.checked)}
            />
            <label htmlFor={anonId}>{t('join.anonymous')}</label>
          </div>
          <p className="hint">{t('join.anonymousHint')}</p>
          <LanguageSelect />
          <button type="submit" className="button button--primary button--wide">
            {t('join.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
