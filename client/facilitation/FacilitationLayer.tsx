import { Circle, Group, Layer, Path, Rect, Text } from 'react-konva';
import { useTranslation } from 'react-i18next';
import { CLUSTER_HEADER_HEIGHT } from '@shared/board/cluster';
import { NOTE_HEIGHT, NOTE_WIDTH } from '@shared/board/note';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import type { CanvasState } from '../kit/canvas/canvasState';
import { DETAIL_SCALE } from '../kit/canvas/viewport';
import { canvasTheme } from '../kit/canvas/theme';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { useVisibleTallies } from './ResultsPanel';

const LOCK_PATH = 'M5 11V8a5 5 0 0 1 10 0v3 M3 11h14v9H3z';
const SPOTLIGHT = '#C2410C';
const DOT = '#1E40AF';
const NO_STATE = { get: () => null, subscribe: () => () => undefined };

/**
 * What facilitation adds to the canvas, drawn over the board: a lock on locked clusters, the
 * spotlight's ring, this person's dots and (once visible) the tallies on notes.
 */
export function FacilitationLayer({ canvas }: { canvas: CanvasState }) {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const { board } = useBoard();
  const snapshot = useStore(board.board);
  const control = useStore(fac.control);
  const vp = useStore(canvas.viewport);
  const votes = useStore(fac.votes?.state ?? NO_STATE);
  const { tallies } = useVisibleTallies();
  const px = 1 / vp.scale;
  const detail = vp.scale >= DETAIL_SCALE;
  const locked = new Set(control.lockedClusters);
  const spot = control.spotlight;
  const spotRect = spot
    ? spot.kind === 'note'
      ? snapshot.notes
          .filter((n) => n.id === spot.id)
          .map((n) => ({ x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT }))[0]
      : snapshot.clusters.find((c) => c.id === spot.id)
    : undefined;
  const showMine = control.phase === 'vote' && votes !== null;
  return (
    <Layer listening={false}>
      {snapshot.clusters
        .filter((c) => locked.has(c.id))
        .map((c) => (
          <Group key={c.id} x={c.x + c.width - (detail ? 190 : 40)} y={c.y + 8}>
            <Rect
              width={detail ? 86 : 28}
              height={CLUSTER_HEADER_HEIGHT - 16}
              cornerRadius={6}
              fill="#FDE7D6"
            />
            <Path
              data={LOCK_PATH}
              x={5}
              y={2}
              scaleX={0.9}
              scaleY={0.9}
              stroke="#7C2D12"
              strokeWidth={2}
            />
            {detail ? (
              <Text
                x={26}
                y={6}
                text={t('lock.locked')}
                fontSize={12}
                fontStyle="bold"
                fontFamily={canvasTheme.fontFamily}
                fill="#7C2D12"
              />
            ) : null}
          </Group>
        ))}
      {spotRect ? (
        <Rect
          x={spotRect.x - 8 * px}
          y={spotRect.y - 8 * px}
          width={spotRect.width + 16 * px}
          height={spotRect.height + 16 * px}
          cornerRadius={14}
          stroke={SPOTLIGHT}
          strokeWidth={5 * px}
          shadowColor={SPOTLIGHT}
          shadowBlur={18}
          shadowOpacity={0.6}
        />
      ) : null}
      {detail
        ? snapshot.notes.map((n) => {
            const mine = showMine ? (votes.mine[n.id] ?? 0) : 0;
            const total = tallies ? (tallies.room[n.id] ?? 0) + (tallies.remote[n.id] ?? 0) : 0;
            if (mine === 0 && total === 0) return null;
            return (
              <Group key={n.id} x={n.x} y={n.y}>
                {Array.from({ length: Math.min(mine, 10) }, (_, i) => (
                  <Circle
                    key={i}
                    x={NOTE_WIDTH - 12 - i * 12}
                    y={-6}
                    radius={5}
                    fill={DOT}
                    stroke="#FFFFFF"
                    strokeWidth={1.5}
                  />
                ))}
                {total > 0 ? (
                  <Group x={NOTE_WIDTH - 34} y={NOTE_HEIGHT - 26}>
                    <Rect width={30} height={20} cornerRadius={10} fill="#1B1F27" />
                    <Text
                      width={30}
                      y={4}
                      align="center"
                      text={String(total)}
                      fontSize={12}
                      fontStyle="bold"
                      fontFamily={canvasTheme.fontFamily}
                      fill="#FFFFFF"
                    />
                  </Group>
                ) : null}
              </Group>
            );
          })
        : null}
    </Layer>
  );
}
