import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { CLUSTER_HEADER_HEIGHT, type Cluster } from '@shared/board/cluster';
import { canvasTheme } from '../kit/canvas/theme';

interface Props {
  cluster: Cluster;
  /** The title, or the translated placeholder for an untitled cluster. */
  title: string;
  untitled: boolean;
  countLabel: string;
  detail: boolean;
  dx?: number;
  dy?: number;
  width?: number;
  height?: number;
  opacity?: number;
}

/** A cluster: a titled frame drawn under its notes. */
export const ClusterShape = memo(function ClusterShape(props: Props) {
  const { cluster, title, untitled, countLabel, detail, dx = 0, dy = 0, opacity = 1 } = props;
  const width = props.width ?? cluster.width;
  const height = props.height ?? cluster.height;
  return (
    <Group x={cluster.x + dx} y={cluster.y + dy} listening={false} opacity={opacity}>
      <Rect
        width={width}
        height={height}
        cornerRadius={12}
        fill={canvasTheme.clusterFill}
        stroke={canvasTheme.clusterBorder}
        strokeWidth={1.5}
        perfectDrawEnabled={false}
      />
      <Rect
        width={width}
        height={CLUSTER_HEADER_HEIGHT}
        cornerRadius={[12, 12, 0, 0]}
        fill={canvasTheme.clusterHeader}
        perfectDrawEnabled={false}
      />
      {detail ? (
        <>
          <Text
            x={14}
            y={12}
            width={Math.max(0, width - 110)}
            text={title}
            fontSize={16}
            fontStyle={untitled ? 'italic' : 'bold'}
            fontFamily={canvasTheme.fontFamily}
            fill={untitled ? canvasTheme.clusterPlaceholder : canvasTheme.clusterTitle}
            wrap="none"
            ellipsis
            perfectDrawEnabled={false}
          />
          <Text
            x={width - 96}
            y={14}
            width={82}
            align="right"
            text={countLabel}
            fontSize={12}
            fontFamily={canvasTheme.fontFamily}
            fill={canvasTheme.noteMeta}
            wrap="none"
            perfectDrawEnabled={false}
          />
        </>
      ) : null}
    </Group>
  );
});
