import { readBoard } from '@shared/board/read';
import { revealGrid } from '@shared/board/revealLayout';
import { clearNotes, copyNotesInto, notesOf } from '@shared/board/transfer';
import type { Note } from '@shared/board/note';
import type { BoardRoom } from '../rooms/boardRoom';
import { SERVER_ORIGIN } from '../rooms/peer';

/**
 * Moves every private note of the board onto the shared board at once ("Share"), laid out in one
 * grid below the board so nobody's notes land on anyone else's, then empties the private
 * documents. Returns how many notes were revealed.
 */
export async function revealPrivateNotes(room: BoardRoom): Promise<number> {
  const docs = await room.allPrivateDocs();
  const revealed: Note[] = [];
  const sources = [];
  for (const privateDoc of docs) {
    const notes = notesOf(privateDoc.doc);
    if (notes.length === 0) continue;
    revealed.push(...notes);
    sources.push(privateDoc);
  }
  if (revealed.length === 0) return 0;
  const board = readBoard(room.board.doc);
  const placed = new Map(revealGrid(board, revealed).map((m) => [m.id, m]));
  const moved = revealed.map((n) => ({ ...n, ...placed.get(n.id) }));
  const copied = copyNotesInto(room.board.doc, moved, SERVER_ORIGIN).length;
  for (const privateDoc of sources) clearNotes(privateDoc.doc, SERVER_ORIGIN);
  return copied;
}
