import { describe, expect, it } from 'vitest';
import type { Cluster } from './cluster';
import {
  boundsOf,
  clusterAt,
  findClusterSlot,
  layoutNewNotePosition,
  noteRect,
  rectsIntersect,
  visibleIds,
} from './geometry';
import { NOTE_HEIGHT, NOTE_WIDTH } from './note';

const cluster = (id: string, order: number, x = 0, y = 0, width = 400, height = 300): Cluster => ({
  id,
  title: id,
  x,
  y,
  width,
  height,
  order,
  createdAt: 0,
});

describe('geometry', () => {
  it('rectangles that only touch do not intersect', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    expect(rectsIntersect(a, { x: 10, y: 0, width: 5, height: 5 })).toBe(false);
    expect(rectsIntersect(a, { x: 9, y: 9, width: 5, height: 5 })).toBe(true);
  });

  it('the topmost of overlapping clusters wins a hit test', () => {
    const low = cluster('low', 1);
    const high = cluster('high', 2, 100, 100);
    expect(clusterAt([high, low], { x: 150, y: 150 })?.id).toBe('high');
    expect(clusterAt([high, low], { x: 50, y: 50 })?.id).toBe('low');
    expect(clusterAt([high, low], { x: 5000, y: 50 })).toBeNull();
  });

  it('bounds of nothing is null and of rects is their union', () => {
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        { x: 0, y: 0, width: 10, height: 10 },
        { x: -5, y: 20, width: 10, height: 10 },
      ]),
    ).toEqual({ x: -5, y: 0, width: 15, height: 30 });
  });

  it('culling keeps only notes that touch the viewport', () => {
    const notes = [
      { id: 'in', x: 0, y: 0 },
      { id: 'out', x: 2000, y: 0 },
    ];
    expect(visibleIds(notes, { x: 0, y: 0, width: 800, height: 600 })).toEqual(['in']);
    expect(visibleIds(notes, { x: 0, y: 0, width: 800, height: 600 }, 2000)).toEqual(['in', 'out']);
  });

  it('a new note avoids notes already at the wanted spot', () => {
    const taken = [noteRect({ x: 0, y: 0 })];
    expect(layoutNewNotePosition([], { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
    const placed = layoutNewNotePosition(taken, { x: 0, y: 0 });
    expect(taken.some((r) => rectsIntersect(r, noteRect(placed)))).toBe(false);
  });

  it('cluster slots fill row by row and a full cluster asks to grow', () => {
    const c = cluster('c', 1, 0, 0, 400, 240);
    const first = findClusterSlot(c, [], [c]);
    const second = findClusterSlot(c, [noteRect(first.position)], [c]);
    expect(second.position.y).toBe(first.position.y);
    expect(second.position.x).toBeGreaterThan(first.position.x + NOTE_WIDTH - 1);
    const third = findClusterSlot(c, [noteRect(first.position), noteRect(second.position)], [c]);
    expect(third.position.y).toBeGreaterThanOrEqual(first.position.y + NOTE_HEIGHT);
    expect(third.height).toBeGreaterThan(c.height);
  });
});
