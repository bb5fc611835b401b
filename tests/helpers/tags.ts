import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/board/roots';

/** Notes by text: simulated editors tag each note they add `name:seq`. */
export function countTags(doc: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>();
  boardRoots(doc).notes.forEach((note) => {
    const text = note instanceof Y.Map ? note.get('text') : undefined;
    if (typeof text === 'string') counts.set(text, (counts.get(text) ?? 0) + 1);
  });
  return counts;
}

export interface TagCheck {
  expected: number;
  lost: number;
  duplicated: number;
  /** Tagged notes nobody reported making. */
  unexpected: number;
}

/** Compares what a document holds with what editors made (editor name → number of tags). */
export function checkTags(counts: Map<string, number>, made: Record<string, number>): TagCheck {
  let expected = 0;
  let lost = 0;
  let duplicated = 0;
  let known = 0;
  for (const [name, n] of Object.entries(made)) {
    expected += n;
    for (let seq = 0; seq < n; seq++) {
      const c = counts.get(`${name}:${seq}`) ?? 0;
      if (c === 0) lost += 1;
      if (c > 1) duplicated += c - 1;
      known += c;
    }
  }
  let tagged = 0;
  for (const [text, c] of counts) if (/^[^|:]+:\d+$/.test(text)) tagged += c;
  return { expected, lost, duplicated, unexpected: tagged - known };
}

/** A hash of every note's fields: equal on every replica that holds the same board. */
export function notesDigest(doc: Y.Doc): string {
  const json = boardRoots(doc).notes.toJSON() as Record<string, Record<string, unknown>>;
  const hash = createHash('sha1');
  for (const id of Object.keys(json).sort()) {
    const note = json[id]!;
    hash.update(id);
    for (const key of Object.keys(note).sort()) hash.update(`${key}=${JSON.stringify(note[key])};`);
  }
  return hash.digest('hex');
}
