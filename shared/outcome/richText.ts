/**
 * Formatted text in published outcomes (proposal bodies): a small, sanitised subset of
 * ProseMirror JSON — what Tiptap's `editor.getJSON()` produces — so a proposal converts by
 * passing its JSON through `sanitizeRichText`. Renderers trust nothing but this shape.
 */

/** Marks a text run may carry. Links keep only http(s) and mailto targets. */
export type RichMark =
  | { type: 'bold' | 'italic' | 'strike' | 'underline' | 'code' }
  | { type: 'link'; attrs: { href: string } }
  | { type: 'noteCitation'; attrs: { noteId: string } };

export interface RichText {
  type: 'text';
  text: string;
  marks?: RichMark[];
}

export type RichInline = RichText | { type: 'hardBreak' };

export interface RichListItem {
  type: 'listItem';
  content: RichBlock[];
}

export type RichBlock =
  | { type: 'paragraph'; content?: RichInline[] }
  | { type: 'heading'; attrs: { level: number }; content?: RichInline[] }
  | { type: 'bulletList'; content: RichListItem[] }
  | { type: 'orderedList'; attrs?: { start: number }; content: RichListItem[] }
  | { type: 'blockquote'; content: RichBlock[] }
  | { type: 'codeBlock'; content?: RichText[] }
  | { type: 'horizontalRule' };

export const SIMPLE_MARKS = ['bold', 'italic', 'strike', 'underline', 'code'] as const;

/** Limits that keep a hostile tree from exhausting a renderer. */
export const RICH_LIMITS = { depth: 12, nodes: 5000, textChars: 100_000, hrefChars: 2048 } as const;

// Mark names Tiptap and other editors use for the same thing.
const MARK_ALIASES: Record<string, (typeof SIMPLE_MARKS)[number]> = {
  bold: 'bold',
  strong: 'bold',
  italic: 'italic',
  em: 'italic',
  strike: 'strike',
  underline: 'underline',
  code: 'code',
};

// C0/C1 controls other than tab and newline: never honest text, and not allowed in XML.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex
const URL_INVISIBLES = /[\u0000-\u0020\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g;

/** Removes characters no published format may carry (controls other than tab, LF and CR). */
export function stripControlChars(text: string): string {
  return text
    .replace(CONTROL_CHARS, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * A link target that is safe to publish, or null: absolute http, https or mailto URLs only.
 * Browsers ignore whitespace and controls inside a scheme ("java\tscript:"), so those are removed
 * before the scheme is judged.
 */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > RICH_LIMITS.hrefChars) return null;
  const cleaned = value.replace(URL_INVISIBLES, '');
  if (!/^(https?:\/\/|mailto:)/i.test(cleaned)) return null;
  try {
    const url = new URL(cleaned);
    if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') {
      return null;
    }
    return url.href;
  } catch {
    return null;
  }
}

interface Budget {
  nodes: number;
  chars: number;
  /** Notes a citation may point at; citations of others are dropped (their text stays). */
  noteIds: ReadonlySet<string>;
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
}

function children(node: Json): unknown[] {
  return Array.isArray(node.content) ? node.content : [];
}

function take(budget: Budget): boolean {
  if (budget.nodes <= 0) return false;
  budget.nodes -= 1;
  return true;
}

function sanitizeMarks(value: unknown, budget: Budget): RichMark[] {
  if (!Array.isArray(value)) return [];
  const out: RichMark[] = [];
  const seen = new Set<string>();
  for (const raw of value) {
    const mark = asObject(raw);
    const name = typeof mark?.type === 'string' ? mark.type : '';
    if (name === 'noteCitation') {
      const noteId = asObject(mark?.attrs)?.noteId;
      if (typeof noteId === 'string' && budget.noteIds.has(noteId) && !seen.has(name)) {
        seen.add(name);
        out.push({ type: 'noteCitation', attrs: { noteId } });
      }
      continue;
    }
    if (name === 'link') {
      const href = safeHref(asObject(mark?.attrs)?.href);
      if (href && !seen.has('link')) {
        seen.add('link');
        out.push({ type: 'link', attrs: { href } });
      }
      continue;
    }
    const simple = Object.hasOwn(MARK_ALIASES, name) ? MARK_ALIASES[name] : undefined;
    if (simple && !seen.has(simple)) {
      seen.add(simple);
      out.push({ type: simple });
    }
  }
  return out;
}

function sanitizeText(node: Json, budget: Budget, withMarks: boolean): RichText | null {
  if (typeof node.text !== 'string' || !take(budget)) return null;
  const text = stripControlChars(node.text).slice(0, Math.max(0, budget.chars));
  budget.chars -= text.length;
  if (text === '') return null;
  const marks = withMarks ? sanitizeMarks(node.marks, budget) : [];
  return marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text };
}

function sanitizeInlines(nodes: unknown[], budget: Budget, depth: number): RichInline[] {
  const out: RichInline[] = [];
  for (const raw of nodes) {
    const node = asObject(raw);
    if (!node) continue;
    if (node.type === 'hardBreak') {
      if (take(budget)) out.push({ type: 'hardBreak' });
    } else if (node.type === 'text' || typeof node.text === 'string') {
      const text = sanitizeText(node, budget, true);
      if (text) out.push(text);
    } else if (depth < RICH_LIMITS.depth) {
      // An unknown inline node (mention, emoji, …): keep whatever text it holds.
      out.push(...sanitizeInlines(children(node), budget, depth + 1));
    }
  }
  return out;
}

