import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from './commands';
import { readBoard, readNote } from './read';
import { createUndoManager } from './undo';

const REMOTE = 'remote';

// Two peers whose docs exchange every update immediately, as a relay would.
function twoPeers() {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  docA.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(docB, u, REMOTE);
  });
  docB.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(docA, u, REMOTE);
  });
  const originA = { user: 'a' };
  const originB = { user: 'b' };
  return {
    docA,
    docB,
    a: createBoardCommands(docA, originA),
    b: createBoardCommands(docB, originB),
    undoA: createUndoManager(docA, originA),
    undoB: createUndoManager(docB, originB),
  };
}

const input = { x: 0, y: 0, authorId: null, authorName: null, lang: 'en' } as const;

describe('undo', () => {
  it('undo removes only the undoing user’s note, on both peers', () => {
    const { docA, docB, a, b, undoA } = twoPeers();
    const mine = a.addNote({ ...input, text: 'mine' });
    const theirs = b.addNote({ ...input, text: 'theirs', x: 500 });
    undoA.undo();
    expect(readBoard(docA).notes.map((n) => n.id)).toEqual([theirs]);
    expect(readBoard(docB).notes.map((n) => n.id)).toEqual([theirs]);
    expect(readNote(docA, mine)).toBeNull();
  });

  it('undoing a text edit keeps another user’s concurrent colour change', () => {
    const { docA, docB, a, b, undoA } = twoPeers();
    const id = a.addNote({ ...input, text: 'v1' });
    undoA.stopCapturing();
    a.updateNoteText(id, 'v2');
    b.recolorNote(id, 'pink');
    undoA.undo();
    expect(readNote(docA, id)).toMatchObject({ text: 'v1', color: 'pink' });
    expect(readNote(docB, id)).toEqual(readNote(docA, id));
  });

  it('an undo manager with nothing of its own to undo leaves remote edits alone', () => {
    const { docA, b, undoA } = twoPeers();
    const id = b.addNote({ ...input, text: 'theirs' });
    expect(undoA.canUndo()).toBe(false);
    undoA.undo();
    expect(readNote(docA, id)?.text).toBe('theirs');
  });

  it('a moved group of notes comes back with one undo, and redo replays it', () => {
    const { docA, a, undoA } = twoPeers();
    const ids = [a.addNote({ ...input }), a.addNote({ ...input, x: 300 })];
    undoA.stopCapturing();
    a.moveNotes(ids.map((id) => ({ id, x: 1000, y: 1000 })));
    undoA.undo();
    expect(ids.map((id) => readNote(docA, id)?.x)).toEqual([0, 300]);
    undoA.redo();
    expect(ids.map((id) => readNote(docA, id)?.x)).toEqual([1000, 1000]);
  });

  it('undoing a delete restores the note with all its fields', () => {
    const { docA, docB, a, undoA } = twoPeers();
    const id = a.addNote({ ...input, text: 'keep me', color: 'green' });
    const before = readNote(docA, id);
    undoA.stopCapturing();
    a.deleteNotes([id]);
    undoA.undo();
    expect(readNote(docA, id)).toEqual(before);
    expect(readNote(docB, id)).toEqual(before);
  });

  it('undoing a cluster delete brings back its membership', () => {
    const { docA, a, undoA } = twoPeers();
    const c = a.addCluster({ title: 'C', x: 0, y: 0 });
    const id = a.addNote({ ...input, x: 10, y: 50 });
    undoA.stopCapturing();
    a.deleteCluster(c);
    undoA.undo();
    expect(readNote(docA, id)?.clusterId).toBe(c);
  });
});
