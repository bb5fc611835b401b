import { boundsOf, clusterRect, noteRect } from '@shared/board/geometry';
import type { BoardContextValue } from '../BoardContext';
import type { CanvasState } from './canvasState';
import { fitRect } from './viewport';

/** Fits the camera to all content (or resets it on an empty board). */
export function fitToContent(canvas: CanvasState, ctx: BoardContextValue): void {
  const b = ctx.board.board.get();
  const bounds = boundsOf([...b.notes.map(noteRect), ...b.clusters.map(clusterRect)]);
  const size = canvas.size.get();
  canvas.viewport.set(bounds ? fitRect(bounds, size) : { x: 40, y: 40, scale: 1 });
}
