/**
 * Facilitation on the canvas camera: a facilitator's "Follow me" view is sent (at most ~4 times a
 * second), participants' views follow it until they pan or zoom themselves, and everyone's view
 * goes to the spotlight when it changes.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { noteCenter, clusterRect } from '@shared/board/geometry';
import type { Viewport as SharedViewport } from '@shared/control/controlDoc';
import type { CanvasState } from '../kit/canvas/canvasState';
import { centerOn, fitRect } from '../kit/canvas/viewport';
import { fitToContent } from '../kit/canvas/fit';
import { useBoard } from '../kit/BoardContext';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { fromShared, toShared, viewportMoved } from './followView';

const SEND_INTERVAL_MS = 250;
// A camera change this soon after the person touched the canvas is theirs: they stepped away.
const USER_INPUT_WINDOW_MS = 1200;
// After "Share" the revealed notes arrive within moments; the view fits them meanwhile.
const REVEAL_FIT_MS = 4000;

export function useCanvasFacilitation(
  canvas: CanvasState,
  container: RefObject<HTMLDivElement | null>,
): void {
  const fac = useFacilitation();
  const ctx = useBoard();
  const { board } = ctx;
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;

  // Facilitator: register the view for "Follow me" and send it while people follow.
  useEffect(() => {
    if (!fac.isFacilitator) return;
    const current = (): SharedViewport => toShared(canvas.viewport.get(), canvas.size.get());
    fac.leaderView.set(current);
    let last: SharedViewport | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastSent = 0;
    const send = (): void => {
      timer = null;
      if (!fac.control.get().follow.active) return;
      const vp = current();
      if (!viewportMoved(last, vp)) return;
      last = vp;
      lastSent = performance.now();
      fac.command({ type: 'viewport', viewport: vp }).catch(() => undefined);
    };
    const schedule = (): void => {
      if (timer !== null || !fac.control.get().follow.active) return;
      timer = setTimeout(send, Math.max(0, SEND_INTERVAL_MS - (performance.now() - lastSent)));
    };
    const offs = [
      canvas.viewport.subscribe(schedule),
      canvas.size.subscribe(schedule),
      fac.control.subscribe(schedule),
    ];
    return () => {
      offs.forEach((off) => off());
      if (timer !== null) clearTimeout(timer);
      fac.leaderView.set(null);
    };
  }, [fac, canvas]);

  // Participants: follow the shared view until they move the camera themselves.
  useEffect(() => {
    if (fac.isFacilitator) return;
    let applying = false;
    let lastInput = -Infinity;
    const wrap = container.current?.parentElement ?? null;
    const onInput = (e: Event): void => {
      if (e instanceof PointerEvent && e.type === 'pointermove' && e.buttons === 0) return;
      lastInput = performance.now();
    };
    const events = ['wheel', 'pointerdown', 'pointermove', 'keydown', 'touchstart'] as const;
    for (const name of events)
      wrap?.addEventListener(name, onInput, { capture: true, passive: true });
    const apply = (): void => {
      const { follow } = fac.control.get();
      if (!follow.active || !follow.viewport || fac.detached.get()) return;
      applying = true;
      canvas.viewport.set(fromShared(follow.viewport, canvas.size.get()));
      applying = false;
    };
    const offs = [
      fac.control.subscribe(apply),
      fac.detached.subscribe(apply),
      canvas.size.subscribe(apply),
      canvas.viewport.subscribe(() => {
        if (applying || !fac.control.get().follow.active || fac.detached.get()) return;
        if (performance.now() - lastInput < USER_INPUT_WINDOW_MS) fac.detached.set(true);
        // Anything else (the first fit, a search jump) is put back to the facilitator's view.
        else queueMicrotask(apply);
      }),
    ];
    apply();
    return () => {
      offs.forEach((off) => off());
      for (const name of events) wrap?.removeEventListener(name, onInput, { capture: true });
    };
  }, [fac, canvas, container]);

  // Everyone not following: when the writing phase ends, show all the notes it revealed.
  useEffect(() => {
    let phase = fac.control.get().phase;
    let until = 0;
    const fit = (): void => {
      const following = fac.control.get().follow.active && !fac.detached.get();
      if (performance.now() < until && !(following && !fac.isFacilitator)) {
        fitToContent(canvas, ctxRef.current);
      }
    };
    const offs = [
      fac.control.subscribe(() => {
        const next = fac.control.get().phase;
        if (phase === 'write' && next !== 'write') {
          until = performance.now() + REVEAL_FIT_MS;
          fit();
        }
        phase = next;
      }),
      board.board.subscribe(fit),
    ];
    return () => offs.forEach((off) => off());
  }, [fac, canvas, board]);

  // Presentation mode: show the whole board once the page has its new layout.
  useEffect(
    () =>
      fac.presenting.subscribe(() => {
        const following = fac.control.get().follow.active && !fac.detached.get();
        if (following && !fac.isFacilitator) return;
        requestAnimationFrame(() =>
          requestAnimationFrame(() => fitToContent(canvas, ctxRef.current)),
        );
      }),
    [fac, canvas],
  );

  // Everyone: bring the spotlight into view when it changes (or "Show" is pressed).
  useEffect(() => {
    let shown = '';
    const show = (force: boolean): void => {
      const spot = fac.control.get().spotlight;
      const key = spot ? `${spot.kind}:${spot.id}` : '';
      if (!spot || (!force && key === shown)) {
        shown = key;
        return;
      }
      const snapshot = board.board.get();
      const size = canvas.size.get();
      const vp = canvas.viewport.get();
      const following =
        fac.control.get().follow.active && !fac.detached.get() && !fac.isFacilitator;
      if (following && !force) {
        shown = key;
        return;
      }
      if (spot.kind === 'note') {
        const note = snapshot.notes.find((n) => n.id === spot.id);
        if (!note) return;
        canvas.viewport.set(
          centerOn(vp.scale < 0.6 ? { ...vp, scale: 1 } : vp, noteCenter(note), size),
        );
      } else {
        const cluster = snapshot.clusters.find((c) => c.id === spot.id);
        if (!cluster) return;
        canvas.viewport.set(fitRect(clusterRect(cluster), size));
      }
      shown = key;
    };
    const offs = [
      fac.control.subscribe(() => show(false)),
      fac.spotlightSeq.subscribe(() => show(true)),
    ];
    return () => offs.forEach((off) => off());
  }, [fac, canvas, board]);
}
