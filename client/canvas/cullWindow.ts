import type { Rect } from '@shared/board/geometry';
import { expandRect } from '@shared/board/geometry';
import { DETAIL_SCALE, visibleRect, type Size, type Viewport } from '../kit/canvas/viewport';

/** The part of the board the static layer draws, and at which scale. */
export interface CullWindow {
  /** Board rectangle drawn: the view grown by a quarter screen on every side. */
  rect: Rect;
  scale: number;
  detail: boolean;
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/**
 * The window to draw for `vp`: `previous` as long as the view stays inside it at the same scale,
 * so panning redraws nothing but the camera until the view nears the window's edge.
 */
export function cullWindowFor(vp: Viewport, size: Size, previous: CullWindow | null): CullWindow {
  const view = visibleRect(vp, size);
  if (previous && previous.scale === vp.scale && contains(previous.rect, view)) return previous;
  const margin = Math.max(size.width, size.height) / 4 / vp.scale;
  return { rect: expandRect(view, margin), scale: vp.scale, detail: vp.scale >= DETAIL_SCALE };
}
