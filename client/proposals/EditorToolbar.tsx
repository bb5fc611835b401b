import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditorState, type Editor } from '@tiptap/react';
import { NOTE_CITATION, isSafeLinkTarget } from '@shared/proposal/schema';
import { normalizeHref } from './language';

// Small line drawings; every button has a text name, so they are hidden from assistive tech.
const ICONS: Record<string, ReactNode> = {
  bold: <b>B</b>,
  italic: <i>I</i>,
  heading: <b>H</b>,
  bulletList: <path d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01" />,
  orderedList: <path d="M10 6h10M10 12h10M10 18h10M4 5l1-1v4M4 14h2l-2 3h2" />,
  quote: <path d="M6 7h4v5H7l-1 4M14 7h4v5h-3l-1 4" />,
  link: (
    <path d="M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1" />
  ),
  undo: <path d="M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" />,
  redo: <path d="M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3" />,
  showCited: <path d="M3 12s3-6 9-6 9 6 9 6-3 6-9 6-9-6-9-6zM12 10a2 2 0 1 0 0 4 2 2 0 1 0 0-4" />,
};

function Glyph({ name }: { name: string }) {
  const icon = ICONS[name];
  if (name === 'bold' || name === 'italic' || name === 'heading') {
    return (
      <span className="proposal-toolbar__glyph" aria-hidden="true">
        {icon}
      </span>
    );
  }
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        {icon}
      </g>
    </svg>
  );
}

interface Props {
  editor: Editor;
  editable: boolean;
  /** Brings a cited note into view. */
  onShowNote(noteId: string): void;
}

/**
 * The formatting toolbar: one tab stop per button (arrow keys move along it too), each with an
 * accessible name and a pressed state. Commands return focus to the editor with its selection.
 */
export function EditorToolbar({ editor, editable, onShowNote }: Props) {
  const { t } = useTranslation();
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      heading: e.isActive('heading'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
      href: (e.getAttributes('link').href as string | undefined) ?? '',
      cited: e.isActive(NOTE_CITATION)
        ? ((e.getAttributes(NOTE_CITATION).noteId as string | undefined) ?? null)
        : null,
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('');
  const [linkError, setLinkError] = useState(false);
  const linkInputId = useId();
  const linkErrorId = useId();
  const bar = useRef<HTMLDivElement>(null);
  const chain = () => editor.chain().focus();

  const button = (
    name: string,
    run: () => void,
    options: { pressed?: boolean; disabled?: boolean } = {},
  ) => (
    <button
      type="button"
      className="proposal-toolbar__button"
      aria-label={t(`proposal.${name}`)}
      title={t(`proposal.${name}`)}
      aria-pressed={options.pressed}
      disabled={options.disabled ?? !editable}
      onClick={run}
    >
      <Glyph name={name} />
    </button>
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
    if (!keys.includes(e.key) || !(e.target instanceof HTMLButtonElement)) return;
    const buttons = Array.from(
      bar.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [],
    );
    const at = buttons.indexOf(e.target);
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? buttons.length - 1
          : (at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
    e.preventDefault();
  };

  const applyLink = (): void => {
    const target = normalizeHref(href);
    if (!href.trim() || !isSafeLinkTarget(target)) {
      setLinkError(true);
      return;
    }
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain()
        .insertContent({
          type: 'text',
          text: href.trim(),
          marks: [{ type: 'link', attrs: { href: target } }],
        })
        .run();
    } else {
      chain().extendMarkRange('link').setLink({ href: target }).run();
    }
    setLinkOpen(false);
  };

  return (
    <div className="proposal-toolbar-wrap">
      <div
        ref={bar}
        className="proposal-toolbar"
        role="toolbar"
        aria-label={t('proposal.toolbarLabel')}
        onKeyDown={onKeyDown}
      >
        {button('bold', () => chain().toggleBold().run(), { pressed: s.bold })}
        {button('italic', () => chain().toggleItalic().run(), { pressed: s.italic })}
        {button('heading', () => chain().toggleHeading({ level: 2 }).run(), { pressed: s.heading })}
        {button('bulletList', () => chain().toggleBulletList().run(), { pressed: s.bulletList })}
        {button('orderedList', () => chain().toggleOrderedList().run(), {
          pressed: s.orderedList,
        })}
        {button('quote', () => chain().toggleBlockquote().run(), { pressed: s.quote })}
        {button(
          'link',
          () => {
            setHref(s.href);
            setLinkError(false);
            setLinkOpen((open) => !open);
          },
          { pressed: s.link },
        )}
        <span className="proposal-toolbar__sep" aria-hidden="true" />
        {button('undo', () => chain().undo().run(), { disabled: !editable || !s.canUndo })}
        {button('redo', () => chain().redo().run(), { disabled: !editable || !s.canRedo })}
        <span className="proposal-toolbar__sep" aria-hidden="true" />
        {button('showCited', () => s.cited && onShowNote(s.cited), { disabled: !s.cited })}
      </div>
      {linkOpen && editable ? (
        <form
          className="proposal-link-form"
          onSubmit={(e) => {
            e.preventDefault();
            applyLink();
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            setLinkOpen(false);
            editor.commands.focus();
          }}
        >
          <label htmlFor={linkInputId}>{t('proposal.linkAddress')}</label>
          <input
            id={linkInputId}
            type="text"
            inputMode="url"
            autoComplete="url"
            autoFocus
            value={href}
            aria-invalid={linkError}
            aria-describedby={linkError ? linkErrorId : undefined}
            onChange={(e) => {
              setHref(e.target.value);
              setLinkError(false);
            }}
          />
          <button type="submit" className="button button--small button--primary">
            {t('proposal.applyLink')}
          </button>
          {s.link ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                chain().extendMarkRange('link').unsetLink().run();
                setLinkOpen(false);
              }}
            >
              {t('proposal.removeLink')}
            </button>
          ) : null}
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setLinkOpen(false);
              editor.commands.focus();
            }}
          >
            {t('proposal.cancel')}
          </button>
          {linkError ? (
            <p id={linkErrorId} className="proposal-link-form__error" role="alert">
              {t('proposal.linkInvalid')}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
