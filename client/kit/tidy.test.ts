import { describe, expect, it } from 'vitest';
import type { Board } from '@shared/board/read';
import { noteRect, rectsIntersect } from '@shared/board/geometry';
import { tidyDrops } from './tidy';

const note = (id: string, x: number, y: number, clusterId: string | null) => ({
  id,
  text: id,
  color: 'yellow' as const,
  x,
  y,
  authorId: null,
  authorName: null,
  lang: 'en' as const,
  clusterId,
  createdAt: 0,
});
const cluster = {
  id: 'c',
  title: 'C',
  x: 0,
  y: 0,
  width: 600,
  height: 400,
  order: 1,
  createdAt: 0,
};

describe('tidyDrops', () => {
  it('moves a note dropped onto another into a free slot of the same cluster', () => {
    const board: Board = {
      notes: [note('a', 20, 60, 'c'), note('b', 40, 70, 'c')],
      clusters: [cluster],
    };
    const [fix] = tidyDrops(board, ['b']).moves;
    expect(fix?.id).toBe('b');
    expect(rectsIntersect(noteRect(fix!), noteRect(board.notes[0]!))).toBe(false);
  });

  it('leaves notes that cover nothing, and notes outside clusters, alone', () => {
    const board: Board = {
      notes: [
        note('a', 20, 60, 'c'),
        note('b', 300, 200, 'c'),
        note('d', 900, 0, null),
        note('e', 910, 10, null),
      ],
      clusters: [cluster],
    };
    expect(tidyDrops(board, ['b', 'e']).moves).toEqual([]);
  });

  it('grows a full cluster to make room', () => {
    const small = { ...cluster, width: 192, height: 192 };
    const board: Board = {
      notes: [note('a', 16, 56, 'c'), note('b', 20, 60, 'c')],
      clusters: [small],
    };
    const { moves, heights } = tidyDrops(board, ['b']);
    expect(moves).toHaveLength(1);
    expect(heights.get('c')).toBeGreaterThan(192);
    expect(moves[0]!.y + 120).toBeLessThanOrEqual(heights.get('c')!);
  });
});
