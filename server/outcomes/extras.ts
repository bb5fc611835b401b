import type { OutcomeVotes } from '@shared/outcome/schema';
import type { Store } from '../persistence/store';
import type { BoardRoom } from '../rooms/boardRoom';
import type { OutcomeExtras } from './build';

/**
 * The vote results a published outcome carries: the dots per note, room and remote apart, when
 * anyone voted and the results may be seen (voting was open, or the facilitator revealed it).
 * Hidden, unrevealed votes stay unpublished: reveal them, then freeze again.
 */
export async function publishedVotes(
  room: BoardRoom,
  store: Store,
): Promise<OutcomeVotes | undefined> {
  const control = room.controlState();
  if (control.voting.hidden && !control.revealed) return undefined;
  const tallies = await store.voteTallies(room.id);
  const ids = new Set([...Object.keys(tallies.room), ...Object.keys(tallies.remote)]);
  if (ids.size === 0) return undefined;
  return {
    budget: control.voting.budget,
    results: Array.from(ids, (id) => ({
      target: 'note' as const,
      id,
      room: tallies.room[id] ?? 0,
      remote: tallies.remote[id] ?? 0,
    })),
  };
}

/** What Talkoot publishes beside the board today: votes (proposals join when they land). */
export async function defaultExtras(room: BoardRoom, store: Store): Promise<OutcomeExtras> {
  const votes = await publishedVotes(room, store);
  return votes ? { votes } : {};
}
