import { Group, Label, Rect, Tag, Text } from 'react-konva';
import { useTranslation } from 'react-i18next';
import { NOTE_HEIGHT, NOTE_WIDTH } from '@shared/board/note';
import { useStore } from '../kit/useStore';
import type { CanvasState } from '../kit/canvas/canvasState';
import { ghostOffset, ghostSize } from './peerDrags';
import type { PeerGhost } from '../kit/canvas/canvasState';
import { DETAIL_SCALE } from '../kit/canvas/viewport';
import { NoteShape } from './NoteShape';
import { ClusterShape } from './ClusterShape';
import { bylineOf, clusterLabel } from '../kit/labels';
import { canvasTheme } from '../kit/canvas/theme';

// See-through: the document still has them where they were until the drop arrives.
const GHOST_OPACITY = 0.6;

/** Others' drags and resizes, ghosted where they hold them, outlined in their colour and named. */
export function PeerGhosts({ canvas }: { canvas: CanvasState }) {
  const ghosts = useStore(canvas.peerGhosts);
  const vp = useStore(canvas.viewport);
  return (
    <>
      {ghosts.map((g) => (
        <Ghost key={g.clientId} ghost={g} px={1 / vp.scale} detail={vp.scale >= DETAIL_SCALE} />
      ))}
    </>
  );
}

function Ghost({ ghost, px, detail }: { ghost: PeerGhost; px: number; detail: boolean }) {
  const { t } = useTranslation();
  const { dx, dy } = ghostOffset(ghost);
  const color = ghost.user.color;
  const size = ghostSize(ghost);
  const c = ghost.cluster;
  const anchor = c ?? ghost.notes[0];
  if (!anchor) return null;
  const label = c ? clusterLabel(c, t) : null;
  return (
    <Group listening={false}>
      {c && label && ghost.drag.kind === 'cluster' ? (
        <>
          <ClusterShape
            cluster={c}
            title={label.title}
            untitled={label.untitled}
            countLabel=""
            detail={detail}
            dx={dx}
            dy={dy}
            opacity={GHOST_OPACITY}
          />
          <Rect
            x={c.x + dx}
            y={c.y + dy}
            width={c.width}
            height={c.height}
            cornerRadius={12}
            stroke={color}
            strokeWidth={2 * px}
          />
        </>
      ) : null}
      {c && size ? (
        <Rect
          x={c.x}
          y={c.y}
          width={size.width}
          height={size.height}
          cornerRadius={12}
          stroke={color}
          strokeWidth={2 * px}
          dash={[6 * px, 4 * px]}
        />
      ) : null}
      {ghost.notes.map((n) => (
        <Group key={n.id}>
          <NoteShape
            note={n}
            detail={detail}
            highlight={false}
            byline={bylineOf(n, t)}
            dx={dx}
            dy={dy}
            opacity={GHOST_OPACITY}
          />
          <Rect
            x={n.x + dx}
            y={n.y + dy}
            width={NOTE_WIDTH}
            height={NOTE_HEIGHT}
            cornerRadius={6}
            stroke={color}
            strokeWidth={2 * px}
          />
        </Group>
      ))}
      <Group x={anchor.x + dx} y={anchor.y + dy} scaleX={px} scaleY={px}>
        <Label y={-24}>
          <Tag fill={color} cornerRadius={4} />
          <Text
            text={ghost.user.name}
            fontSize={12}
            fontFamily={canvasTheme.fontFamily}
            fill="#FFFFFF"
            padding={4}
          />
        </Label>
      </Group>
    </Group>
  );
}
