/**
 * What a proposal's Y.XmlFragment may hold, as the y-prosemirror layout stores the proposal
 * schema (shared/proposal/schema.ts; a unit test keeps the two in step). The server checks
 * every incoming update against it before applying, without loading Tiptap.
 */

/** Block and inline nodes, with the attributes each may carry. */
export const PROPOSAL_NODE_ATTRS: Readonly<Record<string, readonly string[]>> = {
  paragraph: [],
  blockquote: [],
  bulletList: [],
  codeBlock: ['language'],
  hardBreak: [],
  heading: ['level'],
  horizontalRule: [],
  listItem: [],
  orderedList: ['start', 'type'],
};

/** Marks, stored as formatting attributes of Y.XmlText, with the attributes each may carry. */
export const PROPOSAL_MARK_ATTRS: Readonly<Record<string, readonly string[]>> = {
  link: ['href'],
  bold: [],
  code: [],
  italic: [],
  strike: [],
  underline: [],
  noteCitation: ['noteId'],
};

/** Lists inside lists inside quotes: deeper than this is no proposal anyone writes. */
export const MAX_PROPOSAL_DEPTH = 24;

/** Longest attribute string (a link target, a language name). */
export const MAX_PROPOSAL_ATTR_LENGTH = 2048;

function isScalar(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value.length <= MAX_PROPOSAL_ATTR_LENGTH)
  );
}

/** True when `name` is a node of the proposal schema. */
export function isProposalNode(name: string | null): boolean {
  return name !== null && Object.hasOwn(PROPOSAL_NODE_ATTRS, name);
}

/** True when `value` may be stored as attribute `key` of a `node` element. */
export function isProposalNodeAttr(node: string | null, key: string, value: unknown): boolean {
  if (!isProposalNode(node)) return false;
  return PROPOSAL_NODE_ATTRS[node!]!.includes(key) && isScalar(value);
}

/**
 * True when a formatting attribute may be stored in proposal text: a known mark (y-prosemirror
 * may suffix `--<hash>` to tell overlapping marks apart) whose value is null (the mark ends) or an
 * object of that mark's attributes with scalar values.
 */
export function isProposalMark(key: string, value: unknown): boolean {
  const name = key.split('--')[0]!;
  if (!Object.hasOwn(PROPOSAL_MARK_ATTRS, name)) return false;
  if (value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const allowed = PROPOSAL_MARK_ATTRS[name]!;
  return Object.entries(value as Record<string, unknown>).every(
    ([attr, v]) => allowed.includes(attr) && isScalar(v),
  );
}
