import * as Y from 'yjs';
import { createBoardCommands } from '@shared/board/commands';
import { NOTE_COLOR_NAMES } from '@shared/board/note';

export interface BuiltBoard {
  /** The board as a few updates, each under Talkoot's default 1 MiB update limit. */
  updates: Uint8Array[];
  /** The whole board encoded as one update. */
  bytes: number;
  notes: number;
}

const WORDS = (
  'idea budget transport school climate housing data privacy youth elderly library park ' +
  'bike lane energy water health jobs art trust open share'
).split(' ');
const ORIGIN = { bench: 'seed' };
const cache = new Map<number, BuiltBoard>();

/**
 * A realistic board of `notes` sticky notes written through the same commands a person uses
 * (shared/board/commands.ts), in chunks of 500 notes per transaction. Deterministic, and built
 * once per process.
 */
export function buildBoard(notes: number): BuiltBoard {
  const cached = cache.get(notes);
  if (cached) return cached;
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  // No schema stamp: the server writes meta itself and refuses it from anyone else.
  let n = 0;
  const commands = createBoardCommands(doc, ORIGIN, {
    newId: () => `n${(n++).toString(36).padStart(6, '0')}`,
    now: () => 1_767_000_000_000 + n * 1000,
  });
  const CHUNK = 500;
  for (let start = 0; start < notes; start += CHUNK) {
    doc.transact(() => {
      for (let i = start; i < Math.min(notes, start + CHUNK); i++) {
        const text = Array.from(
          { length: 4 },
          (_, k) => WORDS[(i * 7 + k * 5) % WORDS.length],
        ).join(' ');
        commands.addNote({
          text,
          color: NOTE_COLOR_NAMES[i % NOTE_COLOR_NAMES.length],
          x: (i % 100) * 180,
          y: Math.floor(i / 100) * 140,
          authorId: `p${i % 97}`,
          authorName: `Participant ${i % 97}`,
          lang: 'en',
        });
      }
    }, ORIGIN);
  }
  const built = { updates, bytes: Y.encodeStateAsUpdate(doc).byteLength, notes };
  doc.destroy();
  cache.set(notes, built);
  return built;
}
