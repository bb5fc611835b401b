import * as Y from 'yjs';
import { createBoardCommands, type BoardCommands } from '../../shared/board/commands';
import { MAX_NOTE_TEXT } from '../../shared/board/note';
import { readBoard } from '../../shared/board/read';
import { boardRoots } from '../../shared/board/roots';

/**
 * Board content for tests that need "some edits": the server takes only board-shaped writes
 * (shared/board/docSchema.ts), so tests write notes through the board's commands, as the app does.
 */

const ORIGIN = { test: 'boardContent' };
const commandsByDoc = new WeakMap<Y.Doc, BoardCommands>();

/** The board commands over `doc`, one command module per document. */
export function commandsOf(doc: Y.Doc): BoardCommands {
  let commands = commandsByDoc.get(doc);
  if (!commands) commandsByDoc.set(doc, (commands = createBoardCommands(doc, ORIGIN)));
  return commands;
}

/** Adds one note (its own transaction, so its own update) and returns its id. */
export function addNote(doc: Y.Doc, text: string, index = 0): string {
  return commandsOf(doc).addNote({
    text,
    // A grid, so notes do not pile up; where they are does not matter to these tests.
    x: (index % 25) * 180,
    y: Math.floor(index / 25) * 140,
    authorId: null,
    authorName: null,
    lang: 'en',
  });
}

/** Adds one note per text, each in its own transaction; returns their ids. */
export function addNotes(doc: Y.Doc, texts: readonly string[]): string[] {
  return texts.map((text, i) => addNote(doc, text, i));
}

/** Replaces a note's text; throws if the note is gone (a test bug, not a board state). */
export function editNote(doc: Y.Doc, id: string, text: string): void {
  if (!commandsOf(doc).updateNoteText(id, text)) throw new Error(`no note ${id} to edit`);
}

/** The texts of the board's valid notes, in board order (createdAt, then id); none without a doc. */
export function noteTexts(doc: Y.Doc | undefined): string[] {
  return doc ? readBoard(doc).notes.map((n) => n.text) : [];
}

/** True when some valid note reads `text`. */
export function hasNote(doc: Y.Doc, text: string): boolean {
  return noteTexts(doc).includes(text);
}

/** How many valid notes the board has; 0 without a doc (a room that is not loaded). */
export function noteCount(doc: Y.Doc | undefined): number {
  return doc ? readBoard(doc).notes.length : 0;
}

/** The notes and clusters roots as JSON, keys sorted: equal on replicas that hold the same board. */
export function boardJson(doc: Y.Doc): string {
  const { notes, clusters } = boardRoots(doc);
  const sorted = (map: Y.Map<Y.Map<unknown>>) =>
    Object.entries(map.toJSON() as Record<string, Record<string, unknown>>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, fields]) => [id, Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1))]);
  return JSON.stringify({ notes: sorted(notes), clusters: sorted(clusters) });
}

/** `text` cut into pieces a note can hold, never between the halves of a surrogate pair. */
export function noteSizedPieces(text: string): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + MAX_NOTE_TEXT);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(text.slice(at, end));
    at = end;
  }
  return pieces.length > 0 ? pieces : [''];
}

/**
 * One valid board update, from a fresh client, holding `text` as the texts of as many notes as it
 * takes: a large update that is still board content, so a refusal is about its size.
 */
export function notesUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => addNotes(doc, noteSizedPieces(text)), ORIGIN);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
