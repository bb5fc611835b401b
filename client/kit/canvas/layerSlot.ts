/**
 * What a page may add to the canvas (client/canvas/BoardCanvas.tsx): a Konva layer drawn between
 * the static and the interactive layer, and camera behaviour. Facilitation fills both (spotlight,
 * votes and locks on the board; follow me), without the canvas importing client/facilitation.
 */
import type { ComponentType, RefObject } from 'react';
import type { CanvasState } from './canvasState';

export type CanvasLayer = ComponentType<{ canvas: CanvasState }>;

/**
 * A hook the canvas calls on every render, in the same place, like its own. The page passes a
 * module-level function that never changes while the canvas is mounted.
 */
export type CanvasCameraHook = (
  canvas: CanvasState,
  container: RefObject<HTMLDivElement | null>,
) => void;
