import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { NOTE_HEIGHT, NOTE_WIDTH, noteColorHex, type Note } from '@shared/board/note';
import { canvasTheme } from '../kit/canvas/theme';

interface Props {
  note: Note;
  /** Draw text; off when zoomed out so far it could not be read anyway. */
  detail: boolean;
  /** A search match: drawn with a strong outline. */
  highlight: boolean;
  /** The byline: author name or the translated "anonymous". */
  byline: string;
  dx?: number;
  dy?: number;
  opacity?: number;
}

/** One sticky note. Memoised: it re-renders only when its own record changes. */
export const NoteShape = memo(function NoteShape({
  note,
  detail,
  highlight,
  byline,
  dx = 0,
  dy = 0,
  opacity = 1,
}: Props) {
  return (
    <Group x={note.x + dx} y={note.y + dy} listening={false} opacity={opacity}>
      {detail ? (
        <Rect
          x={1}
          y={3}
          width={NOTE_WIDTH}
          height={NOTE_HEIGHT}
          cornerRadius={6}
          fill={canvasTheme.noteShadow}
          perfectDrawEnabled={false}
        />
      ) : null}
      <Rect
        width={NOTE_WIDTH}
        height={NOTE_HEIGHT}
        cornerRadius={6}
        fill={noteColorHex(note.color)}
        stroke={highlight ? canvasTheme.searchHit : canvasTheme.noteBorder}
        strokeWidth={highlight ? 3 : 1}
        perfectDrawEnabled={false}
      />
      {detail ? (
        <>
          <Text
            x={12}
            y={12}
            width={NOTE_WIDTH - 24}
            height={NOTE_HEIGHT - 38}
            text={note.text}
            fontSize={15}
            lineHeight={1.3}
            fontFamily={canvasTheme.fontFamily}
            fill={canvasTheme.noteText}
            wrap="word"
            ellipsis
            perfectDrawEnabled={false}
          />
          <Text
            x={12}
            y={NOTE_HEIGHT - 22}
            width={NOTE_WIDTH - 24}
            text={byline}
            fontSize={11}
            fontFamily={canvasTheme.fontFamily}
            fill={canvasTheme.noteMeta}
            wrap="none"
            ellipsis
            perfectDrawEnabled={false}
          />
        </>
      ) : null}
    </Group>
  );
});
