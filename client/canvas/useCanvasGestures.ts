/**
 * Pointer gestures on the canvas: select, shift-select, drag notes, drag and resize clusters,
 * drag-rectangle selection, pan (space/middle button/touch), pinch and wheel zoom, double-click
 * to add or edit. Hit testing is geometric (see hit.ts); while a gesture runs only the
 * interactive layer re-renders. Drags and resizes travel to others as presence while they run;
 * the document is written once, on the drop.
 */
import { useEffect, useRef, type PointerEvent, type MouseEvent, type RefObject } from 'react';
import { NOTE_HEIGHT, NOTE_WIDTH } from '@shared/board/note';
import type { Point } from '@shared/board/geometry';
import type { BoardContextValue } from '../kit/BoardContext';
import type { PeerDrag } from '../sync/presence';
import { NOTHING_LIFTED, type CanvasState, type Gesture } from '../kit/canvas/canvasState';
import { hitTest, notesInRect } from './hit';
import { panBy, rectFromPoints, toBoard, zoomAt } from '../kit/canvas/viewport';

// A press that moves less than this is a click, not a drag.
const DRAG_THRESHOLD_PX = 4;

// What others see of a gesture: a cluster's notes are theirs to look up, the marquee is ours.
function dragOf(g: Gesture): PeerDrag | null {
  if (g.kind === 'notes') return { kind: 'notes', ids: g.ids, dx: g.dx, dy: g.dy };
  if (g.kind === 'cluster') return { kind: 'cluster', id: g.id, dx: g.dx, dy: g.dy };
  if (g.kind === 'resize') return g;
  return null;
}

type Active =
  | { mode: 'notes'; ids: string[]; start: Point; dragging: boolean }
  | { mode: 'cluster'; id: string; noteIds: string[]; start: Point; dragging: boolean }
  | { mode: 'resize'; id: string; start: Point; width: number; height: number }
  | { mode: 'marquee'; start: Point; additive: ReadonlySet<string> }
  | { mode: 'pan'; start: Point; vpX: number; vpY: number }
  | { mode: 'pinch'; distance: number; mid: Point };

export interface CanvasGestureHandlers {
  onPointerDown(e: PointerEvent<HTMLDivElement>): void;
  onPointerMove(e: PointerEvent<HTMLDivElement>): void;
  onPointerUp(e: PointerEvent<HTMLDivElement>): void;
  onPointerCancel(e: PointerEvent<HTMLDivElement>): void;
  onPointerLeave(): void;
  onDoubleClick(e: MouseEvent<HTMLDivElement>): void;
}

