/**
 * Hand-made Yjs updates of the kinds a hostile participant sends with a stock library and a few
 * bytes of their own: structurally valid (Yjs decodes them) but outside the board's schema or
 * rules. Used by the unit tests of shared/board/updateCheck.ts and the fault tests.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { boardRoots } from '../../shared/board/roots';

/** Yjs's V1 struct info bits (yjs/src/structs/Item.js). */
const CONTENT_TYPE = 7;
const HAS_PARENT_SUB = 0x20;
const Y_MAP_TYPE_REF = 1;

/**
 * One client's chain of `depth` Y.Maps, each the `text` field of the one above, under a note:
 * built byte by byte (building it with Yjs costs quadratic time) and far deeper than any schema.
 */
export function deepNestingUpdate(depth: number, client = 0x5eed, root = 'notes'): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, depth); // structs
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0); // first clock
  for (let clock = 0; clock < depth; clock++) {
    encoding.writeUint8(e, CONTENT_TYPE | HAS_PARENT_SUB);
    if (clock === 0) {
      encoding.writeVarUint(e, 1); // parent is a root, by name
      encoding.writeVarString(e, root);
      encoding.writeVarString(e, 'deep');
    } else {
      encoding.writeVarUint(e, 0); // parent is the item before
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock - 1);
      encoding.writeVarString(e, 'text');
    }
    encoding.writeVarUint(e, Y_MAP_TYPE_REF);
  }
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

/** An update that only deletes `len` clocks of `client` from `clock` on (no structs). */
export function deleteRangeUpdate(client: number, clock: number, len: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clock);
  encoding.writeVarUint(e, len);
  return encoding.toUint8Array(e);
}

/** What `write` does to a fresh document that already holds `base`, as an update. */
export function updateAfter(base: Uint8Array | null, write: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  write(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/** A note value of the wrong shape: a plain string where a note map belongs. */
export function plainValueNote(id = 'plain'): Uint8Array {
  return updateAfter(null, (d) => boardRoots(d).notes.set(id, 'not a note' as never));
}

/** Writes the schema version: a board no code can write to if it were applied. */
export function schemaVersionUpdate(base: Uint8Array | null, version = 999): Uint8Array {
  return updateAfter(base, (d) => boardRoots(d).meta.set('schemaVersion', version));
}
