import { clearNotes, copyNotesInto, notesOf } from '@shared/board/transfer';
import type { BoardRoom } from '../rooms/boardRoom';
import { SERVER_ORIGIN } from '../rooms/peer';

/**
 * Moves every private note of the board onto the shared board at once ("Share"), then empties
 * the private documents. Returns how many notes were revealed.
 */
export async function revealPrivateNotes(room: BoardRoom): Promise<number> {
  const docs = await room.allPrivateDocs();
  let revealed = 0;
  for (const privateDoc of docs) {
    const notes = notesOf(privateDoc.doc);
    if (notes.length === 0) continue;
    revealed += copyNotesInto(room.board.doc, notes, SERVER_ORIGIN).length;
    clearNotes(privateDoc.doc, SERVER_ORIGIN);
  }
  return revealed;
}
