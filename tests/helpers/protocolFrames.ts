import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { createBoardCommands } from '../../shared/board/commands';
import { MessageType } from '../../shared/protocol/messageTypes';
import { addNote, editNote, notesUpdate } from './boardContent';

// Hand-built protocol messages and updates for the hostile-input tests.

/** The bytes `write` puts into a fresh encoder. */
export const frame = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/** An awareness message with these entries (JSON states as given, valid or not). */
export function awarenessFrame(
  entries: Array<{ clientId: number; clock: number; json: string }>,
  trailing = false,
): Uint8Array {
  const inner = frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const x of entries) {
      encoding.writeVarUint(e, x.clientId);
      encoding.writeVarUint(e, x.clock);
      encoding.writeVarString(e, x.json);
    }
    if (trailing) encoding.writeUint8(e, 7);
  });
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, inner);
  });
}

/** A valid update adding one note tagged `text`, from a client nobody else uses. */
export function noteUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  createBoardCommands(doc, {}).addNote({
    text,
    x: 1,
    y: 1,
    authorId: null,
    authorName: null,
    lang: 'en',
  });
  return Y.encodeStateAsUpdate(doc);
}

/**
 * A valid board update holding `text` as the texts of as many notes as it takes (a note holds at
 * most MAX_NOTE_TEXT): board content of any size, so a refusal is about the size alone.
 */
export function textUpdate(text: string): Uint8Array {
  return notesUpdate(text);
}

/** A small update editing a note whose creation the server never gets: a missing dependency. */
export function pendingUpdate(random: () => number, size = 64): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1 + Math.floor(random() * 2 ** 30);
  const id = addNote(doc, 'first');
  const before = Y.encodeStateVector(doc);
  editNote(doc, id, `first${'y'.repeat(size)}`);
  return Y.encodeStateAsUpdate(doc, before);
}

/** A sync step 2 message carrying `update`. */
export const step2Message = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeSyncStep2(
      e,
      (() => {
        const d = new Y.Doc();
        Y.applyUpdate(d, update);
        return d;
      })(),
    );
  });
