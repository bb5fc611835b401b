/**
 * This person's dot votes as the server keeps them. The client never counts: every add or
 * take-back is a request, and what the server answers (dots used, budget, tallies where this
 * person may see them) is what the UI shows. Facilitators re-read it now and then during the vote
 * phase to see hidden tallies live; nobody else gets them before the reveal.
 */
import type { VotesView } from '@shared/api';
import type { Tallies } from '@shared/control/voting';
import { createStore, type ReadableStore } from '../../sync/store';
import { castVote, fetchVotes } from './api';
import { ApiError } from '../../api/http';

export interface VotesState {
  mine: Readonly<Record<string, number>>;
  used: number;
  budget: number;
  remote: boolean;
  tallies: Tallies | null;
}

export interface Votes {
  /** null until first read (or when this device may not vote). */
  readonly state: ReadableStore<VotesState | null>;
  /** Note ids with a request in flight, so their buttons wait. */
  readonly busy: ReadableStore<ReadonlySet<string>>;
  refresh(): Promise<void>;
  /** Adds or takes back a dot; rejects with the server's error (e.g. 409 no dots left). */
  cast(noteId: string, delta: 1 | -1): Promise<void>;
  /** Re-reads every `ms` until stopped (facilitators' live tallies). */
  poll(ms: number): () => void;
}

const NONE: ReadonlySet<string> = new Set();

function toState(view: VotesView): VotesState {
  return {
    mine: view.mine,
    used: view.used,
    budget: view.budget,
    remote: view.remote,
    tallies: view.tallies,
  };
}

/** Votes of the person `token()` names on `boardId`. */
export function createVotes(boardId: string, token: () => string): Votes {
  const state = createStore<VotesState | null>(null);
  const busy = createStore<ReadonlySet<string>>(NONE);
  // Answers can overtake each other; only the newest request's answer is kept.
  let seq = 0;
  const apply = (mine: number, view: VotesView): void => {
    if (mine === seq) state.set(toState(view));
  };
  const refresh = async (): Promise<void> => {
    const mine = ++seq;
    try {
      apply(mine, await fetchVotes(boardId, token()));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
    }
  };
  return {
    state,
    busy,
    refresh,
    async cast(noteId, delta) {
      busy.set(new Set([...busy.get(), noteId]));
      const mine = ++seq;
      try {
        apply(mine, await castVote(boardId, token(), noteId, delta));
      } catch (err) {
        // The server's word is the truth: re-read after a refusal too.
        void refresh();
        throw err;
      } finally {
        const next = new Set(busy.get());
        next.delete(noteId);
        busy.set(next.size === 0 ? NONE : next);
      }
    },
    poll(ms) {
      const timer = setInterval(() => void refresh(), ms);
      return () => clearInterval(timer);
    },
  };
}
