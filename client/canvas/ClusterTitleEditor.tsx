import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLUSTER_HEADER_HEIGHT, MAX_CLUSTER_TITLE } from '@shared/board/cluster';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import type { CanvasState } from '../kit/canvas/canvasState';
import { toScreen } from '../kit/canvas/viewport';

/** Renames a cluster in place: an input laid over its title strip. */
export function ClusterTitleEditor({ canvas }: { canvas: CanvasState }) {
  const { view, board } = useBoard();
  const editing = useStore(view.editing);
  // Subscribed, not read once: a cluster just added reaches the snapshot a microtask later.
  const snapshot = useStore(board.board);
  if (editing?.kind !== 'cluster') return null;
  const cluster = snapshot.clusters.find((c) => c.id === editing.id);
  if (!cluster) return null;
  return <TitleInput key={editing.id} id={editing.id} initial={cluster.title} canvas={canvas} />;
}

function TitleInput({ id, initial, canvas }: { id: string; initial: string; canvas: CanvasState }) {
  const { t } = useTranslation();
  const { board, actions, view } = useBoard();
  const vp = useStore(canvas.viewport);
  const snapshot = useStore(board.board);
  const [title, setTitle] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  const cluster = snapshot.clusters.find((c) => c.id === id);

  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.select();
  }, []);

  const finish = (save: boolean, refocus: boolean): void => {
    if (done.current) return;
    done.current = true;
    if (save && title.trim() !== initial.trim()) actions.renameCluster(id, title);
    view.editing.set(null);
    if (refocus) ref.current?.closest<HTMLElement>('.canvas')?.focus({ preventScroll: true });
  };

  if (!cluster) return null;
  const pos = toScreen(vp, cluster);
  const scale = Math.max(vp.scale, 0.8);
  return (
    <input
      ref={ref}
      className="cluster-title-editor"
      aria-label={t('cluster.titleLabel')}
      placeholder={t('cluster.untitled')}
      maxLength={MAX_CLUSTER_TITLE}
      value={title}
      style={{
        left: pos.x,
        top: pos.y,
        width: Math.max(220, cluster.width * vp.scale),
        height: CLUSTER_HEADER_HEIGHT * scale,
        fontSize: 16 * scale,
      }}
      onPointerDown={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onChange={(e) => setTitle(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(true, true);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          finish(false, true);
        }
      }}
      onBlur={() => finish(true, false)}
    />
  );
}
