import * as Y from 'yjs';
import { readBoard } from '@shared/board/read';
import { revealGrid } from '@shared/board/revealLayout';
import { boardRoots } from '@shared/board/roots';
import { clearNotes, copyNotesInto, notesOf } from '@shared/board/transfer';
import type { Note } from '@shared/board/note';
import { AppError } from '../errors';
import type { BoardRoom } from '../rooms/boardRoom';
import type { DocRoom } from '../rooms/docRoom';
import { SERVER_ORIGIN } from '../rooms/origins';

/** What "Share" would do now: the notes, placed, and the private documents they come from. */
interface Reveal {
  moved: Note[];
  sources: DocRoom[];
}

/** Synchronous on loaded documents, so nothing changes between the look and the move. */
function prepare(room: BoardRoom, docs: DocRoom[]): Reveal | null {
  const revealed: Note[] = [];
  const sources: DocRoom[] = [];
  for (const privateDoc of docs) {
    const notes = notesOf(privateDoc.doc);
    if (notes.length === 0) continue;
    revealed.push(...notes);
    sources.push(privateDoc);
  }
  if (revealed.length === 0) return null;
  const board = readBoard(room.board.doc);
  const placed = new Map(revealGrid(board, revealed).map((m) => [m.id, m]));
  return { moved: revealed.map((n) => ({ ...n, ...placed.get(n.id) })), sources };
}

/** Bytes the board grows by when `notes` are copied onto it (measured on a scratch document). */
function addedBytes(room: BoardRoom, notes: Note[]): number {
  const { notes: onBoard } = boardRoots(room.board.doc);
  const scratch = new Y.Doc();
  copyNotesInto(
    scratch,
    notes.filter((n) => !onBoard.has(n.id)),
    SERVER_ORIGIN,
  );
  const bytes = Y.encodeStateAsUpdate(scratch).byteLength;
  scratch.destroy();
  return bytes;
}

/**
 * Throws AppError('too_large'), changing nothing, when revealing would take the board past
 * `maxDocBytes` — the limit every participant's own writes are held to.
 */
function assertFits(room: BoardRoom, reveal: Reveal, maxDocBytes: number | undefined): void {
  if (maxDocBytes === undefined) return;
  const stored = room.board.approxBytes;
  const added = addedBytes(room, reveal.moved);
  if (stored + added > maxDocBytes) {
    throw new AppError(
      'too_large',
      `Revealing ${reveal.moved.length} private notes (${added} bytes) would take the board past ` +
        `its size limit (${stored} of ${maxDocBytes} bytes used); nothing was changed`,
    );
  }
}

/** Every private document of the board, loaded, with the board's stored size up to date. */
async function loadForReveal(room: BoardRoom): Promise<DocRoom[]> {
  // The size is what is stored: wait for what is queued so the check counts it.
  await room.board.whenSaved();
  return room.allPrivateDocs();
}

/**
 * Checks that revealing the private notes now would fit the board's size limit, without
 * changing anything (run before the phase-change snapshot, so a refusal leaves no trace).
 */
export async function checkRevealFits(room: BoardRoom, maxDocBytes?: number): Promise<void> {
  const docs = await loadForReveal(room);
  const reveal = prepare(room, docs);
  if (reveal) assertFits(room, reveal, maxDocBytes);
}

/**
 * Moves every private note of the board onto the shared board at once ("Share"), laid out in one
 * grid below the board so nobody's notes land on anyone else's, then empties the private
 * documents. Returns how many notes were revealed. Past the board's size limit it throws
 * AppError('too_large') and changes nothing.
 */
export async function revealPrivateNotes(room: BoardRoom, maxDocBytes?: number): Promise<number> {
  const docs = await loadForReveal(room);
  const reveal = prepare(room, docs);
  if (!reveal) return 0;
  assertFits(room, reveal, maxDocBytes);
  const copied = copyNotesInto(room.board.doc, reveal.moved, SERVER_ORIGIN).length;
  for (const privateDoc of reveal.sources) clearNotes(privateDoc.doc, SERVER_ORIGIN);
  return copied;
}

/** Empties one person's private notes (a removed person's are never revealed). */
export async function clearPrivateNotesOf(room: BoardRoom, personId: string): Promise<void> {
  const privateDoc = await room.privateDoc(personId);
  if (notesOf(privateDoc.doc).length > 0) clearNotes(privateDoc.doc, SERVER_ORIGIN);
}
