/**
 * The canvas camera as pure functions. A viewport maps board units to screen pixels:
 * screen = board * scale + offset. Everything here is unit-tested; the canvas only calls it.
 */
import type { Point, Rect } from '@shared/board/geometry';

export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 3;
/** Below this scale notes are drawn as plain cards without text: unreadable anyway, and cheap. */
export const DETAIL_SCALE = 0.35;

export const INITIAL_VIEWPORT: Viewport = { x: 40, y: 40, scale: 1 };

/** A scale kept within the allowed zoom range. */
export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The board point under a screen point. */
export function toBoard(vp: Viewport, screen: Point): Point {
  return { x: (screen.x - vp.x) / vp.scale, y: (screen.y - vp.y) / vp.scale };
}

/** The screen point of a board point. */
export function toScreen(vp: Viewport, board: Point): Point {
  return { x: board.x * vp.scale + vp.x, y: board.y * vp.scale + vp.y };
}

/** Zooms by `factor` keeping the board point under `screen` in place. */
export function zoomAt(vp: Viewport, factor: number, screen: Point): Viewport {
  const scale = clampScale(vp.scale * factor);
  const anchor = toBoard(vp, screen);
  return { scale, x: screen.x - anchor.x * scale, y: screen.y - anchor.y * scale };
}

/** Moves the camera by a screen-pixel delta. */
export function panBy(vp: Viewport, dx: number, dy: number): Viewport {
  return { ...vp, x: vp.x + dx, y: vp.y + dy };
}

/** The board rectangle visible in a stage of `size`. */
export function visibleRect(vp: Viewport, size: Size): Rect {
  return {
    x: -vp.x / vp.scale,
    y: -vp.y / vp.scale,
    width: size.width / vp.scale,
    height: size.height / vp.scale,
  };
}

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Room kept free around fitted content: the selection bar sits on top, zoom and help below. */
export const FIT_INSETS: Insets = { top: 84, right: 48, bottom: 72, left: 48 };

/** The viewport showing all of `rect` inside `size` minus `insets`, at most 100%. */
export function fitRect(rect: Rect, size: Size, insets: Insets | number = FIT_INSETS): Viewport {
  const i =
    typeof insets === 'number'
      ? { top: insets, right: insets, bottom: insets, left: insets }
      : insets;
  const availW = Math.max(1, size.width - i.left - i.right);
  const availH = Math.max(1, size.height - i.top - i.bottom);
  const scale = clampScale(
    Math.min(1, availW / Math.max(1, rect.width), availH / Math.max(1, rect.height)),
  );
  return {
    scale,
    x: i.left + (availW - rect.width * scale) / 2 - rect.x * scale,
    y: i.top + (availH - rect.height * scale) / 2 - rect.y * scale,
  };
}

/** The viewport that centres board point `p` at the current scale. */
export function centerOn(vp: Viewport, p: Point, size: Size): Viewport {
  return { ...vp, x: size.width / 2 - p.x * vp.scale, y: size.height / 2 - p.y * vp.scale };
}

/** The board point at the middle of the stage. */
export function viewportCenter(vp: Viewport, size: Size): Point {
  return toBoard(vp, { x: size.width / 2, y: size.height / 2 });
}

/** The rectangle spanned by two points, whatever their order. */
export function rectFromPoints(a: Point, b: Point): Rect {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x),
    height: Math.abs(a.y - b.y),
  };
}
