import { Mark, getSchema, mergeAttributes, type Extensions } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import Link from '@tiptap/extension-link';
import { isValidId } from '../ids';
import { safeHref } from '../outcome/richText';

/**
 * The proposal's Tiptap schema, shared by the browser editor and the server (which reads
 * proposals with it). Changing it changes the stored format: nodes and marks may be added, never
 * renamed or removed (documents already hold them). See docs/SCHEMA.md, "Proposals".
 */

/** Name of the mark that cites a note; its one attribute is the note's id. */
export const NOTE_CITATION = 'noteCitation';

/** Heading levels a proposal may use (the template uses 2). */
export const PROPOSAL_HEADING_LEVELS = [2, 3] as const;

/** True for a link target a proposal may keep: absolute http, https or mailto URLs. */
export function isSafeLinkTarget(href: unknown): boolean {
  return safeHref(href) !== null;
}

/**
 * A citation of a note. It stores the note's id, not its text or position, so it stays valid
 * while the note moves, and links back to it. It renders as `<a data-note-id>` without `href`:
 * a board page's URL fragment carries its token, and following a fragment link would replace it.
 */
export const NoteCitation = Mark.create({
  name: NOTE_CITATION,
  // Typing right after a citation does not extend it.
  inclusive: false,
  excludes: `${NOTE_CITATION} link`,
  addAttributes() {
    return {
      noteId: {
        default: null,
        parseHTML: (element: HTMLElement) => {
          const id = element.getAttribute('data-note-id');
          return isValidId(id) ? id : null;
        },
        renderHTML: (attributes: Record<string, unknown>) =>
          isValidId(attributes.noteId) ? { 'data-note-id': attributes.noteId } : {},
      },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'a[data-note-id]',
        // Higher than Link's rule, so a pasted citation stays a citation.
        priority: 60,
        getAttrs: (element: HTMLElement) =>
          isValidId(element.getAttribute('data-note-id')) ? null : false,
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ['a', mergeAttributes({ class: 'note-citation' }, HTMLAttributes), 0];
  },
});

/**
 * Links keep only their target: pasted `class`, `target`, `title` or `rel` attributes are not
 * stored, and unsafe targets (javascript:, data:, relative URLs) are neither parsed nor rendered.
 */
const SafeLink = Link.extend({
  addAttributes() {
    return {
      href: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute('href'),
      },
    };
  },
}).configure({
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: 'https',
  protocols: [],
  HTMLAttributes: { target: '_blank', rel: 'noopener noreferrer nofollow', class: null },
  isAllowedUri: (url) => isSafeLinkTarget(url),
});

/**
 * The extensions that define a proposal document (no collaboration or UI extensions: the editor
 * adds those). History is off: Yjs owns undo, so a person only ever undoes their own typing.
 */
export function proposalExtensions(): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      link: false,
      // An appended paragraph would be a write from merely opening the editor.
      trailingNode: false,
      heading: { levels: [...PROPOSAL_HEADING_LEVELS] },
    }),
    SafeLink,
    NoteCitation,
  ];
}

let cached: Schema | null = null;

/** The ProseMirror schema of a proposal (built once). */
export function proposalSchema(): Schema {
  cached ??= getSchema(proposalExtensions());
  return cached;
}
