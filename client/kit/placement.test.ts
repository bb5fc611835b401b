import { describe, expect, it } from 'vitest';
import { freeSpot } from './placement';

describe('freeSpot', () => {
  it('takes the wanted spot when it is free', () => {
    expect(freeSpot([], { x: 5, y: 5 }, { width: 100, height: 50 })).toEqual({ x: 5, y: 5 });
  });
  it('moves next to something already there', () => {
    const spot = freeSpot(
      [{ x: 0, y: 0, width: 100, height: 50 }],
      { x: 0, y: 0 },
      { width: 100, height: 50 },
    );
    expect(spot).not.toEqual({ x: 0, y: 0 });
    const overlaps = spot.x < 100 && spot.x + 100 > 0 && spot.y < 50 && spot.y + 50 > 0;
    expect(overlaps).toBe(false);
  });
});
