/**
 * When "Share" reveals everyone's private notes at once, they land where each person wrote them.
 * The facilitator's page that pressed the button then lays them out in one compact grid below the
 * board (a normal board edit by the facilitator, so it can be undone), person by person, so the
 * room sees every note without overlaps or gaps.
 */
import type { NoteMove } from '@shared/board/commands';
import { boundsOf, clusterRect, noteRect } from '@shared/board/geometry';
import { NOTE_HEIGHT, NOTE_WIDTH, type Note } from '@shared/board/note';
import type { Board } from '@shared/board/read';
import type { ReadableStore } from '../sync/store';

const GAP = 16;
const WAIT_MS = 5000;

/** Grid positions for `revealed`, below everything else on `board`. Pure. */
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

/**
 * Waits (a few seconds at most) for notes that were not on the board in `before` to arrive, then
 * hands their grid positions to `move`.
 */
export function arrangeWhenRevealed(
  board: ReadableStore<Board>,
  before: ReadonlySet<string>,
  move: (moves: NoteMove[]) => void,
): void {
  let done = false;
  const check = (): void => {
    if (done) return;
    const snapshot = board.get();
    const revealed = snapshot.notes.filter((n) => !before.has(n.id) && n.clusterId === null);
    if (revealed.length === 0) return;
    done = true;
    stop();
    move(revealGrid(snapshot, revealed));
  };
  const unsubscribe = board.subscribe(check);
  const timer = setTimeout(() => stop(), WAIT_MS);
  const stop = (): void => {
    done = true;
    unsubscribe();
    clearTimeout(timer);
  };
  check();
}
