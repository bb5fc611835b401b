import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from './messageTypes';

/**
 * Whether the server stores a document's changes: `failing` from its first failed save (the
 * changes stay in its memory and on the writers' devices, and are retried) until saving works
 * again, `saving` after that. Never sent while saving simply works.
 */
export type SaveState = 'saving' | 'failing';

const STATE_CODES: Record<SaveState, number> = { saving: 0, failing: 1 };

/** Writes a whole SaveStatus message (type 4, then 0 = saving again or 1 = failing). */
export function writeSaveStatus(encoder: encoding.Encoder, state: SaveState): void {
  encoding.writeVarUint(encoder, MessageType.SaveStatus);
  encoding.writeVarUint(encoder, STATE_CODES[state]);
}

/** Reads the body of a SaveStatus message (after its type); unknown states read as `failing`. */
export function readSaveStatus(decoder: decoding.Decoder): SaveState {
  return decoding.readVarUint(decoder) === STATE_CODES.saving ? 'saving' : 'failing';
}

/** A SaveStatus message as bytes. */
export function saveStatusMessage(state: SaveState): Uint8Array {
  const encoder = encoding.createEncoder();
  writeSaveStatus(encoder, state);
  return encoding.toUint8Array(encoder);
}
