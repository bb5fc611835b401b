import type { RichBlock, RichInline } from '@shared/outcome/richText';
import { escapeHtml } from '../../escape';

const MARK_TAGS = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  underline: 'u',
  code: 'code',
} as const;

function inlineHtml(nodes: readonly RichInline[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === 'hardBreak') return '<br>';
      let html = escapeHtml(node.text);
      for (const mark of node.marks ?? []) {
        if (mark.type === 'noteCitation') {
          html = `<a href="#note-${escapeHtml(mark.attrs.noteId)}" class="cite">${html}</a>`;
        } else if (mark.type === 'link') {
          // Only http(s) and mailto survive sanitising; the attribute is escaped all the same.
          html = `<a href="${escapeHtml(mark.attrs.href)}" rel="nofollow noopener noreferrer">${html}</a>`;
        } else {
          const tag = MARK_TAGS[mark.type];
          html = `<${tag}>${html}</${tag}>`;
        }
      }
      return html;
    })
    .join('');
}

/** Sanitised formatted text as HTML; its headings start at `<h{headingLevel}>`. */
export function richHtml(blocks: readonly RichBlock[], headingLevel: number): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
          return `<p dir="auto">${inlineHtml(block.content)}</p>`;
        case 'heading': {
          const level = Math.min(6, headingLevel + block.attrs.level - 1);
          return `<h${level} dir="auto">${inlineHtml(block.content)}</h${level}>`;
        }
        case 'bulletList':
        case 'orderedList': {
          const tag = block.type === 'bulletList' ? 'ul' : 'ol';
          const start =
            block.type === 'orderedList' && block.attrs ? ` start="${block.attrs.start}"` : '';
          const items = block.content
            .map((item) => `<li>${richHtml(item.content, headingLevel)}</li>`)
            .join('');
          return `<${tag}${start}>${items}</${tag}>`;
        }
        case 'blockquote':
          return `<blockquote>${richHtml(block.content, headingLevel)}</blockquote>`;
        case 'codeBlock':
          return `<pre><code>${escapeHtml((block.content ?? []).map((t) => t.text).join(''))}</code></pre>`;
        case 'horizontalRule':
          return '<hr>';
      }
    })
    .join('\n');
}
