import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from './commands';
import { readBoard } from './read';
import { clearNotes, copyNotesInto, notesOf } from './transfer';

const origin = { test: true };

describe('moving notes between documents', () => {
  it('copies notes with their ids and authors, joins clusters by position, and never twice', () => {
    const source = new Y.Doc();
    const target = new Y.Doc();
    const src = createBoardCommands(source, origin);
    const dst = createBoardCommands(target, origin);
    const clusterId = dst.addCluster({ title: 'Data', x: 0, y: 0, width: 600, height: 400 });
    const inside = src.addNote({
      text: 'inside',
      x: 100,
      y: 100,
      authorId: 'p1',
      authorName: 'Aino',
      lang: 'fi',
    });
    const outside = src.addNote({
      text: 'outside',
      x: 2000,
      y: 2000,
      authorId: null,
      authorName: null,
      lang: 'sv',
    });

    expect(copyNotesInto(target, notesOf(source), origin).sort()).toEqual([inside, outside].sort());
    expect(copyNotesInto(target, notesOf(source), origin)).toEqual([]);
    const notes = readBoard(target).notes;
    expect(notes.find((n) => n.id === inside)).toMatchObject({
      text: 'inside',
      authorId: 'p1',
      authorName: 'Aino',
      lang: 'fi',
      clusterId,
    });
    expect(notes.find((n) => n.id === outside)).toMatchObject({ authorId: null, clusterId: null });

    clearNotes(source, origin);
    expect(readBoard(source).notes).toEqual([]);
  });
});
