/** Where new things go on the board: near the wanted point, on free space. Pure. */
import { rectsIntersect, type Point, type Rect } from '@shared/board/geometry';

const GAP = 24;
const MAX_RINGS = 12;

/** A top-left position for a `size` rectangle at or near `desired` overlapping none of `occupied`. */
export function freeSpot(occupied: readonly Rect[], desired: Point, size: { width: number; height: number }): Point {
  const stepX = size.width + GAP;
  const stepY = size.height + GAP;
  const isFree = (p: Point): boolean =>
    !occupied.some((r) => rectsIntersect(r, { x: p.x, y: p.y, width: size.width, height: size.height }));
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const p = { x: desired.x + dx * stepX, y: desired.y + dy * stepY };
        if (isFree(p)) return p;
      }
    }
  }
  return desired;
}
