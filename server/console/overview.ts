import { readBoard } from '@shared/board/read';
import type { Phase } from '@shared/control/phases';
import type { Boards } from '../boards';
import type { ForumStore } from '../persistence/store';
import type { DocRoom } from '../rooms/docRoom';
import type { RoomManager } from '../rooms/roomManager';

// Note and cluster counts per loaded board and its version: a dashboard refresh neither reads
// unchanged boards again nor wakes quiet ones.
const counted = new WeakMap<DocRoom, { version: number; notes: number; clusters: number }>();

function countsOf(doc: DocRoom): { notes: number; clusters: number } {
  const known = counted.get(doc);
  if (known && known.version === doc.version) return known;
  const board = readBoard(doc.doc);
  const counts = {
    version: doc.version,
    notes: board.notes.length,
    clusters: board.clusters.length,
  };
  counted.set(doc, counts);
  return counts;
}

/** One table on the live forum dashboard. */
export interface TableOverview {
  id: string;
  title: string;
  position: number;
  archived: boolean;
  /** Open connections to the board by role. */
  present: { facilitator: number; participant: number; viewer: number };
  /** Names of people connected with a personal link. */
  people: string[];
  /** People placed at this table through the forum entrance. */
  placed: number;
  notes: number;
  clusters: number;
  phase: Phase | null;
  frozen: boolean;
  /** Last change to the board document (ISO time), or null when none since the server started. */
  lastActivity: string | null;
}

/**
 * Builds the forum dashboard from the rooms themselves. Boards that are not in memory are loaded
 * for the look (and unload again when idle): a forum has tens of tables, not thousands.
 */
export async function forumOverview(
  forumId: string,
  boards: Boards,
  store: ForumStore,
  rooms: RoomManager,
): Promise<TableOverview[]> {
  await boards.getForum(forumId);
  const records = await store.listBoards(forumId);
  const placed = await store.listForumPeople(forumId);
  const out: TableOverview[] = [];
  for (const record of records) {
    await rooms.withRoom(record, (room) => {
      const present = { facilitator: 0, participant: 0, viewer: 0 };
      const people = new Set<string>();
      for (const peer of room.board.peers) {
        present[peer.role] += 1;
        if (peer.personId) people.add(peer.displayName);
      }
      const board = countsOf(room.board);
      const control = room.controlState();
      out.push({
        id: record.id,
        title: record.title,
        position: record.position,
        archived: record.archived,
        present,
        people: Array.from(people).sort((a, b) => a.localeCompare(b)),
        placed: placed.filter((p) => p.boardId === record.id).length,
        notes: board.notes,
        clusters: board.clusters,
        phase: control.phase,
        frozen: control.frozen,
        lastActivity: room.board.lastActivity
          ? new Date(room.board.lastActivity).toISOString()
          : null,
      });
    });
  }
  return out;
}
