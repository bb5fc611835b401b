import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TAG_LENGTH, MAX_TAGS, normaliseTag } from '../session/profile';
import { isSuggestedTag, SUGGESTED_TAGS } from './tags';

/** Expertise tags: toggle suggested chips, or type your own. */
export function TagPicker({ tags, onChange }: { tags: string[]; onChange: (t: string[]) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const groupId = useId();
  const inputId = useId();
  const full = tags.length >= MAX_TAGS;
  const label = (tag: string): string => (isSuggestedTag(tag) ? t(`tags.${tag}`) : tag);

  const toggle = (tag: string): void => {
    if (tags.includes(tag)) onChange(tags.filter((x) => x !== tag));
    else if (!full) onChange([...tags, tag]);
  };
  const addDraft = (): void => {
    const tag = normaliseTag(draft);
    if (tag !== '' && !tags.includes(tag) && !full) onChange([...tags, tag]);
    setDraft('');
  };
  const freeTags = tags.filter((tag) => !isSuggestedTag(tag));

  return (
    <fieldset className="field fieldset">
      <legend id={groupId}>{t('join.tags')}</legend>
      <p className="hint">{t('join.tagsHint')}</p>
      <ul className="chips" aria-labelledby={groupId}>
        {SUGGESTED_TAGS.map((tag) => (
          <li key={tag}>
            <button
              type="button"
              className="chip"
              aria-pressed={tags.includes(tag)}
              onClick={() => toggle(tag)}
            >
              {label(tag)}
            </button>
          </li>
        ))}
        {freeTags.map((tag) => (
          <li key={tag}>
            <button
              type="button"
              className="chip chip--free"
              aria-pressed="true"
              aria-label={t('join.removeTag', { tag })}
              onClick={() => toggle(tag)}
            >
              {tag} <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="inline-form">
        <label htmlFor={inputId} className="visually-hidden">
          {t('join.freeTag')}
        </label>
        <input
          id={inputId}
          type="text"
          maxLength={MAX_TAG_LENGTH}
          placeholder={t('join.freeTagPlaceholder')}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addDraft();
            }
          }}
        />
        <button type="button" className="button" onClick={addDraft} disabled={full}>
          {t('join.addTag')}
        </button>
      </div>
    </fieldset>
  );
}
