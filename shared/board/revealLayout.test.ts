import { describe, expect, it } from 'vitest';
import { noteRect, rectsIntersect } from './geometry';
import { revealGrid } from './revealLayout';

describe('revealed notes', () => {
  it('are laid out in one grid below the board, person by person, without overlaps', async () => {
    const note = (id: string, author: string, x: number, y: number) => ({
      id,
      text: id,
      color: 'yellow' as const,
      x,
      y,
      authorId: author,
      authorName: author,
      lang: 'en' as const,
      clusterId: null,
      createdAt: 0,
    });
    const existing = note('old', 'Fanni', 0, 0);
    const revealed = [note('b1', 'Bo', 0, 0), note('a1', 'Aino', 0, 0), note('a2', 'Aino', 5, 5)];
    const moves = revealGrid({ notes: [existing, ...revealed], clusters: [] }, revealed);
    expect(moves.map((m) => m.id)).toEqual(['a1', 'a2', 'b1']);
    const rects = [noteRect(existing), ...moves.map(noteRect)];
    for (const [i, a] of rects.entries())
      for (const b of rects.slice(i + 1)) expect(rectsIntersect(a, b)).toBe(false);
    expect(Math.min(...moves.map((m) => m.y))).toBeGreaterThan(existing.y + 120);
  });
});
