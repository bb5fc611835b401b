import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_CLUSTER_TITLE, MIN_CLUSTER_HEIGHT, MIN_CLUSTER_WIDTH } from './cluster';
import { BoardCommandError, createBoardCommands } from './commands';
import type { NewNoteInput } from './commands';
import { clusterAt, noteCenter, noteRect, rectContainsPoint, rectsIntersect } from './geometry';
import { MAX_NOTE_TEXT } from './note';
import { readBoard, readCluster, readNote } from './read';

const author = { authorId: 'u1', authorName: 'Aino', lang: 'fi' } as const;

function setup() {
  const doc = new Y.Doc();
  const origin = {};
  const commands = createBoardCommands(doc, origin);
  const note = (input: Partial<NewNoteInput> = {}): string =>
    commands.addNote({ x: 2000, y: 2000, ...author, ...input });
  return { doc, origin, commands, note };
}

function countTransactions(doc: Y.Doc, origin: object, fn: () => void): number {
  let count = 0;
  const listener = (tr: Y.Transaction): void => {
    expect(tr.origin).toBe(origin);
    count++;
  };
  doc.on('afterTransaction', listener);
  fn();
  doc.off('afterTransaction', listener);
  return count;
}

describe('board commands', () => {
  it('adding a note stores every field with defaults for the rest', () => {
    const { doc, note } = setup();
    const id = note({ text: 'Hei' });
    expect(readNote(doc, id)).toMatchObject({
      id,
      text: 'Hei',
      color: 'yellow',
      x: 2000,
      y: 2000,
      authorId: 'u1',
      authorName: 'Aino',
      lang: 'fi',
      clusterId: null,
    });
  });

  it('an anonymous note keeps null author fields', () => {
    const { doc, note } = setup();
    const id = note({ authorId: null, authorName: null });
    expect(readNote(doc, id)).toMatchObject({ authorId: null, authorName: null });
  });

  it('each command is exactly one transaction tagged with the origin', () => {
    const { doc, origin, commands, note } = setup();
    expect(countTransactions(doc, origin, () => note())).toBe(1);
    const ids = [note(), note()];
    const moves = ids.map((id, i) => ({ id, x: i * 500, y: 0 }));
    expect(countTransactions(doc, origin, () => commands.moveNotes(moves))).toBe(1);
  });

  it('a note added inside a cluster joins it', () => {
    const { doc, commands, note } = setup();
    const c = commands.addCluster({ title: 'Ideas', x: 0, y: 0 });
    expect(readNote(doc, note({ x: 20, y: 60 }))?.clusterId).toBe(c);
  });

  it('a note added with a cluster id lands in a free slot of that cluster', () => {
    const { doc, commands, note } = setup();
    const c = commands.addCluster({ title: 'Ideas', x: 0, y: 0 });
    const n = readNote(doc, note({ clusterId: c }));
    const cluster = readCluster(doc, c);
    expect(n?.clusterId).toBe(c);
    expect(n && cluster && rectContainsPoint(cluster, noteCenter(n))).toBe(true);
  });

  it('text is clamped to the limit', () => {
    const { doc, commands, note } = setup();
    const id = note();
    expect(commands.updateNoteText(id, 'x'.repeat(MAX_NOTE_TEXT + 50))).toBe(true);
    expect(readNote(doc, id)?.text).toHaveLength(MAX_NOTE_TEXT);
  });

  it('recolouring changes only the colour', () => {
    const { doc, commands, note } = setup();
    const id = note({ text: 'a' });
    expect(commands.recolorNote(id, 'blue')).toBe(true);
    expect(readNote(doc, id)).toMatchObject({ color: 'blue', text: 'a' });
  });

  it('moving a note into and out of a cluster updates its membership', () => {
    const { doc, commands, note } = setup();
    const c = commands.addCluster({ title: 'Ideas', x: 0, y: 0 });
    const id = note();
    commands.moveNotes([{ id, x: 10, y: 50 }]);
    expect(readNote(doc, id)?.clusterId).toBe(c);
    commands.moveNotes([{ id, x: 3000, y: 50 }]);
    expect(readNote(doc, id)?.clusterId).toBeNull();
  });

  it('assigning a cluster from the outline puts the note where the canvas agrees', () => {
    const { doc, commands, note } = setup();
    const c = commands.addCluster({ title: 'Ideas', x: 0, y: 0 });
    const ids = [note(), note(), note(), note(), note(), note(), note()];
    for (const id of ids) expect(commands.setNoteCluster(id, c)).toBe(true);
    const { notes, clusters } = readBoard(doc);
    for (const n of notes) expect(clusterAt(clusters, noteCenter(n))?.id).toBe(c);
    for (const a of notes) {
      for (const b of notes) {
        if (a.id !== b.id) expect(rectsIntersect(noteRect(a), noteRect(b))).toBe(false);
      }
    }
    expect(readCluster(doc, c)?.height).toBeGreaterThan(324);

    expect(commands.setNoteCluster(ids[0] ?? '', null)).toBe(true);
    const out = readNote(doc, ids[0] ?? '');
    expect(out?.clusterId).toBeNull();
    expect(out && clusterAt(readBoard(doc).clusters, noteCenter(out))).toBeNull();
  });

  it('deleting notes removes them and reports whether any existed', () => {
    const { doc, commands, note } = setup();
    const a = note();
    const b = note();
    expect(commands.deleteNotes([a, 'missing'])).toBe(true);
    expect(readBoard(doc).notes.map((n) => n.id)).toEqual([b]);
    expect(commands.deleteNotes(['missing'])).toBe(false);
  });

  it('new clusters stack above older ones', () => {
    const { doc, commands } = setup();
    const a = commands.addCluster({ title: 'A', x: 0, y: 0 });
    const b = commands.addCluster({ title: 'B', x: 10, y: 10 });
    expect(readBoard(doc).clusters.map((c) => c.id)).toEqual([a, b]);
    expect(clusterAt(readBoard(doc).clusters, { x: 20, y: 20 })?.id).toBe(b);
  });

  it('renaming clamps the title', () => {
    const { doc, commands } = setup();
    const c = commands.addCluster({ title: 'A', x: 0, y: 0 });
    expect(commands.renameCluster(c, 'y'.repeat(MAX_CLUSTER_TITLE + 1))).toBe(true);
    expect(readCluster(doc, c)?.title).toHaveLength(MAX_CLUSTER_TITLE);
  });

  it('moving a cluster carries its notes and leaves others', () => {
    const { doc, commands, note } = setup();
    const c = commands.addCluster({ title: 'A', x: 0, y: 0 });
    const inside = note({ x: 10, y: 50 });
    const outside = note({ x: 1000, y: 1000 });
    expect(commands.moveCluster(c, 100, -50)).toBe(true);
    expect(readCluster(doc, c)).toMatchObject({ x: 100, y: -50 });
    expect(readNote(doc, inside)).toMatchObject({ x: 110, y: 0, clusterId: c });
    expect(readNote(doc, outside)).toMatchObject({ x: 1000, y: 1000 });
  });

  it('resizing clamps to the minimum size', () => {
    const { doc, commands } = setup();
    const c = commands.addCluster({ title: 'A', x: 0, y: 0 });
    expect(commands.resizeCluster(c, 1, 1)).toBe(true);
    expect(readCluster(doc, c)).toMatchObject({
      width: MIN_CLUSTER_WIDTH,
      height: MIN_CLUSTER_HEIGHT,
    });
  });

  it('merging moves the source notes into the grown target and deletes the source', () => {
    const { doc, commands, note } = setup();
    const target = commands.addCluster({ title: 'T', x: 0, y: 0 });
    const source = commands.addCluster({ title: 'S', x: 1000, y: 0 });
    const targetNotes = [note({ clusterId: target }), note({ clusterId: target })];
    const sourceNotes = [1, 2, 3, 4, 5].map(() => note({ clusterId: source }));
    expect(commands.mergeClusters(target, source)).toBe(true);
    const { notes, clusters } = readBoard(doc);
    expect(clusters.map((c) => c.id)).toEqual([target]);
    for (const n of notes) {
      expect([...targetNotes, ...sourceNotes]).toContain(n.id);
      expect(n.clusterId).toBe(target);
      expect(clusterAt(clusters, noteCenter(n))?.id).toBe(target);
    }
    expect(commands.mergeClusters(target, target)).toBe(false);
    expect(commands.mergeClusters(target, 'missing')).toBe(false);
  });

  it('deleting a cluster keeps its notes, unclustered, where they were', () => {
    const { doc, commands, note } = setup();
    const c = commands.addCluster({ title: 'A', x: 0, y: 0 });
    const id = note({ x: 10, y: 50 });
    expect(commands.deleteCluster(c)).toBe(true);
    expect(readNote(doc, id)).toMatchObject({ x: 10, y: 50, clusterId: null });
    expect(readBoard(doc).clusters).toEqual([]);
  });

  it('commands on missing records return false and write nothing', () => {
    const { doc, commands } = setup();
    const before = Y.encodeStateVector(doc);
    expect(commands.updateNoteText('missing', 'x')).toBe(false);
    expect(commands.recolorNote('missing', 'blue')).toBe(false);
    expect(commands.moveNotes([{ id: 'missing', x: 0, y: 0 }])).toBe(false);
    expect(commands.setNoteCluster('missing', null)).toBe(false);
    expect(commands.renameCluster('missing', 'x')).toBe(false);
    expect(commands.moveCluster('missing', 1, 1)).toBe(false);
    expect(commands.resizeCluster('missing', 500, 500)).toBe(false);
    expect(commands.deleteCluster('missing')).toBe(false);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('malformed arguments throw a typed error and leave the doc untouched', () => {
    const { doc, commands, note } = setup();
    const id = note();
    const before = Y.encodeStateVector(doc);
    const attempts = [
      () => note({ x: Number.NaN }),
      () => note({ color: 'black' as never }),
      () => note({ lang: 'de' as never }),
      () => commands.moveNotes([{ id, x: 0, y: Number.POSITIVE_INFINITY }]),
      () => commands.recolorNote(id, 'black' as never),
      () => commands.moveCluster('x', Number.NaN, 0),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(BoardCommandError);
      try {
        attempt();
      } catch (error) {
        expect((error as BoardCommandError).code).toBe('invalid-input');
      }
    }
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('coordinates are clamped to the board range', () => {
    const { doc, note } = setup();
    const id = note({ x: 1e12, y: -1e12 });
    expect(readNote(doc, id)).toMatchObject({ x: 1_000_000, y: -1_000_000 });
  });
});
