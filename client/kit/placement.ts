/** Where new things go on the board: near the wanted point, on free space. Pure. */
import { rectsIntersect, type Point, type Rect } from '@shared/board/geometry';

const GAP = 24;
const MAX_RINGS = 12;

/** A top-left position for a `size` rectangle at or near `desired` overlapping none of `occupied`. */
export function freeSpot(
  occupied: readonly Rect[],
  desired: Point,
  size: { width: number; height: number },
): Point {
  const stepX = size.width + GAP;
  const stepY = size.height + GAP;
  const isFree = (p: Point): boolean =>
    !occupied.some((r) =>
      rectsIntersect(r, { x: p.x, y: p.y, width: size.width, height: size.height }),
    );
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    const candidates: { dx: number; dy: number }[] = [];
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) candidates.push({ dx, dy });
      }
    }
    // Nearest first; on ties prefer right, then below — where people read on to.
    const distance = (c: { dx: number; dy: number }): number =>
      Math.hypot(c.dx * stepX, c.dy * stepY);
    candidates.sort((a, b) => distance(a) - distance(b) || b.dx - a.dx || b.dy - a.dy);
    for (const c of candidates) {
      const p = { x: desired.x + c.dx * stepX, y: desired.y + c.dy * stepY };
      if (isFree(p)) return p;
    }
  }
  return desired;
}
