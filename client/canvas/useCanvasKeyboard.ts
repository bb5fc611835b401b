/**
 * The canvas from the keyboard: arrows pan (or move the selected notes), +/- zoom, 0 fits the
 * content, [ and ] step through notes, Enter edits, Delete deletes, Escape clears the selection.
 */
import type { KeyboardEvent } from 'react';
import i18next from 'i18next';
import { noteCenter } from '@shared/board/geometry';
import { NOTE_HEIGHT, NOTE_WIDTH } from '@shared/board/note';
import type { BoardContextValue } from '../kit/BoardContext';
import type { CanvasState } from '../kit/canvas/canvasState';
import { fitToContent } from '../kit/canvas/fit';
import { readingOrder } from './hit';
import { centerOn, panBy, zoomAt, type Viewport } from '../kit/canvas/viewport';

const PAN_STEP_PX = 80;
const MOVE_STEP = 10;
const ZOOM_STEP = 1.2;

/** Zooms around the middle of the stage. */
export function zoomCenter(canvas: CanvasState, factor: number): void {
  const size = canvas.size.get();
  canvas.viewport.set(
    zoomAt(canvas.viewport.get(), factor, { x: size.width / 2, y: size.height / 2 }),
  );
}

/** Returns the keydown handler for the canvas container. */
export function canvasKeyHandler(canvas: CanvasState, ctx: () => BoardContextValue) {
  return (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
    const c = ctx();
    const { view, actions, board } = c;
    const selection = view.selection.get();
    const snapshot = board.board.get();
    // What is selected may sit in a cluster the facilitator locked (client/facilitation).
    const clusterOf = (id: string): string | null =>
      snapshot.notes.find((n) => n.id === id)?.clusterId ?? null;
    const canEdit =
      c.canEdit &&
      [...selection.notes].every((id) => c.canEditIn(clusterOf(id))) &&
      (selection.cluster === null || c.canEditIn(selection.cluster));
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const arrow = arrows[e.key];
    if (arrow) {
      if (canEdit && selection.notes.size > 0) {
        const step = e.shiftKey ? MOVE_STEP * 5 : MOVE_STEP;
        const moves = snapshot.notes
          .filter((n) => selection.notes.has(n.id))
          .map((n) => ({ id: n.id, x: n.x + arrow[0] * step, y: n.y + arrow[1] * step }));
        actions.moveNotes(moves);
      } else if (canEdit && selection.cluster !== null) {
        const step = e.shiftKey ? MOVE_STEP * 5 : MOVE_STEP;
        actions.moveCluster(selection.cluster, arrow[0] * step, arrow[1] * step);
      } else {
        const step = e.shiftKey ? PAN_STEP_PX * 4 : PAN_STEP_PX;
        canvas.viewport.set(panBy(canvas.viewport.get(), -arrow[0] * step, -arrow[1] * step));
      }
    } else if (e.key === '+' || e.key === '=') {
      zoomCenter(canvas, ZOOM_STEP);
    } else if (e.key === '-' || e.key === '_') {
      zoomCenter(canvas, 1 / ZOOM_STEP);
    } else if (e.key === '0') {
      fitToContent(canvas, c);
    } else if (e.key === ']' || e.key === '[') {
      const order = readingOrder(snapshot);
      if (order.length === 0) return;
      const current = [...selection.notes][0];
      const index = current ? order.indexOf(current) : -1;
      const next =
        e.key === ']' ? (index + 1) % order.length : (index - 1 + order.length) % order.length;
      const id = order[next];
      if (!id) return;
      view.selectNotes([id]);
      view.revealNote(id);
      const note = snapshot.notes.find((n) => n.id === id);
      view.announce(
        i18next.t('canvas.selectedNote', {
          index: next + 1,
          count: order.length,
          text: note?.text || i18next.t('note.empty'),
        }),
      );
    } else if (e.key === 'Enter' && canEdit) {
      const [only] = selection.notes;
      if (selection.notes.size === 1 && only)
        view.editing.set({ kind: 'note', id: only, isNew: false });
      else if (selection.cluster)
        view.editing.set({ kind: 'cluster', id: selection.cluster, isNew: false });
      else return;
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && canEdit) {
      if (selection.notes.size > 0) actions.deleteNotes([...selection.notes]);
      else if (selection.cluster) actions.deleteCluster(selection.cluster);
      else return;
    } else if (e.key === 'Escape') {
      view.clearSelection();
    } else {
      return;
    }
    e.preventDefault();
  };
}

/** The camera that shows note `id`: unchanged when it is already comfortably in view. */
export function revealViewport(
  canvas: CanvasState,
  ctx: BoardContextValue,
  id: string,
): Viewport | null {
  const note = ctx.board.board.get().notes.find((n) => n.id === id);
  if (!note) return null;
  const vp = canvas.viewport.get();
  const size = canvas.size.get();
  const sx = note.x * vp.scale + vp.x;
  const sy = note.y * vp.scale + vp.y;
  const inView =
    sx >= 16 &&
    sy >= 16 &&
    sx + NOTE_WIDTH * vp.scale <= size.width - 16 &&
    sy + NOTE_HEIGHT * vp.scale <= size.height - 16;
  if (inView) return null;
  const base = vp.scale < 0.6 ? { ...vp, scale: 1 } : vp;
  return centerOn(base, noteCenter(note), size);
}
