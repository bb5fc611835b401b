import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { noteColorHex, type Note } from '@shared/board/note';
import { bylineOf } from '../kit/labels';
import { citationText } from './language';

interface Props {
  notes: readonly Note[];
  editable: boolean;
  onCite(note: Note): void;
  onShow(noteId: string): void;
}

/** The notes of the proposal's cluster, beside the text: cite one, or find it on the board. */
export function ClusterNotes({ notes, editable, onCite, onShow }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="proposal-notes" aria-labelledby={headingId}>
      <h3 id={headingId} className="proposal-notes__title">
        {t('proposal.notesTitle')}
      </h3>
      {notes.length === 0 ? (
        <p className="proposal-notes__empty">{t('proposal.noNotes')}</p>
      ) : (
        <ul className="proposal-notes__list">
          {notes.map((note) => {
            const named = t('proposal.noteNamed', {
              text: citationText(note.text, 40) || t('note.empty'),
            });
            return (
              <li
                key={note.id}
                className="proposal-note"
                style={{ borderLeftColor: noteColorHex(note.color) }}
                data-note-id={note.id}
              >
                <p className="proposal-note__text" dir="auto" lang={note.lang}>
                  {note.text || t('note.empty')}
                </p>
                <p className="proposal-note__byline">{bylineOf(note, t)}</p>
                <div className="proposal-note__actions">
                  <button
                    type="button"
                    className="button button--small button--primary"
                    disabled={!editable}
                    onClick={() => onCite(note)}
                  >
                    {t('proposal.cite')}
                    <span className="visually-hidden"> {named}</span>
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onShow(note.id)}
                  >
                    {t('proposal.showNote')}
                    <span className="visually-hidden"> {named}</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
