import { NOTE_HEIGHT, NOTE_WIDTH, noteColorHex } from '@shared/board/note';
import type { OutcomeNote } from '@shared/outcome/schema';
import { escapeHtml as xml } from '../escape';
import type { OutcomeStrings } from '../i18n';
import type { OutcomeView } from '../view';

const MARGIN = 40;
const NOTE_PAD = 10;
const NOTE_FONT = 14;
const NOTE_LINE = 18;
const TITLE_FONT = 16;
// An average glyph of the sans-serif stack at these sizes; wrapping is approximate by design.
const CHAR_WIDTH = 0.52;
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

// Wide characters (CJK, emoji) count double so they do not overflow a line.
function width(g: string): number {
  const code = g.codePointAt(0) ?? 0;
  return code >= 0x1100 && (code <= 0x115f || code >= 0x2e80) ? 2 : 1;
}

/** Wraps text into at most `maxLines` lines of about `perLine` narrow characters; "…" if cut. */
export function wrapText(text: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  let truncated = false;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line: string[] = [];
    let used = 0;
    for (const word of paragraph.split(/(\s+)/)) {
      const parts = graphemes(word);
      const w = parts.reduce((sum, g) => sum + width(g), 0);
      if (used + w <= perLine) {
        line.push(...parts);
        used += w;
        continue;
      }
      if (/^\s+$/.test(word)) {
        lines.push(line.join(''));
        line = [];
        used = 0;
        continue;
      }
      if (used > 0 && w <= perLine) {
        lines.push(line.join('').trimEnd());
        line = [...parts];
        used = w;
        continue;
      }
      for (const g of parts) {
        if (used + width(g) > perLine) {
          lines.push(line.join(''));
          line = [];
          used = 0;
        }
        line.push(g);
        used += width(g);
      }
    }
    lines.push(line.join('').trimEnd());
    if (lines.length > maxLines) break;
  }
  while (lines.length > 0 && lines.at(-1) === '' && lines.length > 1) lines.pop();
  if (lines.length > maxLines) {
    lines.length = maxLines;
    truncated = true;
  }
  if (truncated) {
    const last = graphemes(lines[maxLines - 1]!);
    while (last.length > 0 && last.reduce((s, g) => s + width(g), 0) > perLine - 1) last.pop();
    lines[maxLines - 1] = `${last.join('').trimEnd()}…`;
  }
  return lines;
}

function textLines(x: number, y: number, lines: string[], attrs: string): string {
  const spans = lines
    .map((line, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : NOTE_LINE}">${xml(line)}</tspan>`)
    .join('');
  return `<text x="${x}" y="${y}" ${attrs}>${spans}</text>`;
}

function noteShape(note: OutcomeNote, s: OutcomeStrings): string {
  const perLine = Math.floor((NOTE_WIDTH - 2 * NOTE_PAD) / (NOTE_FONT * CHAR_WIDTH));
  const maxLines = Math.floor((NOTE_HEIGHT - 2 * NOTE_PAD) / NOTE_LINE);
  const lines = wrapText(note.text, perLine, maxLines);
  const title = `${note.text}\n— ${note.author ?? s.anonymous}`;
  return (
    `<g lang="${note.lang}"><title>${xml(title)}</title>` +
    `<rect x="${note.x}" y="${note.y}" width="${NOTE_WIDTH}" height="${NOTE_HEIGHT}" rx="4" ` +
    `fill="${noteColorHex(note.color)}" stroke="#00000033"/>` +
    textLines(note.x + NOTE_PAD, note.y + NOTE_PAD + NOTE_FONT, lines, `font-size="${NOTE_FONT}"`) +
    '</g>'
  );
}

/** The extent of the picture in board units: every cluster and note plus a margin. */
export function svgBounds(view: OutcomeView): {
  x: number;
  y: number;
  width: number;
  height: number;
} {
  const rects = [
    ...view.doc.clusters,
    ...view.doc.notes.map((n) => ({ x: n.x, y: n.y, width: NOTE_WIDTH, height: NOTE_HEIGHT })),
  ];
  if (rects.length === 0) return { x: 0, y: 0, width: 480, height: 160 };
  const minX = Math.min(...rects.map((r) => r.x)) - MARGIN;
  const minY = Math.min(...rects.map((r) => r.y)) - MARGIN;
  const maxX = Math.max(...rects.map((r) => r.x + r.width)) + MARGIN;
  const maxY = Math.max(...rects.map((r) => r.y + r.height)) + MARGIN;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * The board as a standalone SVG drawn from the outcome's data: clusters as titled rectangles,
 * notes as coloured rectangles with wrapped text. Every text is XML-escaped; full note texts are
 * in each shape's <title>.
 */
export function renderSvg(view: OutcomeView, s: OutcomeStrings): string {
  const { doc } = view;
  const b = svgBounds(view);
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${b.x} ${b.y} ${b.width} ${b.height}" ` +
      `width="${b.width}" height="${b.height}" role="img" aria-labelledby="title desc" ` +
      `lang="${doc.language}" font-family="${xml(FONT)}" fill="#1b1f24">`,
    `<title id="title">${xml(`${doc.board.title} — ${doc.forum.title}`)}</title>`,
    `<desc id="desc">${xml(s.pictureAlt(doc.clusters.length, doc.notes.length))}</desc>`,
    `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="#ffffff"/>`,
  ];
  if (doc.clusters.length === 0 && doc.notes.length === 0) {
    parts.push(textLines(b.x + MARGIN, b.y + 80, [s.noNotes], `font-size="${TITLE_FONT}"`));
  }
  for (const c of doc.clusters) {
    const title = c.title.trim() === '' ? s.untitledCluster : c.title;
    const perLine = Math.floor((c.width - 32) / (TITLE_FONT * 0.58));
    parts.push(
      `<g><title>${xml(title)}</title>` +
        `<rect x="${c.x}" y="${c.y}" width="${c.width}" height="${c.height}" rx="8" ` +
        'fill="#f1f4f7" stroke="#7b8794" stroke-width="1.5"/>' +
        textLines(
          c.x + 16,
          c.y + 26,
          wrapText(title, Math.max(1, perLine), 1),
          `font-size="${TITLE_FONT}" font-weight="600"`,
        ) +
        '</g>',
    );
  }
  for (const note of doc.notes) parts.push(noteShape(note, s));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
