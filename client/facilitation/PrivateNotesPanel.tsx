import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import {
  MAX_NOTE_TEXT,
  NOTE_HEIGHT,
  NOTE_WIDTH,
  noteColorHex,
  type Note,
} from '@shared/board/note';
import { boundsOf, clusterRect, noteRect } from '@shared/board/geometry';
import type { Board } from '@shared/board/read';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { noteLangFor } from '../sync/openBoard';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { LockIcon } from './LockIcon';
import type { PrivateNotes } from '../kit/control/privateNotes';
import { hashString } from './format';

const WRITE_DELAY_MS = 250;
const LANES = 10;
const PER_ROW = 2;
const GAP = 16;

/**
 * Where a private note goes: below what is on the board, in a lane of its own per person, so
 * that when everyone's notes are revealed at once they rarely land on each other.
 */
export function privateNotePosition(
  board: Board,
  personId: string,
  index: number,
): { x: number; y: number } {
  const bounds = boundsOf([...board.notes.map(noteRect), ...board.clusters.map(clusterRect)]);
  const top = bounds ? bounds.y + bounds.height + 80 : 0;
  const left = bounds ? bounds.x : 0;
  const lane = hashString(personId) % LANES;
  const laneWidth = PER_ROW * (NOTE_WIDTH + GAP) + GAP * 2;
  return {
    x: left + lane * laneWidth + (index % PER_ROW) * (NOTE_WIDTH + GAP),
    y: top + Math.floor(index / PER_ROW) * (NOTE_HEIGHT + GAP),
  };
}

function PrivateNoteItem({
  note,
  index,
  notes,
}: {
  note: Note;
  index: number;
  notes: PrivateNotes;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(note.text);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(text);
  const flush = (): void => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    notes.commands.updateNoteText(note.id, latest.current);
  };
  useEffect(
    () => () => {
      if (timer.current !== null) flush();
    },
    // Flush what was typed when the item goes away (once, on unmount; not on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reason: unmount-only on purpose
    [],
  );
  const label = t('private.noteLabel', { index: index + 1 });
  return (
    <li className="private-note" style={{ background: noteColorHex(note.color) }}>
      <textarea
        id={`private-${note.id}`}
        aria-label={label}
        maxLength={MAX_NOTE_TEXT}
        rows={3}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          latest.current = e.target.value;
          if (timer.current === null) timer.current = setTimeout(flush, WRITE_DELAY_MS);
        }}
        onBlur={flush}
      />
      <button
        type="button"
        className="button button--small button--danger"
        aria-label={t('private.deleteNamed', { index: index + 1 })}
        onClick={() => notes.commands.deleteNotes([note.id])}
      >
        {t('outline.delete')}
      </button>
    </li>
  );
}

/** The write phase for a participant: notes only they can see, until the facilitator shares. */
export function PrivateNotesPanel() {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const { board, view } = useBoard();
  const notes = fac.privateNotes;
  const snapshot = useStore(notes?.board ?? board.board);
  const [focusId, setFocusId] = useState<string | null>(null);
  // A note just added reaches the snapshot a microtask later; focus it once it is there.
  useEffect(() => {
    const el = focusId ? document.getElementById(`private-${focusId}`) : null;
    if (!el) return;
    el.focus();
    setFocusId(null);
  }, [focusId, snapshot]);
  if (!notes) return null;
  const add = (): void => {
    const index = snapshot.notes.length;
    const at = privateNotePosition(board.board.get(), fac.personal?.personId ?? '', index);
    const id = notes.commands.addNote({
      ...board.author(),
      lang: noteLangFor(i18next.language),
      x: at.x,
      y: at.y,
    });
    setFocusId(id);
    view.announce(t('private.added'));
  };
  const ordered = [...snapshot.notes].sort((a, b) => a.createdAt - b.createdAt);
  return (
    <section className="fac-panel private" aria-labelledby="private-title">
      <h2 id="private-title" className="fac-panel__title">
        {t('private.title')}
      </h2>
      <p className="private__marker">
        <LockIcon /> {t('private.onlyYou')}
      </p>
      <button type="button" className="button button--primary" onClick={add}>
        {t('private.add')}
      </button>
      {ordered.length === 0 ? <p className="hint">{t('private.empty')}</p> : null}
      <ul className="private-list" aria-labelledby="private-title">
        {ordered.map((n, i) => (
          <PrivateNoteItem key={n.id} note={n} index={i} notes={notes} />
        ))}
      </ul>
    </section>
  );
}
