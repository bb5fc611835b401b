import { memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cluster } from '@shared/board/cluster';
import { NOTE_COLORS, isNoteColor, noteColorHex, type Note } from '@shared/board/note';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { bylineOf, clusterLabel } from '../kit/labels';
import { OutlineNoteEditor } from './OutlineNoteEditor';
import { noteDomId, shortText } from '../kit/ids';
import { useSlots } from '../kit/slots';

interface Props {
  note: Note;
  clusters: Cluster[];
  hit: boolean;
}

const NO_CLUSTER = '';

/** One note in the outline: its text (the list item's name) and its verbs. */
export const OutlineNote = memo(function OutlineNote({ note, clusters, hit }: Props) {
  const { t } = useTranslation();
  const { view, actions, canEditIn } = useBoard();
  const { NoteTools } = useSlots();
  const canEdit = canEditIn(note.clusterId);
  const editing = useStore(view.editing);
  const textId = useId();
  const clusterSelectId = useId();
  const colourSelectId = useId();
  const [target, setTarget] = useState<string | null>(null);
  const isEditing = canEdit && editing?.kind === 'note' && editing.id === note.id;
  const chosen = target ?? note.clusterId ?? NO_CLUSTER;
  const short = shortText(note.text) || t('note.empty');

  return (
    <li
      id={noteDomId(note.id)}
      tabIndex={-1}
      className={`outline-note${hit ? ' is-hit' : ''}`}
      aria-labelledby={textId}
    >
      <span
        className="outline-note__swatch"
        style={{ background: noteColorHex(note.color) }}
        aria-hidden="true"
      />
      <div className="outline-note__body">
        {isEditing ? (
          <OutlineNoteEditor note={note} isNew={editing.isNew} />
        ) : (
          <p id={textId} className="outline-note__text" lang={note.lang}>
            {note.text || <em>{t('note.empty')}</em>}
          </p>
        )}
        <p className="outline-note__meta">{bylineOf(note, t)}</p>
        <NoteTools note={note} />
        {canEdit && !isEditing ? (
          <div className="outline-actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => view.editing.set({ kind: 'note', id: note.id, isNew: false })}
            >
              {t('outline.edit')}
              <span className="visually-hidden"> {t('outline.noteNamed', { text: short })}</span>
            </button>
            <span className="inline-form">
              <label htmlFor={clusterSelectId}>{t('outline.moveTo')}</label>
              <select
                id={clusterSelectId}
                value={chosen}
                onChange={(e) => setTarget(e.target.value)}
              >
                <option value={NO_CLUSTER}>{t('outline.unclustered')}</option>
                {clusters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {clusterLabel(c, t).title}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--small"
                disabled={chosen === (note.clusterId ?? NO_CLUSTER)}
                onClick={() => {
                  actions.moveNoteToCluster(note.id, chosen === NO_CLUSTER ? null : chosen);
                  setTarget(null);
                  view.revealNote(note.id);
                }}
              >
                {t('outline.move')}
                <span className="visually-hidden"> {t('outline.noteNamed', { text: short })}</span>
              </button>
            </span>
            <span className="inline-form">
              <label htmlFor={colourSelectId}>{t('selection.colour')}</label>
              <select
                id={colourSelectId}
                value={note.color}
                onChange={(e) => {
                  if (isNoteColor(e.target.value)) actions.recolor([note.id], e.target.value);
                }}
              >
                {NOTE_COLORS.map((c) => (
                  <option key={c.name} value={c.name}>
                    {t(`color.${c.name}`)}
                  </option>
                ))}
              </select>
            </span>
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => {
                const li = document.getElementById(noteDomId(note.id));
                const next = (li?.nextElementSibling ??
                  li?.previousElementSibling) as HTMLElement | null;
                const heading = li?.closest('section')?.querySelector<HTMLElement>('h3');
                actions.deleteNotes([note.id]);
                requestAnimationFrame(() => (next?.isConnected ? next : heading)?.focus());
              }}
            >
              {t('outline.delete')}
              <span className="visually-hidden"> {t('outline.noteNamed', { text: short })}</span>
            </button>
          </div>
        ) : null}
      </div>
    </li>
  );
});
