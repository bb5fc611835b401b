import { Fragment, useMemo } from 'react';
import { Group, Layer, Path, Rect, Text, Label, Tag } from 'react-konva';
import { useTranslation } from 'react-i18next';
import { NOTE_HEIGHT, NOTE_WIDTH } from '@shared/board/note';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import type { CanvasState } from '../kit/canvas/canvasState';
import { DETAIL_SCALE } from '../kit/canvas/viewport';
import { NoteShape } from './NoteShape';
import { ClusterShape } from './ClusterShape';
import { bylineOf, clusterLabel } from '../kit/labels';
import { canvasTheme } from '../kit/canvas/theme';
import { RESIZE_GRIP_PX } from './hit';
import { PeerGhosts } from './PeerGhosts';

const CURSOR_PATH = 'M0 0 L0 16 L4.5 12 L7.5 19 L10 18 L7 11 L13 11 Z';

/**
 * What moves: others' drags, selection outlines, dragged notes and clusters, the marquee, others'
 * cursors.
 */
export function InteractiveLayer({ canvas }: { canvas: CanvasState }) {
  const { t } = useTranslation();
  const { board, view, canEdit } = useBoard();
  const snapshot = useStore(board.board);
  const selection = useStore(view.selection);
  const gesture = useStore(canvas.gesture);
  const vp = useStore(canvas.viewport);
  const peers = useStore(board.presence.peers);
  const byId = useMemo(() => new Map(snapshot.notes.map((n) => [n.id, n])), [snapshot.notes]);
  const px = 1 / vp.scale;
  const detail = vp.scale >= DETAIL_SCALE;

  const drag = gesture?.kind === 'notes' ? gesture : null;
  const clusterDrag = gesture?.kind === 'cluster' ? gesture : null;
  const resize = gesture?.kind === 'resize' ? gesture : null;
  const offsetFor = (id: string): { dx: number; dy: number } => {
    if (drag && drag.ids.includes(id)) return drag;
    if (clusterDrag && clusterDrag.noteIds.includes(id)) return clusterDrag;
    return { dx: 0, dy: 0 };
  };
  const liftedNotes = drag ? drag.ids : clusterDrag ? clusterDrag.noteIds : [];
  const selectedCluster = snapshot.clusters.find((c) => c.id === selection.cluster) ?? null;

  return (
    <Layer listening={false}>
      <PeerGhosts canvas={canvas} />
      {clusterDrag
        ? snapshot.clusters
            .filter((c) => c.id === clusterDrag.id)
            .map((c) => {
              const label = clusterLabel(c, t);
              return (
                <ClusterShape
                  key={c.id}
                  cluster={c}
                  title={label.title}
                  untitled={label.untitled}
                  countLabel=""
                  detail={detail}
                  dx={clusterDrag.dx}
                  dy={clusterDrag.dy}
                  opacity={0.92}
                />
              );
            })
        : null}
      {selectedCluster ? (
        <Group
          x={selectedCluster.x + (clusterDrag?.dx ?? 0)}
          y={selectedCluster.y + (clusterDrag?.dy ?? 0)}
        >
          <Rect
            width={resize ? resize.width : selectedCluster.width}
            height={resize ? resize.height : selectedCluster.height}
            cornerRadius={12}
            stroke={canvasTheme.selection}
            strokeWidth={2 * px}
            dash={resize ? [6 * px, 4 * px] : undefined}
          />
          {canEdit ? (
            <Rect
              x={(resize ? resize.width : selectedCluster.width) - RESIZE_GRIP_PX * px}
              y={(resize ? resize.height : selectedCluster.height) - RESIZE_GRIP_PX * px}
              width={RESIZE_GRIP_PX * px}
              height={RESIZE_GRIP_PX * px}
              cornerRadius={3 * px}
              fill="#FFFFFF"
              stroke={canvasTheme.selection}
              strokeWidth={2 * px}
            />
          ) : null}
        </Group>
      ) : null}
      {liftedNotes.map((id) => {
        const note = byId.get(id);
        if (!note) return null;
        const o = offsetFor(id);
        return (
          <NoteShape
            key={id}
            note={note}
            detail={detail}
            highlight={false}
            byline={bylineOf(note, t)}
            dx={o.dx}
            dy={o.dy}
            opacity={0.95}
          />
        );
      })}
      {[...selection.notes].map((id) => {
        const note = byId.get(id);
        if (!note) return null;
        const o = offsetFor(id);
        return (
          <Rect
            key={id}
            x={note.x + o.dx - 3 * px}
            y={note.y + o.dy - 3 * px}
            width={NOTE_WIDTH + 6 * px}
            height={NOTE_HEIGHT + 6 * px}
            cornerRadius={8}
            stroke={canvasTheme.selection}
            strokeWidth={2.5 * px}
          />
        );
      })}
      {gesture?.kind === 'marquee' ? (
        <Rect
          {...gesture.rect}
          fill={canvasTheme.selectionFill}
          stroke={canvasTheme.selection}
          strokeWidth={px}
          dash={[4 * px, 3 * px]}
        />
      ) : null}
      {peers.map((peer) =>
        peer.cursor ? (
          <Fragment key={peer.clientId}>
            <Group x={peer.cursor.x} y={peer.cursor.y} scaleX={px} scaleY={px}>
              <Path data={CURSOR_PATH} fill={peer.user.color} stroke="#FFFFFF" strokeWidth={1.2} />
              <Label x={12} y={18}>
                <Tag fill={peer.user.color} cornerRadius={4} />
                <Text
                  text={peer.user.name}
                  fontSize={12}
                  fontFamily={canvasTheme.fontFamily}
                  fill="#FFFFFF"
                  padding={4}
                />
              </Label>
            </Group>
          </Fragment>
        ) : null,
      )}
    </Layer>
  );
}