/** Wires gestures to the canvas container `el`. `spaceHeld` turns a left drag into a pan. */
export function useCanvasGestures(
  el: RefObject<HTMLDivElement | null>,
  canvas: CanvasState,
  ctx: BoardContextValue,
  spaceHeld: RefObject<boolean>,
): CanvasGestureHandlers {
  const active = useRef<Active | null>(null);
  const touches = useRef(new Map<number, Point>());
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;

  const local = (e: { clientX: number; clientY: number }): Point => {
    const r = el.current?.getBoundingClientRect();
    return { x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0) };
  };
  const boardPoint = (screen: Point): Point => toBoard(canvas.viewport.get(), screen);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    // React's onWheel is passive, so preventDefault (stop the page zooming) needs a native listener.
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const r = node.getBoundingClientRect();
      const at = { x: e.clientX - r.left, y: e.clientY - r.top };
      const vp = canvas.viewport.get();
      const lines = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      const dx = e.deltaX * lines;
      const dy = e.deltaY * lines;
      // Pinch on a trackpad arrives as ctrl+wheel; a mouse wheel scrolls in big vertical steps.
      const zoom = e.ctrlKey || e.metaKey || (dx === 0 && Math.abs(dy) >= 50 && !e.shiftKey);
      if (zoom) canvas.viewport.set(zoomAt(vp, Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015)), at));
      else
        canvas.viewport.set(
          panBy(vp, e.shiftKey && dx === 0 ? -dy : -dx, e.shiftKey && dx === 0 ? 0 : -dy),
        );
    };
    node.addEventListener('wheel', onWheel, { passive: false });
    return () => node.removeEventListener('wheel', onWheel);
  }, [el, canvas]);

  const setGesture = (g: Gesture): void => {
    canvas.gesture.set(g);
    ctxRef.current.board.presence.setDrag(dragOf(g));
  };
  const endGesture = (): void => {
    active.current = null;
    canvas.gesture.set(null);
    canvas.lifted.set(NOTHING_LIFTED);
    ctxRef.current.board.presence.setDrag(null);
  };
  // A drag cut short by leaving the canvas (another view, another board) must not linger.
  useEffect(() => () => ctxRef.current.board.presence.setDrag(null), []);

  const startPinch = (): void => {
    const [a, b] = [...touches.current.values()];
    if (!a || !b) return;
    endGesture();
    active.current = {
      mode: 'pinch',
      distance: Math.hypot(a.x - b.x, a.y - b.y),
      mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
    };
  };

  return {
    onPointerDown(e) {
      const { board, view, canEdit, canEditIn } = ctxRef.current;
      const screen = local(e);
      if (e.pointerType === 'touch') {
        touches.current.set(e.pointerId, screen);
        if (touches.current.size === 2) return startPinch();
      }
      if (e.button !== 0 && e.button !== 1) return;
      el.current?.focus({ preventScroll: true });
      e.currentTarget.setPointerCapture(e.pointerId);
      const vp = canvas.viewport.get();
      if (e.button === 1 || spaceHeld.current) {
        active.current = { mode: 'pan', start: screen, vpX: vp.x, vpY: vp.y };
        return;
      }
      const p = boardPoint(screen);
      const snapshot = board.board.get();
      const selection = view.selection.get();
      const hit = hitTest(snapshot, p, vp.scale, canEdit ? selection.cluster : null);
      if (hit.kind === 'note') {
        let ids: Set<string>;
        if (e.shiftKey) {
          ids = new Set(selection.notes);
          if (ids.has(hit.id)) ids.delete(hit.id);
          else ids.add(hit.id);
        } else {
          ids = selection.notes.has(hit.id) ? new Set(selection.notes) : new Set([hit.id]);
        }
        view.selectNotes(ids);
        // Notes in a cluster locked by the facilitator stay put (client/facilitation).
        const clusterOf = new Map(snapshot.notes.map((n) => [n.id, n.clusterId]));
        const movable = [...ids].every((id) => canEditIn(clusterOf.get(id) ?? null));
        if (canEdit && movable && ids.has(hit.id))
          active.current = { mode: 'notes', ids: [...ids], start: p, dragging: false };
        return;
      }
      if (hit.kind === 'clusterResize') {
        const c = snapshot.clusters.find((x) => x.id === hit.id);
        if (c && canEditIn(c.id))
          active.current = { mode: 'resize', id: c.id, start: p, width: c.width, height: c.height };
        return;
      }
      if (hit.kind === 'clusterHeader') {
        view.selectCluster(hit.id);
        if (canEditIn(hit.id)) {
          const noteIds = snapshot.notes.filter((n) => n.clusterId === hit.id).map((n) => n.id);
          active.current = { mode: 'cluster', id: hit.id, noteIds, start: p, dragging: false };
        }
        return;
      }
      if (e.pointerType === 'touch') {
        active.current = { mode: 'pan', start: screen, vpX: vp.x, vpY: vp.y };
        return;
      }
      const additive = e.shiftKey ? selection.notes : new Set<string>();
      if (!e.shiftKey) view.clearSelection();
      active.current = { mode: 'marquee', start: p, additive };
    },

    onPointerMove(e) {
      const { board } = ctxRef.current;
      const screen = local(e);
      const p = boardPoint(screen);
      board.presence.setCursor(p);
      if (e.pointerType === 'touch' && touches.current.has(e.pointerId)) {
        touches.current.set(e.pointerId, screen);
      }
      const a = active.current;
      if (!a) return;
      const scale = canvas.viewport.get().scale;
      switch (a.mode) {
        case 'pinch': {
          const [t1, t2] = [...touches.current.values()];
          if (!t1 || !t2) return;
          const distance = Math.hypot(t1.x - t2.x, t1.y - t2.y);
          const mid = { x: (t1.x + t2.x) / 2, y: (t1.y + t2.y) / 2 };
          let vp = panBy(canvas.viewport.get(), mid.x - a.mid.x, mid.y - a.mid.y);
          vp = zoomAt(vp, distance / Math.max(1, a.distance), mid);
          canvas.viewport.set(vp);
          active.current = { mode: 'pinch', distance, mid };
          return;
        }
        case 'pan': {
          const vp = canvas.viewport.get();
          canvas.viewport.set({
            ...vp,
            x: a.vpX + screen.x - a.start.x,
            y: a.vpY + screen.y - a.start.y,
          });
          return;
        }
        case 'notes':
        case 'cluster': {
          const dx = p.x - a.start.x;
          const dy = p.y - a.start.y;
          if (!a.dragging && Math.hypot(dx, dy) * scale < DRAG_THRESHOLD_PX) return;
          if (!a.dragging) {
            a.dragging = true;
            canvas.lifted.set(new Set(a.mode === 'notes' ? a.ids : [a.id, ...a.noteIds]));
          }
          setGesture(
            a.mode === 'notes'
              ? { kind: 'notes', ids: a.ids, dx, dy }
              : { kind: 'cluster', id: a.id, noteIds: a.noteIds, dx, dy },
          );
          return;
        }
        case 'resize':
          setGesture({
            kind: 'resize',
            id: a.id,
            width: a.width + p.x - a.start.x,
            height: a.height + p.y - a.start.y,
          });
          return;
        case 'marquee':
          canvas.gesture.set({ kind: 'marquee', rect: rectFromPoints(a.start, p) });
          return;
      }
    },

    onPointerUp(e) {
      const { board, view, actions } = ctxRef.current;
      touches.current.delete(e.pointerId);
      const a = active.current;
      if (!a) return;
      const g = canvas.gesture.get();
      if (a.mode === 'notes' && a.dragging && g?.kind === 'notes') {
        const byId = new Map(board.board.get().notes.map((n) => [n.id, n]));
        actions.moveNotes(
          a.ids.flatMap((id) => {
            const n = byId.get(id);
            return n ? [{ id, x: n.x + g.dx, y: n.y + g.dy }] : [];
          }),
          true,
        );
      } else if (a.mode === 'cluster' && a.dragging && g?.kind === 'cluster') {
        actions.moveCluster(a.id, g.dx, g.dy);
      } else if (a.mode === 'resize' && g?.kind === 'resize') {
        actions.resizeCluster(a.id, g.width, g.height);
      } else if (a.mode === 'marquee' && g?.kind === 'marquee') {
        const ids = new Set([...a.additive, ...notesInRect(board.board.get(), g.rect)]);
        view.selectNotes(ids);
      }
      if (a.mode !== 'pinch' || touches.current.size < 2) endGesture();
    },

    onPointerCancel(e) {
      touches.current.delete(e.pointerId);
      endGesture();
    },

    onPointerLeave() {
      ctxRef.current.board.presence.setCursor(null);
    },

    onDoubleClick(e) {
      const { board, view, actions, canEdit, canEditIn } = ctxRef.current;
      if (!canEdit) return;
      const p = boardPoint(local(e));
      const snapshot = board.board.get();
      const hit = hitTest(snapshot, p, canvas.viewport.get().scale, null);
      if (hit.kind !== 'empty') {
        const clusterId =
          hit.kind === 'note'
            ? (snapshot.notes.find((n) => n.id === hit.id)?.clusterId ?? null)
            : hit.id;
        if (!canEditIn(clusterId)) return;
      }
      if (hit.kind === 'note') {
        view.selectNotes([hit.id]);
        view.editing.set({ kind: 'note', id: hit.id, isNew: false });
      } else if (hit.kind === 'clusterHeader') {
        view.selectCluster(hit.id);
        view.editing.set({ kind: 'cluster', id: hit.id, isNew: false });
      } else {
        actions.addNote({ x: p.x - NOTE_WIDTH / 2, y: p.y - NOTE_HEIGHT / 2 });
      }
    },
  };
}
