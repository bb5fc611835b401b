import { readNote } from '@shared/board/read';
import { ControlKey } from '@shared/control/controlDoc';
import type { VoteBody } from '@shared/control/commands';
import { phaseRules } from '@shared/control/phases';
import type { Tallies } from '@shared/control/voting';
import type { BoardClaims } from '../auth/tokens';
import { AppError } from '../errors';
import type { VoteStore } from '../persistence/store';
import type { BoardRoom } from '../rooms/boardRoom';
import { setControl } from './controlWrites';

/** What a voter sees of their own votes. */
export interface MyVotes {
  mine: Record<string, number>;
  used: number;
  budget: number;
  remote: boolean;
}

/**
 * Writes the tallies into the control document when they may be seen (voting not hidden, or
 * revealed) and removes them otherwise: hidden tallies never reach anyone's device.
 */
export async function publishTallies(room: BoardRoom, store: VoteStore): Promise<void> {
  const control = room.controlState();
  const visible = !control.voting.hidden || control.revealed;
  const tallies: Tallies | undefined = visible ? await store.voteTallies(room.id) : undefined;
  setControl(room, [[ControlKey.Tallies, tallies]]);
}

function voter(claims: BoardClaims, room: BoardRoom): { personId: string; remote: boolean } {
  if (!claims.personId) throw new AppError('forbidden', 'Join the board with a name to vote');
  const remote = claims.role === 'viewer';
  if (remote && !room.controlState().voting.allowRemote) {
    throw new AppError('forbidden', 'Remote attendees may not vote on this board');
  }
  return { personId: claims.personId, remote };
}

/** One person's votes and budget. */
export async function myVotes(
  room: BoardRoom,
  claims: BoardClaims,
  store: VoteStore,
): Promise<MyVotes> {
  const budget = room.controlState().voting.budget;
  if (!claims.personId) return { mine: {}, used: 0, budget, remote: claims.role === 'viewer' };
  const mine = await store.votesOf(room.id, claims.personId);
  const used = Object.values(mine).reduce((a, b) => a + b, 0);
  return { mine, used, budget, remote: claims.role === 'viewer' };
}

/**
 * Adds or takes back one dot. The server checks everything: the phase, the person, the note,
 * the budget and the one-dot-per-note rule (atomically in the store, so parallel requests from
 * one person cannot overspend).
 */
export async function castVote(
  room: BoardRoom,
  claims: BoardClaims,
  body: VoteBody,
  store: VoteStore,
): Promise<MyVotes> {
  const control = room.controlState();
  if (control.frozen) throw new AppError('forbidden', 'The board is frozen');
  if (!phaseRules(control.phase).vote) throw new AppError('forbidden', 'Voting is not open');
  const { personId, remote } = voter(claims, room);
  if (body.delta === 1 && !readNote(room.board.doc, body.noteId)) {
    throw new AppError('not_found', 'No such note');
  }
  const result = await store.vote({
    boardId: room.id,
    personId,
    noteId: body.noteId,
    delta: body.delta,
    remote,
    budget: control.voting.budget,
    allowMultiple: control.voting.allowMultiple,
  });
  if (!result.ok) {
    const refusals = {
      budget: ['no_dots_left', 'No dots left'],
      multiple: ['one_dot_per_note', 'Only one dot per note on this board'],
      none: ['no_dot_to_take_back', 'No dot of yours on this note'],
      removed: ['removed', 'A facilitator removed this person from the board'],
    } as const;
    const [code, message] = refusals[result.reason];
    throw new AppError(code, message);
  }
  await publishTallies(room, store);
  return { mine: result.mine, used: result.used, budget: control.voting.budget, remote };
}
