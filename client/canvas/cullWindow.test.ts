import { describe, expect, it } from 'vitest';
import { cullWindowFor } from './cullWindow';

const size = { width: 1000, height: 800 };

describe('cull window', () => {
  it('stays the same while the view pans inside it, and moves when the view nears its edge', () => {
    const first = cullWindowFor({ x: 0, y: 0, scale: 1 }, size, null);
    expect(first.rect).toEqual({ x: -250, y: -250, width: 1500, height: 1300 });
    expect(cullWindowFor({ x: -200, y: 200, scale: 1 }, size, first)).toBe(first);
    const moved = cullWindowFor({ x: -600, y: 0, scale: 1 }, size, first);
    expect(moved).not.toBe(first);
    expect(moved.rect.x).toBe(350);
  });

  it('follows every change of scale, and drops text below the detail scale', () => {
    const first = cullWindowFor({ x: 0, y: 0, scale: 1 }, size, null);
    const zoomed = cullWindowFor({ x: 0, y: 0, scale: 0.2 }, size, first);
    expect(zoomed).not.toBe(first);
    expect(zoomed.detail).toBe(false);
    expect(first.detail).toBe(true);
  });
});
