import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from './commands';
import { readBoard, readCluster, readNote } from './read';
import { boardRoots } from './roots';

describe('reading a board', () => {
  it('records a peer wrote badly are skipped without throwing', () => {
    const doc = new Y.Doc();
    const commands = createBoardCommands(doc, {});
    const good = commands.addNote({ x: 0, y: 0, authorId: null, authorName: null, lang: 'sv' });
    const { notes, clusters } = boardRoots(doc);
    doc.transact(() => {
      const bad = new Y.Map<unknown>();
      bad.set('text', 42);
      notes.set('bad', bad);
      (notes as Y.Map<unknown>).set('primitive', 'not a map');
      (clusters as Y.Map<unknown>).set('c', { title: 'plain object' });
      notes.get(good)?.set('unknownField', { nested: true });
    });
    const board = readBoard(doc);
    expect(board.notes.map((n) => n.id)).toEqual([good]);
    expect(board.clusters).toEqual([]);
    expect(readNote(doc, 'bad')).toBeNull();
    expect(readNote(doc, 'primitive')).toBeNull();
    expect(readCluster(doc, 'c')).toBeNull();
    expect(readNote(doc, 'missing')).toBeNull();
  });

  it('a note whose cluster is gone reads as unclustered', () => {
    const doc = new Y.Doc();
    const commands = createBoardCommands(doc, {});
    const id = commands.addNote({ x: 0, y: 0, authorId: null, authorName: null, lang: 'en' });
    doc.transact(() => boardRoots(doc).notes.get(id)?.set('clusterId', 'vanished'));
    expect(readNote(doc, id)?.clusterId).toBeNull();
    expect(readBoard(doc).notes[0]?.clusterId).toBeNull();
  });
});
