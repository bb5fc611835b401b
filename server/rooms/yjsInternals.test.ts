import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeApplied, hasPending } from './yjsInternals';

/** Two updates of one writer, the second depending on the first. */
function twoSteps(): { first: Uint8Array; second: Uint8Array } {
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  source.getText('t').insert(0, 'first');
  source.getText('t').insert(5, ' second');
  return { first: updates[0]!, second: updates[1]! };
}

/** An insertion, and an update that only deletes what it inserted. */
function insertThenDelete(): { insert: Uint8Array; remove: Uint8Array } {
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  source.getText('t').insert(0, 'gone');
  source.getText('t').delete(0, 4);
  return { insert: updates[0]!, remove: updates[1]! };
}

// These tests guard the Yjs internals yjsInternals.ts relies on: when one fails after a Yjs
// upgrade, the internal changed and yjsInternals.ts must change with it.
describe('the Yjs internals the server relies on', () => {
  it('an update missing its dependency is held in doc.store.pendingStructs as { missing, update }', () => {
    const { second } = twoSteps();
    const doc = new Y.Doc();
    expect(doc.store.pendingStructs).toBeNull();
    Y.applyUpdate(doc, second);
    const pending = doc.store.pendingStructs;
    expect(pending).not.toBeNull();
    expect(pending!.missing).toBeInstanceOf(Map);
    expect(pending!.update).toBeInstanceOf(Uint8Array);
    expect(doc.getText('t').toString()).toBe('');
  });

  it('a deletion of something not yet known is held in doc.store.pendingDs as an update', () => {
    const { remove } = insertThenDelete();
    const doc = new Y.Doc();
    expect(doc.store.pendingDs).toBeNull();
    Y.applyUpdate(doc, remove);
    expect(doc.store.pendingDs).toBeInstanceOf(Uint8Array);
  });

  it('Y.encodeStateAsUpdate still appends pending structs (the reason encodeApplied exists)', () => {
    const { first, second } = twoSteps();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, second);
    const withPending = new Y.Doc();
    Y.applyUpdate(withPending, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(withPending, first);
    expect(withPending.getText('t').toString()).toBe('first second');
  });
});

describe('hasPending', () => {
  it('is false for a document with everything integrated', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, twoSteps().first);
    expect(hasPending(doc)).toBe(false);
  });

  it('is true while structs wait for a missing dependency, and false once it arrives', () => {
    const { first, second } = twoSteps();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, second);
    expect(hasPending(doc)).toBe(true);
    Y.applyUpdate(doc, first);
    expect(hasPending(doc)).toBe(false);
    expect(doc.getText('t').toString()).toBe('first second');
  });

  it('is true while a deletion waits for what it deletes', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, insertThenDelete().remove);
    expect(hasPending(doc)).toBe(true);
  });
});

describe('encodeApplied', () => {
  it('encodes what is integrated and leaves out pending structs, which stay pending', () => {
    const { first, second } = twoSteps();
    const other = new Y.Doc();
    other.getText('t').insert(0, 'x');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(doc, second);

    const encoded = encodeApplied(doc);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, encoded);
    expect(hasPending(copy)).toBe(false);
    expect(copy.getText('t').toString()).toBe('x');

    // Put back: the pending part integrates once its dependency arrives.
    expect(hasPending(doc)).toBe(true);
    Y.applyUpdate(doc, first);
    expect(hasPending(doc)).toBe(false);
    expect(doc.getText('t').toString()).toContain('first second');
  });

  it('leaves out pending deletions, which stay pending', () => {
    const { insert, remove } = insertThenDelete();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, remove);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, encodeApplied(doc));
    Y.applyUpdate(copy, insert);
    // Without the deletion the inserted text stays.
    expect(copy.getText('t').toString()).toBe('gone');
    Y.applyUpdate(doc, insert);
    expect(doc.getText('t').toString()).toBe('');
  });

  it('against a state vector encodes only what that peer lacks, still without pending structs', () => {
    const { first, second } = twoSteps();
    const other = new Y.Doc();
    other.getText('u').insert(0, 'known');
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(other));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    doc.getText('u').insert(5, ' more');
    Y.applyUpdate(doc, second);

    Y.applyUpdate(peer, encodeApplied(doc, Y.encodeStateVector(peer)));
    expect(peer.getText('u').toString()).toBe('known more');
    expect(hasPending(peer)).toBe(false);
    expect(peer.getText('t').toString()).toBe('');
    Y.applyUpdate(doc, first);
    expect(doc.getText('t').toString()).toBe('first second');
  });

  it('equals Y.encodeStateAsUpdate when nothing is pending', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, twoSteps().first);
    expect(encodeApplied(doc)).toEqual(Y.encodeStateAsUpdate(doc));
  });
});
