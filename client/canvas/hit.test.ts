import { describe, expect, it } from 'vitest';
import type { Board } from '@shared/board/read';
import { hitTest, notesInRect } from './hit';

const note = (id: string, x: number, y: number, createdAt: number) => ({
  id,
  text: id,
  color: 'yellow' as const,
  x,
  y,
  authorId: null,
  authorName: null,
  lang: 'en' as const,
  clusterId: null,
  createdAt,
});
const board: Board = {
  notes: [note('a', 100, 100, 1), note('b', 150, 120, 2)],
  clusters: [{ id: 'c', title: 'C', x: 0, y: 0, width: 600, height: 400, order: 1, createdAt: 0 }],
};

describe('hitTest', () => {
  it('finds the topmost note first', () => {
    expect(hitTest(board, { x: 200, y: 150 }, 1, null)).toEqual({ kind: 'note', id: 'b' });
    expect(hitTest(board, { x: 110, y: 110 }, 1, null)).toEqual({ kind: 'note', id: 'a' });
  });
  it('tells a cluster header from its body', () => {
    expect(hitTest(board, { x: 500, y: 10 }, 1, null)).toEqual({ kind: 'clusterHeader', id: 'c' });
    expect(hitTest(board, { x: 500, y: 300 }, 1, null)).toEqual({ kind: 'clusterBody', id: 'c' });
  });
  it('offers the resize grip only on the selected cluster', () => {
    expect(hitTest(board, { x: 595, y: 395 }, 1, 'c')).toEqual({ kind: 'clusterResize', id: 'c' });
    expect(hitTest(board, { x: 595, y: 395 }, 1, null)).toEqual({ kind: 'clusterBody', id: 'c' });
  });
  it('is empty outside everything', () => {
    expect(hitTest(board, { x: 900, y: 900 }, 1, null)).toEqual({ kind: 'empty' });
  });
  it('selects notes touching a rectangle', () => {
    expect(notesInRect(board, { x: 0, y: 0, width: 120, height: 120 })).toEqual(['a']);
  });
});
