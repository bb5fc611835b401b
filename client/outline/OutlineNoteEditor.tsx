import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE_TEXT, type Note } from '@shared/board/note';
import { useBoard } from '../kit/BoardContext';
import { noteDomId } from '../kit/ids';

/** Editing a note's text in the outline; Save keeps it, Cancel (or Escape) restores it. */
export function OutlineNoteEditor({ note, isNew }: { note: Note; isNew: boolean }) {
  const { t } = useTranslation();
  const { actions } = useBoard();
  const [text, setText] = useState(note.text);
  const [initial] = useState(note.text);
  const ref = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();

  useEffect(() => {
    ref.current?.focus();
  }, []);

  const close = (save: boolean): void => {
    actions.setNoteText(note.id, save ? text : initial);
    actions.finishNoteEdit(note.id, isNew);
    // A new note cancelled while empty is gone; otherwise focus returns to it.
    requestAnimationFrame(() => {
      const li = document.getElementById(noteDomId(note.id));
      (li ?? document.querySelector<HTMLElement>('.outline h3'))?.focus();
    });
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    close(true);
  };

  return (
    <form className="outline-editor" onSubmit={submit}>
      <textarea
        ref={ref}
        aria-label={t('note.textLabel')}
        aria-describedby={hintId}
        maxLength={MAX_NOTE_TEXT}
        value={text}
        rows={3}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close(false);
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            close(true);
          }
        }}
      />
      <p id={hintId} className="hint">
        {t('outline.editorHint')}
      </p>
      <div className="outline-actions">
        <button type="submit" className="button button--primary button--small">
          {t('common.save')}
        </button>
        <button type="button" className="button button--small" onClick={() => close(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
