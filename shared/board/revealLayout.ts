import type { NoteMove } from './commands';
import { boundsOf, clusterRect, noteRect } from './geometry';
import { NOTE_HEIGHT, NOTE_WIDTH, type Note } from './note';
import type { Board } from './read';

/**
 * Where private notes land when "Share" reveals everyone's at once: one compact grid below the
 * rest of the board, person by person, so the room sees every note without overlaps. The server
 * places them when it reveals them.
 */
const GAP = 16;

/** Grid positions for `revealed`, below everything else on `board`. */
export function revealGrid(board: Board, revealed: readonly Note[]): NoteMove[] {
  if (revealed.length === 0) return [];
  const ids = new Set(revealed.map((n) => n.id));
  const rest = [
    ...board.notes.filter((n) => !ids.has(n.id)).map(noteRect),
    ...board.clusters.map(clusterRect),
  ];
  const bounds = boundsOf(rest);
  const origin = bounds ? { x: bounds.x, y: bounds.y + bounds.height + 80 } : { x: 0, y: 0 };
  const columns = Math.max(1, Math.ceil(Math.sqrt(revealed.length * 2)));
  const ordered = [...revealed].sort(
    (a, b) =>
      (a.authorName ?? '').localeCompare(b.authorName ?? '') ||
      (a.authorId ?? '').localeCompare(b.authorId ?? '') ||
      a.createdAt - b.createdAt ||
      a.id.localeCompare(b.id),
  );
  return ordered.map((n, i) => ({
    id: n.id,
    x: origin.x + (i % columns) * (NOTE_WIDTH + GAP),
    y: origin.y + Math.floor(i / columns) * (NOTE_HEIGHT + GAP),
  }));
}
