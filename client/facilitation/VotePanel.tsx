import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '@shared/board/note';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { clusterLabel } from '../kit/labels';
import { fromJoin, savePersonalLink } from '../session/personalLink';
import { MAX_NAME_LENGTH } from '../session/profile';
import { noteLangFor } from '../sync/openBoard';
import { joinBoard } from '../kit/control/api';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { VoteControl } from './VoteControl';
import { useErrorText } from '../kit/control/useCommand';
import { CommandError } from '../kit/control/CommandError';

const FACILITATOR_POLL_MS = 2500;

/** Keeps this person's votes (and a facilitator's live tallies) fresh as the control state changes. */
export function useVotesSync(): void {
  const fac = useFacilitation();
  const control = useStore(fac.control);
  const votes = fac.votes;
  const log = useStore(fac.log);
  // Not the tallies: each vote changes them, and a hundred devices re-reading on every dot would
  // flood the server. One's own dots change by one's own requests, a reset, or the rules.
  const lastReset = log.findLast((e) => e.action === 'resetVotes')?.at ?? 0;
  const key = JSON.stringify([control.phase, control.voting, control.revealed, lastReset]);
  const wanted = control.phase === 'vote' || fac.isFacilitator;
  // `key` stands for the parts of the control state that change someone's votes.
  useEffect(() => {
    if (votes && wanted) void votes.refresh();
  }, [key, votes, wanted]);
  // The same person may vote on another device too: re-read when this one comes back to view.
  useEffect(() => {
    if (!votes || control.phase !== 'vote') return;
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void votes.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onVisible);
    };
  }, [votes, control.phase]);
  useEffect(() => {
    if (!votes || !fac.isFacilitator || control.phase !== 'vote') return;
    return votes.poll(FACILITATOR_POLL_MS);
  }, [votes, fac.isFacilitator, control.phase]);
}

/** A viewer (remote attendee) gives a name to get a personal link and vote, when allowed. */
function JoinToVote() {
  const { t, i18n } = useTranslation();
  const fac = useFacilitation();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const clean = name.trim().replace(/\s+/g, ' ');
    if (!clean) {
      setError(t('join.nameRequired'));
      return;
    }
    setBusy(true);
    try {
      const result = await joinBoard(fac.boardId, fac.token, {
        name: clean,
        tags: [],
        lang: noteLangFor(i18n.language),
      });
      // The board page reopens with the personal link (see usePersonalToken).
      savePersonalLink(fac.boardId, fromJoin(result));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <form className="fac-form" onSubmit={(e) => void submit(e)}>
      <p className="hint">{t('vote.remoteIntro')}</p>
      <div className="field">
        <label htmlFor={inputId}>{t('join.displayName')}</label>
        <input
          id={inputId}
          type="text"
          maxLength={MAX_NAME_LENGTH}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <button type="submit" className="button button--small button--primary" disabled={busy}>
        {t('vote.joinToVote')}
      </button>
      <CommandError error={error} />
    </form>
  );
}

/** The vote phase: dots left, and every note with its vote buttons, cluster by cluster. */
export function VotePanel() {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const { board } = useBoard();
  const snapshot = useStore(board.board);
  const control = useStore(fac.control);
  const state = useStore(fac.votes?.state ?? NO_STATE);
  const groups = useMemo(() => {
    const order = (a: { x: number; y: number }, b: { x: number; y: number }) =>
      a.y - b.y || a.x - b.x;
    const clusters = [...snapshot.clusters].sort(order);
    const byCluster = new Map<string | null, Note[]>();
    for (const n of [...snapshot.notes].sort(order)) {
      byCluster.set(n.clusterId, [...(byCluster.get(n.clusterId) ?? []), n]);
    }
    return [
      ...clusters.map((c) => ({
        id: c.id,
        title: clusterLabel(c, t).title,
        notes: byCluster.get(c.id) ?? [],
      })),
      { id: 'loose', title: t('outline.unclustered'), notes: byCluster.get(null) ?? [] },
    ].filter((g) => g.notes.length > 0);
  }, [snapshot, t]);

  const viewerCannot = fac.role === 'viewer' && !control.voting.allowRemote;
  return (
    <section className="fac-panel" aria-labelledby="vote-panel-title">
      <h2 id="vote-panel-title" className="fac-panel__title">
        {t('vote.title')}
      </h2>
      {viewerCannot ? <p className="hint">{t('vote.remoteClosed')}</p> : null}
      {!viewerCannot && !fac.votes && fac.role === 'viewer' ? <JoinToVote /> : null}
      {!viewerCannot && fac.votes && state ? (
        <>
          <p className="vote-left" aria-live="polite" aria-atomic="true">
            {t('vote.left', { left: state.budget - state.used, budget: state.budget })}
          </p>
          <p className="hint">
            {control.voting.allowMultiple ? t('vote.multipleOk') : t('vote.onePerNote')}{' '}
            {control.voting.hidden && !control.revealed ? t('vote.hiddenUntilReveal') : ''}
          </p>
          {groups.map((g) => (
            <div key={g.id} className="vote-group">
              <h3 className="vote-group__title">{g.title}</h3>
              <ul className="vote-list">
                {g.notes.map((n) => (
                  <li key={n.id} className="vote-item">
                    <span className="vote-item__text" lang={n.lang}>
                      {n.text || t('note.empty')}
                    </span>
                    <VoteControl note={n} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}

const NO_STATE = { get: () => null, subscribe: () => () => undefined };
