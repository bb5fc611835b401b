/**
 * "Follow me" viewports, pure. A device shares the board point at the centre of its view and
 * its zoom normalised to a 1000-px-wide view; a follower centres the same point and scales so it
 * sees the same width of board, whatever the size of its screen.
 */
import type { Viewport as SharedViewport } from '@shared/control/controlDoc';
import {
  centerOn,
  clampScale,
  viewportCenter,
  type Size,
  type Viewport,
} from '../kit/canvas/viewport';

const REFERENCE_WIDTH = 1000;

/** The shareable form of a device's viewport. */
export function toShared(vp: Viewport, size: Size): SharedViewport {
  const c = viewportCenter(vp, size);
  return { x: c.x, y: c.y, scale: (vp.scale * REFERENCE_WIDTH) / Math.max(1, size.width) };
}

/** This device's viewport for a shared one. */
export function fromShared(shared: SharedViewport, size: Size): Viewport {
  const scale = clampScale((shared.scale * Math.max(1, size.width)) / REFERENCE_WIDTH);
  return centerOn({ x: 0, y: 0, scale }, { x: shared.x, y: shared.y }, size);
}

/** Whether two viewports differ enough to be worth sending. */
export function viewportMoved(a: SharedViewport | null, b: SharedViewport): boolean {
  if (!a) return true;
  return (
    Math.abs(a.x - b.x) > 0.5 || Math.abs(a.y - b.y) > 0.5 || Math.abs(a.scale - b.scale) > 0.001
  );
}
