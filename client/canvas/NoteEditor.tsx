import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE_TEXT, NOTE_HEIGHT, NOTE_WIDTH, noteColorHex } from '@shared/board/note';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import type { CanvasState } from '../kit/canvas/canvasState';
import { toScreen } from '../kit/canvas/viewport';

// Typing is written to the doc in small batches: peers see it live without one op per key.
const WRITE_DELAY_MS = 250;

/** Edits a note's text in place: a real textarea laid over the note on the canvas. */
export function NoteEditor({ canvas }: { canvas: CanvasState }) {
  const { view, board } = useBoard();
  const editing = useStore(view.editing);
  // Subscribed, not read once: a note just added reaches the snapshot a microtask later.
  const snapshot = useStore(board.board);
  if (editing?.kind !== 'note') return null;
  const note = snapshot.notes.find((n) => n.id === editing.id);
  if (!note) return null;
  return (
    <NoteTextarea
      key={editing.id}
      id={editing.id}
      isNew={editing.isNew}
      initial={note.text}
      canvas={canvas}
    />
  );
}

function NoteTextarea({
  id,
  isNew,
  initial,
  canvas,
}: {
  id: string;
  isNew: boolean;
  initial: string;
  canvas: CanvasState;
}) {
  const { t } = useTranslation();
  const { board, actions } = useBoard();
  const vp = useStore(canvas.viewport);
  const snapshot = useStore(board.board);
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(text);
  const finished = useRef(false);
  const note = snapshot.notes.find((n) => n.id === id);

  const flush = (): void => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    actions.setNoteText(id, latest.current);
  };
  const finish = (refocusCanvas: boolean): void => {
    if (finished.current) return;
    finished.current = true;
    flush();
    actions.finishNoteEdit(id, isNew);
    if (refocusCanvas) ref.current?.closest<HTMLElement>('.canvas')?.focus({ preventScroll: true });
  };

  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.select();
    return () => {
      // Unmounted without a blur (view switch, note deleted by someone): keep what was typed.
      if (timer.current !== null) flush();
    };
    // Runs once per mounted editor: the cleanup must flush what this editor was given, not rerun.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reason: mount-once on purpose
  }, []);

  if (!note) return null;
  const pos = toScreen(vp, note);
  const scale = Math.max(vp.scale, 1);
  return (
    <textarea
      ref={ref}
      className="note-editor"
      aria-label={t('note.textLabel')}
      maxLength={MAX_NOTE_TEXT}
      value={text}
      style={{
        left: pos.x,
        top: pos.y,
        width: NOTE_WIDTH * scale,
        height: NOTE_HEIGHT * scale,
        fontSize: 15 * scale,
        background: noteColorHex(note.color),
      }}
      onPointerDown={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onChange={(e) => {
        setText(e.target.value);
        latest.current = e.target.value;
        if (timer.current === null) timer.current = setTimeout(flush, WRITE_DELAY_MS);
      }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          finish(true);
        }
      }}
      onBlur={() => finish(false)}
    />
  );
}
