import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../kit/changeLanguage';
import { isLanguage, LANGUAGES, type Language } from '../i18n/languages';
import {
  MAX_NAME_LENGTH,
  MAX_TAGS,
  normaliseTag,
  profileStore,
  saveProfile,
} from '../session/profile';
import { TagPicker } from '../kit/TagPicker';
import { EntranceError, joinForum, type EntranceInfo, type Placement } from './api';

/** How long "too many people are joining" (429) is waited out before saying it failed. */
const BUSY_RETRY_FOR_MS = 3 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Problem = 'name' | 'noTables' | 'failed' | 'busy' | 'removed';

interface Props {
  forumId: string;
  token: string;
  info: EntranceInfo;
  onPlaced: (placement: Placement) => void;
  onExpired: () => void;
}

function formatDate(date: string, lang: string): string {
  const parsed = Date.parse(`${date}T12:00:00Z`);
  return Number.isNaN(parsed)
    ? date
    : new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(parsed);
}

/** The entrance's questions: name, expertise and language; the answer is a table. */
export function EntranceForm({ forumId, token, info, onPlaced, onExpired }: Props) {
  const { t, i18n } = useTranslation();
  const previous = profileStore.get();
  const offered = useMemo(
    () => (info.languages.length > 0 ? info.languages : [...LANGUAGES]),
    [info.languages],
  );
  const current = isLanguage(i18n.language) ? i18n.language : 'en';
  const [name, setName] = useState(previous?.displayName ?? '');
  const [tags, setTags] = useState<string[]>(previous?.tags ?? []);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), error: useId(), lang: useId() };

  // The forum's languages are the ones on offer; start in one of them.
  useEffect(() => {
    if (!offered.includes(current) && offered[0]) changeLanguage(offered[0]);
  }, [offered, current]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const displayName = name.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME_LENGTH);
    if (displayName === '') {
      setProblem('name');
      document.getElementById(ids.name)?.focus();
      return;
    }
    const clean = [...new Set(tags.map(normaliseTag).filter((x) => x !== ''))].slice(0, MAX_TAGS);
    setBusy(true);
    setProblem(null);
    const started = Date.now();
    for (;;) {
      try {
        // The server seats this device once (its device cookie): asking again is safe.
        const placement = await joinForum(forumId, token, {
          name: displayName,
          tags: clean,
          lang: current as Language,
        });
        saveProfile({ displayName, tags: clean, anonymous: previous?.anonymous ?? false });
        onPlaced(placement);
        return;
      } catch (err) {
        const status = err instanceof EntranceError ? err.status : 0;
        if (status === 429 && Date.now() - started < BUSY_RETRY_FOR_MS) {
          // Many people behind one address (the venue Wi-Fi): wait a little, spread out.
          setProblem('busy');
          await sleep(3_000 + Math.random() * 5_000);
          continue;
        }
        setBusy(false);
        if (status === 401) onExpired();
        else if (err instanceof EntranceError && err.code === 'removed') setProblem('removed');
        else setProblem(status === 503 ? 'noTables' : 'failed');
        return;
      }
    }
  };

  return (
    <div className="page page--centered">
      <main className="card card--join" aria-labelledby="entrance-title">
        <p className="brand">{t('app.name')}</p>
        {info.date ? <p className="eyebrow">{formatDate(info.date, i18n.language)}</p> : null}
        <h1 id="entrance-title">{info.title}</h1>
        {info.description ? <p className="entrance-description">{info.description}</p> : null}
        <p className="muted">{t('entrance.intro')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate className="stack">
          <div className="field">
            <label htmlFor={ids.name}>{t('join.displayName')}</label>
            <input
              id={ids.name}
              type="text"
              autoComplete="name"
              maxLength={MAX_NAME_LENGTH}
              value={name}
              required
              aria-invalid={problem === 'name' || undefined}
              aria-describedby={problem === 'name' ? ids.error : undefined}
              onChange={(e) => {
                setName(e.target.value);
                if (problem === 'name') setProblem(null);
              }}
            />
            {problem === 'name' ? (
              <p id={ids.error} className="field-error">
                {t('join.nameRequired')}
              </p>
            ) : null}
          </div>
          <TagPicker tags={tags} onChange={setTags} />
          <div className="field">
            <label htmlFor={ids.lang}>{t('entrance.language')}</label>
            <select
              id={ids.lang}
              value={current}
              onChange={(e) => {
                if (isLanguage(e.target.value)) changeLanguage(e.target.value);
              }}
            >
              {offered.map((lng) => (
                <option key={lng} value={lng} lang={lng}>
                  {t(`language.native.${lng}`)}
                </option>
              ))}
            </select>
          </div>
          {problem === 'busy' ? (
            <p className="hint" role="status">
              {t('entrance.busy')}
            </p>
          ) : null}
          {problem === 'noTables' || problem === 'failed' || problem === 'removed' ? (
            <p className="field-error" role="alert">
              {t(`entrance.${problem}`)}
            </p>
          ) : null}
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {t('entrance.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
