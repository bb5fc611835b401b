import { useEffect, useId, useMemo, useRef } from 'react';
import { Stage } from 'react-konva';
import { useTranslation } from 'react-i18next';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { createCanvasState } from '../kit/canvas/canvasState';
import { StaticLayer } from './StaticLayer';
import { InteractiveLayer } from './InteractiveLayer';
import { useCanvasGestures } from './useCanvasGestures';
import { canvasKeyHandler, revealViewport } from './useCanvasKeyboard';
import { fitToContent } from '../kit/canvas/fit';
import { NoteEditor } from './NoteEditor';
import { ClusterTitleEditor } from './ClusterTitleEditor';
import { SelectionBar } from './SelectionBar';
import { ZoomControls } from './ZoomControls';
import { viewportCenter } from '../kit/canvas/viewport';
import { installCanvasProbe } from './canvasProbe';
import { trackPeerDrags } from './peerDrags';
import type { CanvasCameraHook, CanvasLayer } from '../kit/canvas/layerSlot';

const noCamera: CanvasCameraHook = () => undefined;

/**
 * The Konva board: a static layer for content, an interactive layer for what moves. The page
 * adds `layer` (drawn between the two) and `useCamera` (camera behaviour such as follow me).
 */
export function BoardCanvas({
  layer: Layer,
  useCamera = noCamera,
}: {
  layer?: CanvasLayer;
  useCamera?: CanvasCameraHook;
}) {
  const { t } = useTranslation();
  const ctx = useBoard();
  const { actions, view, board } = ctx;
  const canvas = useMemo(() => createCanvasState(), []);
  const container = useRef<HTMLDivElement>(null);
  const spaceHeld = useRef(false);
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const helpId = useId();
  const vp = useStore(canvas.viewport);
  const size = useStore(canvas.size);
  const gestures = useCanvasGestures(container, canvas, ctx, spaceHeld);
  const onKeyDown = useMemo(() => canvasKeyHandler(canvas, () => ctxRef.current), [canvas]);

  useEffect(() => {
    const node = container.current;
    if (!node) return;
    const measure = (): void =>
      canvas.size.set({ width: node.clientWidth, height: node.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, [canvas]);

  useEffect(() => {
    actions.setAnchor(() => viewportCenter(canvas.viewport.get(), canvas.size.get()));
    return () => actions.setAnchor(null);
  }, [actions, canvas]);

  // Open on the content: people joining late should see the board, not an empty corner. Only
  // for what was there on arrival (device copy, then the server's), never for what one adds.
  useEffect(() => {
    const { board: open } = ctxRef.current;
    let fitted = false;
    let touched = false;
    const untouch = canvas.viewport.subscribe(() => {
      if (!fitting) touched = true;
    });
    let fitting = false;
    const tryFit = (): void => {
      const b = open.board.get();
      if (fitted || touched || b.notes.length + b.clusters.length === 0) return;
      fitted = true;
      fitting = true;
      fitToContent(canvas, ctxRef.current);
      fitting = false;
    };
    // The snapshot store refreshes a microtask after the doc; look after it has.
    const later = (): void => void Promise.resolve().then(tryFit);
    void open.connection.loaded.then(later);
    // The first sync with the server brings what others wrote before we came; after that, never.
    const unsubscribe = open.connection.status.subscribe(() => {
      if (open.connection.status.get().state !== 'synced') return;
      unsubscribe();
      later();
    });
    later();
    return () => {
      untouch();
      unsubscribe();
    };
  }, [canvas]);

  useEffect(
    () =>
      view.reveal.subscribe(() => {
        const r = view.reveal.get();
        if (!r) return;
        const next = revealViewport(canvas, ctxRef.current, r.noteId);
        if (next) canvas.viewport.set(next);
      }),
    [view, canvas],
  );

  useEffect(() => installCanvasProbe(container, canvas, () => ctxRef.current), [canvas]);
  useEffect(
    () =>
      trackPeerDrags(board.presence.peers, board.board, {
        ghosts: canvas.peerGhosts,
        lifted: canvas.peerLifted,
      }),
    [board, canvas],
  );
  // What the page adds to the camera (follow me, spotlight: client/facilitation).
  useCamera(canvas, container);

  return (
    <div className="canvas-wrap">
      <div
        ref={container}
        className="canvas"
        tabIndex={0}
        role="application"
        aria-roledescription={t('canvas.roleDescription')}
        aria-label={t('canvas.label')}
        aria-describedby={helpId}
        onKeyDown={(e) => {
          if (e.key === ' ' && e.target === e.currentTarget) {
            spaceHeld.current = true;
            e.preventDefault();
            return;
          }
          onKeyDown(e);
        }}
        onKeyUp={(e) => {
          if (e.key === ' ') spaceHeld.current = false;
        }}
        onBlur={() => {
          spaceHeld.current = false;
        }}
        {...gestures}
      >
        <Stage
          width={size.width}
          height={size.height}
          x={vp.x}
          y={vp.y}
          scaleX={vp.scale}
          scaleY={vp.scale}
          listening={false}
        >
          <StaticLayer canvas={canvas} />
          {Layer ? <Layer canvas={canvas} /> : null}
          <InteractiveLayer canvas={canvas} />
        </Stage>
        <NoteEditor canvas={canvas} />
        <ClusterTitleEditor canvas={canvas} />
      </div>
      <p id={helpId} className="canvas-help">
        {t(ctx.canEdit ? 'canvas.help' : 'canvas.helpReadOnly')}
      </p>
      <SelectionBar />
      <ZoomControls canvas={canvas} />
    </div>
  );
}
