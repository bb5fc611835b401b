import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardPerson } from '@shared/api';
import { isRole } from '@shared/roles';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { listPeople, removePerson } from '../kit/control/api';
import { CommandError } from '../kit/control/CommandError';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { useErrorText } from '../kit/control/useCommand';
import '../styles/people.css';

/** How often an open panel asks who joined (joining is not in any document the page syncs). */
const REFRESH_MS = 10_000;

type TimeFormat = (iso: string) => string;

interface RowProps {
  person: BoardPerson;
  time: TimeFormat;
  /** This page's own person: nobody removes themselves here. */
  isMe: boolean;
  busy: boolean;
  confirming: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => Promise<boolean>;
}

function PersonRow(props: RowProps) {
  const { person, time, isMe, busy, confirming, onAsk, onCancel, onConfirm } = props;
  const { t } = useTranslation();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  const focusAsk = useRef(false);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (focusAsk.current) askButton.current?.focus();
    focusAsk.current = false;
  }, [confirming]);
  const cancel = (): void => {
    focusAsk.current = true;
    onCancel();
  };
  const role = isRole(person.role) ? t(`roster.role.${person.role}`) : person.role;
  // Facilitators are removed by the admin (console), never from a table's own page.
  const removable = !person.removedAt && !isMe && person.role !== 'facilitator';
  const questionId = `person-${person.personId}-question`;
  return (
    <li className={person.removedAt ? 'person person--removed' : 'person'}>
      <div className="person__info">
        <span className="person__name">
          {person.name}
          {isMe ? ` ${t('roster.you')}` : null}
        </span>
        <span className="person__meta">
          {role} ·{' '}
          <time dateTime={person.joinedAt}>
            {t('roster.joined', { time: time(person.joinedAt) })}
          </time>
        </span>
        {person.removedAt ? (
          <span className="person__removed">
            <time dateTime={person.removedAt}>
              {t('roster.removedAt', { time: time(person.removedAt) })}
            </time>
          </span>
        ) : null}
      </div>
      {removable && confirming ? (
        <div
          className="person__confirm"
          role="group"
          aria-labelledby={questionId}
          onKeyDown={(e) => {
            if (e.key === 'Escape') cancel();
          }}
        >
          <p id={questionId} className="person__question">
            {t('roster.confirm', { name: person.name })}
          </p>
          <div className="fac-row">
            <button
              ref={confirmButton}
              type="button"
              className="button button--small button--danger"
              disabled={busy}
              onClick={() => {
                void onConfirm().then((ok) => {
                  focusAsk.current = !ok;
                  onCancel();
                });
              }}
            >
              {t('roster.confirmYes', { name: person.name })}
            </button>
            <button type="button" className="button button--small" onClick={cancel}>
              {t('roster.cancel')}
            </button>
          </div>
        </div>
      ) : removable ? (
        <button
          ref={askButton}
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={onAsk}
        >
          {t('roster.remove')}
          <span className="visually-hidden"> {person.name}</span>
        </button>
      ) : null}
    </li>
  );
}

/** Who joined the board, asked again while the panel is open and after each removal. */
function usePeople(boardId: string, token: string) {
  const fac = useFacilitation();
  const errorText = useErrorText();
  const log = useStore(fac.log);
  const [people, setPeople] = useState<BoardPerson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setPeople(await listPeople(boardId, token));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [boardId, token, errorText]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  // Another facilitator's removal shows in the log: read the list again.
  const removals = log.filter((e) => e.action === 'removePerson').length;
  useEffect(() => {
    if (removals > 0) void load();
  }, [removals, load]);
  return { people, error, load };
}

/**
 * The people who joined the board (name, role, when) and removing one: their personal link stops
 * working at once and their dots are deleted (`DELETE /api/boards/:id/people/:personId`).
 */
export function PeoplePanel() {
  const { t, i18n } = useTranslation();
  const fac = useFacilitation();
  const { view } = useBoard();
  const errorText = useErrorText();
  const { people, error, load } = usePeople(fac.boardId, fac.token);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const format = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
  const time: TimeFormat = (iso) => format.format(new Date(iso));

  const remove = async (person: BoardPerson): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    setMessage(null);
    try {
      const result = await removePerson(fac.boardId, fac.token, person.personId);
      const done = t('roster.removed', { name: person.name, count: result.votesVoided });
      setMessage(done);
      view.announce(done);
      await load();
      return true;
    } catch (err) {
      const text = errorText(err);
      setFailure(text);
      view.announce(text);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="fac-panel" aria-labelledby="people-title">
      <h2 id="people-title" className="fac-panel__title">
        {t('panel.people')}
      </h2>
      <p className="hint">{t('roster.intro')}</p>
      <p className="people-message" aria-live="polite">
        {message}
      </p>
      <CommandError error={failure ?? error} />
      {people === null && !error ? <p className="hint">{t('roster.loading')}</p> : null}
      {people?.length === 0 ? <p className="hint">{t('roster.empty')}</p> : null}
      {people && people.length > 0 ? (
        <ul className="people-list" aria-label={t('roster.listLabel')}>
          {people.map((p) => (
            <PersonRow
              key={p.personId}
              person={p}
              time={time}
              isMe={p.personId === fac.personal?.personId}
              busy={busy}
              confirming={confirming === p.personId}
              onAsk={() => setConfirming(p.personId)}
              onCancel={() => setConfirming(null)}
              onConfirm={() => remove(p)}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