// Empty content is left out, as ProseMirror does.
function withContent(block: RichBlock): RichBlock {
  if ('content' in block && block.content?.length === 0) {
    delete (block as { content?: unknown }).content;
  }
  return block;
}

function sanitizeListItems(nodes: unknown[], budget: Budget, depth: number): RichListItem[] {
  const items: RichListItem[] = [];
  for (const raw of nodes) {
    const node = asObject(raw);
    if (!node || !take(budget)) continue;
    const content =
      node.type === 'listItem'
        ? sanitizeBlocks(children(node), budget, depth + 1)
        : sanitizeBlocks([node], budget, depth + 1);
    if (content.length > 0) items.push({ type: 'listItem', content });
  }
  return items;
}

function sanitizeBlock(node: Json, budget: Budget, depth: number): RichBlock[] {
  if (depth > RICH_LIMITS.depth || !take(budget)) return [];
  const kids = children(node);
  switch (node.type) {
    case 'paragraph':
      return [withContent({ type: 'paragraph', content: sanitizeInlines(kids, budget, depth) })];
    case 'heading': {
      const level = Number(asObject(node.attrs)?.level);
      const safe = Number.isInteger(level) ? Math.min(6, Math.max(1, level)) : 1;
      const content = sanitizeInlines(kids, budget, depth);
      return [withContent({ type: 'heading', attrs: { level: safe }, content })];
    }
    case 'bulletList':
    case 'orderedList': {
      const content = sanitizeListItems(kids, budget, depth);
      if (content.length === 0) return [];
      if (node.type === 'bulletList') return [{ type: 'bulletList', content }];
      const start = Number(asObject(node.attrs)?.start);
      return Number.isInteger(start) && start !== 1 && Math.abs(start) < 1e6
        ? [{ type: 'orderedList', attrs: { start }, content }]
        : [{ type: 'orderedList', content }];
    }
    case 'blockquote': {
      const content = sanitizeBlocks(kids, budget, depth + 1);
      return content.length > 0 ? [{ type: 'blockquote', content }] : [];
    }
    case 'codeBlock': {
      const content: RichText[] = [];
      for (const raw of kids) {
        const text = asObject(raw) && sanitizeText(asObject(raw)!, budget, false);
        if (text) content.push(text);
      }
      return [withContent({ type: 'codeBlock', content })];
    }
    case 'horizontalRule':
      return [{ type: 'horizontalRule' }];
    default: {
      // Unknown blocks are unwrapped: their block children survive, stray inline text becomes a
      // paragraph, and anything else is dropped.
      if (typeof node.text === 'string') {
        const text = sanitizeText(node, budget, true);
        return text ? [{ type: 'paragraph', content: [text] }] : [];
      }
      return sanitizeBlocks(kids, budget, depth + 1);
    }
  }
}

function sanitizeBlocks(nodes: unknown[], budget: Budget, depth: number): RichBlock[] {
  const out: RichBlock[] = [];
  let inlineRun: unknown[] = [];
  const flushInline = () => {
    if (inlineRun.length === 0) return;
    const content = sanitizeInlines(inlineRun, budget, depth);
    if (content.length > 0) out.push({ type: 'paragraph', content });
    inlineRun = [];
  };
  for (const raw of nodes) {
    const node = asObject(raw);
    if (!node) continue;
    if (node.type === 'text' || node.type === 'hardBreak') {
      inlineRun.push(node);
      continue;
    }
    flushInline();
    out.push(...sanitizeBlock(node, budget, depth));
  }
  flushInline();
  return out;
}

/**
 * A sanitised copy of formatted text: accepts a ProseMirror/Tiptap `doc` node or an array of
 * blocks and keeps only known nodes, marks and attributes; unsafe links lose their link (the text
 * stays), and so do citations of notes not in `options.noteIds`. Never throws; anything unusable
 * becomes an empty list.
 */
export function sanitizeRichText(
  value: unknown,
  options: { noteIds?: ReadonlySet<string> } = {},
): RichBlock[] {
  const budget: Budget = {
    nodes: RICH_LIMITS.nodes,
    chars: RICH_LIMITS.textChars,
    noteIds: options.noteIds ?? new Set(),
  };
  const root = asObject(value);
  const blocks = Array.isArray(value) ? value : root?.type === 'doc' ? children(root) : [value];
  return sanitizeBlocks(blocks, budget, 0);
}

/** The plain text of formatted text, blocks separated by blank lines. */
export function richTextToPlain(blocks: readonly RichBlock[]): string {
  const inline = (nodes: readonly RichInline[] | undefined) =>
    (nodes ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('');
  const block = (b: RichBlock): string => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        return inline(b.content);
      case 'codeBlock':
        return inline(b.content);
      case 'bulletList':
      case 'orderedList':
        return b.content.map((item) => item.content.map(block).join('\n')).join('\n');
      case 'blockquote':
        return b.content.map(block).join('\n\n');
      case 'horizontalRule':
        return '';
    }
  };
  return blocks.map(block).join('\n\n');
}
