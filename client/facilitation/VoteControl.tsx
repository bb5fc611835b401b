import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '@shared/board/note';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { shortText } from '../kit/ids';
import { ApiError } from '../api/http';
import { useFacilitation } from '../kit/control/FacilitationContext';

/** The message for a refused vote. */
function voteErrorKey(err: unknown): string {
  if (!(err instanceof ApiError)) return 'vote.error.generic';
  if (err.code === 'network') return 'facError.network';
  if (err.code === 'no_dots_left') return 'vote.error.noDotsLeft';
  if (err.code === 'one_dot_per_note') return 'vote.error.oneDotPerNote';
  if (err.code === 'no_dot_to_take_back') return 'vote.error.noDotToTakeBack';
  if (err.status === 409) return 'vote.error.conflict';
  if (err.status === 403) return 'vote.error.closed';
  if (err.status === 404) return 'vote.error.gone';
  return 'vote.error.generic';
}

/** "Add dot" / "Remove dot" on one note, named by the note's text for screen readers. */
export const VoteControl = memo(function VoteControl({ note }: { note: Note }) {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const { view } = useBoard();
  const rules = useStore(fac.rules);
  const votes = fac.votes;
  const state = useStore(votes?.state ?? NO_STATE);
  const busy = useStore(votes?.busy ?? NO_BUSY);
  const voting = useStore(fac.control).voting;
  if (!votes || !rules.vote || !state) return null;
  if (state.remote && !voting.allowRemote) return null;
  const text = shortText(note.text) || t('note.empty');
  const mine = state.mine[note.id] ?? 0;
  const left = state.budget - state.used;
  const waiting = busy.has(note.id);
  const cast = (delta: 1 | -1): void => {
    votes.cast(note.id, delta).then(
      () =>
        view.announce(
          t(delta === 1 ? 'vote.added' : 'vote.removed', {
            text,
            left: left - delta,
            budget: state.budget,
          }),
        ),
      (err: unknown) => view.announce(t(voteErrorKey(err))),
    );
  };
  return (
    <div className="vote-control" role="group" aria-label={t('vote.groupLabel', { text })}>
      <span className="vote-control__mine">
        <span aria-hidden="true" className="vote-control__dots">
          {'●'.repeat(Math.min(mine, 20))}
        </span>
        <span className="vote-control__count">{t('vote.mine', { count: mine })}</span>
      </span>
      <button
        type="button"
        className="button button--small"
        aria-label={t('vote.addNamed', { text })}
        disabled={waiting || left <= 0 || (!voting.allowMultiple && mine > 0)}
        onClick={() => cast(1)}
      >
        {t('vote.add')}
      </button>
      <button
        type="button"
        className="button button--small"
        aria-label={t('vote.removeNamed', { text })}
        disabled={waiting || mine === 0}
        onClick={() => cast(-1)}
      >
        {t('vote.remove')}
      </button>
    </div>
  );
});

const NO_STATE = { get: () => null, subscribe: () => () => undefined };
const NO_BUSY = { get: () => EMPTY, subscribe: () => () => undefined };
const EMPTY: ReadonlySet<string> = new Set();
