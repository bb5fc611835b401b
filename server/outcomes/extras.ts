import type * as Y from 'yjs';
import { readClusters } from '@shared/board/read';
import { richTextToPlain, sanitizeRichText } from '@shared/outcome/richText';
import type { OutcomeVotes } from '@shared/outcome/schema';
import { readProposals } from '@shared/proposal/read';
import type { VoteStore } from '../persistence/store';
import type { BoardRoom } from '../rooms/boardRoom';
import type { OutcomeExtras, ProposalInput } from './build';

/**
 * The vote results a published outcome carries: the dots per note, room and remote apart, when
 * anyone voted and the results may be seen (voting was open, or the facilitator revealed it).
 * Hidden, unrevealed votes stay unpublished: reveal them, then freeze again.
 */
export async function publishedVotes(
  room: BoardRoom,
  store: VoteStore,
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

// A proposal still holding nothing but its template's headings has nothing to publish.
function hasContent(body: unknown): boolean {
  return sanitizeRichText(body).some(
    (block) => block.type !== 'heading' && richTextToPlain([block]).trim() !== '',
  );
}

/**
 * The board's proposals as an outcome carries them: titled by their cluster, with the notes they
 * cite. Proposals with only their template's headings are left out.
 */
export function publishedProposals(doc: Y.Doc): ProposalInput[] {
  const clusters = new Map(readClusters(doc).map((c) => [c.id, c]));
  return readProposals(doc)
    .filter((p) => hasContent(p.body))
    .map((p) => ({
      id: p.clusterId,
      title: clusters.get(p.clusterId)?.title ?? '',
      clusterId: clusters.has(p.clusterId) ? p.clusterId : null,
      body: p.body,
      citedNoteIds: p.citedNoteIds,
    }));
}

/** What Talkoot publishes beside the board: revealed votes and drafted proposals. */
export async function defaultExtras(room: BoardRoom, store: VoteStore): Promise<OutcomeExtras> {
  const votes = await publishedVotes(room, store);
  const proposals = publishedProposals(room.board.doc);
  return {
    ...(votes ? { votes } : {}),
    ...(proposals.length > 0 ? { proposals } : {}),
  };
}
