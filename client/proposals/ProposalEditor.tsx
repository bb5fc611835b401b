import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { EditorContent, useEditor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import type { Note } from '@shared/board/note';
import { NOTE_CITATION, proposalExtensions } from '@shared/proposal/schema';
import { ProposalCaret } from './caret';
import { EditorToolbar } from './EditorToolbar';
import { ClusterNotes } from './ClusterNotes';
import { citationText } from './language';
import { sanitizePastedHtml } from './paste';

interface Props {
  fragment: Y.XmlFragment;
  awareness: Awareness;
  editable: boolean;
  notes: readonly Note[];
  /** Selects a note and brings it into view (canvas) or focus (outline). */
  onShowNote(noteId: string): void;
  onCited(): void;
}

/** A caret: a coloured bar with the person's name above it, ignored by assistive tech. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color =
    typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#4b5263';
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  label.textContent = String(user.name ?? '').slice(0, 60);
  caret.append(label);
  return caret;
}

/**
 * The proposal editor: Tiptap bound to the cluster's Y.XmlFragment of the board document, so
 * everyone at the table types into the same text. Undo is Yjs's and only takes back this
 * person's typing. Beside it, the cluster's notes, each citable into the text.
 */
export function ProposalEditor({
  fragment,
  awareness,
  editable,
  notes,
  onShowNote,
  onCited,
}: Props) {
  const { t } = useTranslation();
  const hadFocus = useRef(false);
  const showNote = useRef(onShowNote);
  showNote.current = onShowNote;
  const label = useRef({ label: '', readOnly: !editable });
  label.current = { label: t('proposal.editorLabel'), readOnly: !editable };

  const editor = useEditor(
    {
      extensions: [
        ...proposalExtensions(),
        Collaboration.configure({ fragment }),
        ProposalCaret.configure({ provider: { awareness }, render: renderCaret }),
      ],
      editable,
      editorProps: {
        attributes: () => ({
          class: 'proposal-editor__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label.current.label,
          'aria-readonly': String(label.current.readOnly),
        }),
        transformPastedHTML: sanitizePastedHtml,
        handleDOMEvents: {
          click: (_view, event) => {
            const target = event.target instanceof Element ? event.target : null;
            const id = target?.closest('a[data-note-id]')?.getAttribute('data-note-id');
            if (id) showNote.current(id);
            return false;
          },
        },
      },
      onFocus: () => {
        hadFocus.current = true;
      },
    },
    [fragment, awareness],
  );

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable, false);
    // The attributes are read when the view updates; make it update now.
    editor.view.setProps({});
  }, [editor, editable, t]);

  const cite = (note: Note): void => {
    if (!editable) return;
    // Before anyone clicked into the text, a citation goes at its end, not into the first heading.
    const chain = hadFocus.current ? editor.chain().focus() : editor.chain().focus('end');
    chain
      .insertContent([
        {
          type: 'text',
          text: t('proposal.citation', { text: citationText(note.text) || t('note.empty') }),
          marks: [{ type: NOTE_CITATION, attrs: { noteId: note.id } }],
        },
        { type: 'text', text: ' ' },
      ])
      .run();
    onCited();
  };

  return (
    <div className="proposal-workspace">
      <div className="proposal-editor">
        <EditorToolbar editor={editor} editable={editable} onShowNote={onShowNote} />
        <EditorContent editor={editor} className="proposal-editor__frame" />
        <p className="proposal-editor__hint">{t('proposal.citationHint')}</p>
      </div>
      <ClusterNotes notes={notes} editable={editable} onCite={cite} onShow={onShowNote} />
    </div>
  );
}
