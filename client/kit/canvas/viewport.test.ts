import { describe, expect, it } from 'vitest';
import { clampScale, fitRect, MAX_SCALE, toBoard, toScreen, visibleRect, zoomAt } from './viewport';

describe('viewport', () => {
  it('maps board to screen and back', () => {
    const vp = { x: 100, y: -50, scale: 2 };
    const p = { x: 13, y: 7 };
    expect(toBoard(vp, toScreen(vp, p))).toEqual(p);
  });

  it('keeps the point under the pointer fixed while zooming', () => {
    const vp = { x: 10, y: 20, scale: 1 };
    const screen = { x: 300, y: 200 };
    const before = toBoard(vp, screen);
    const after = toBoard(zoomAt(vp, 1.5, screen), screen);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('never zooms past the limits', () => {
    expect(clampScale(100)).toBe(MAX_SCALE);
    expect(zoomAt({ x: 0, y: 0, scale: 3 }, 2, { x: 0, y: 0 }).scale).toBe(MAX_SCALE);
  });

  it('fits content inside the stage, centred, without zooming in past 100%', () => {
    const size = { width: 1000, height: 600 };
    const rect = { x: 500, y: 500, width: 2000, height: 400 };
    const vp = fitRect(rect, size, 0);
    expect(vp.scale).toBeCloseTo(0.5);
    const seen = visibleRect(vp, size);
    expect(seen.x).toBeLessThanOrEqual(rect.x);
    expect(seen.x + seen.width).toBeGreaterThanOrEqual(rect.x + rect.width - 1e-9);
    expect(fitRect({ x: 0, y: 0, width: 10, height: 10 }, size).scale).toBe(1);
  });
});
