/**
 * Escaping for every published format. Participant text is untrusted: it reaches HTML, SVG,
 * Markdown and CSV only through these functions.
 */

import { safeHref } from '@shared/outcome/richText';

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in HTML and XML element content and in double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

// CommonMark lets a backslash escape any ASCII punctuation; these are the ones with meaning in
// CommonMark, GFM and common extensions (tables, strikethrough, math, footnotes).
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~=&$^]/g;

/** One line of text as literal Markdown inline content. */
export function escapeMarkdownLine(line: string): string {
  const escaped = line.replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
  // Leading spaces would make an indented code block; a character reference keeps them.
  return escaped.replace(/^ +/, (spaces) => '&#32;'.repeat(spaces.length));
}

/**
 * Text (possibly several lines) as literal Markdown inline content. Line breaks become hard
 * breaks and continuation lines get `indent`, so the text stays inside its list item.
 */
export function escapeMarkdown(text: string, indent = ''): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (line.trim() === '' ? '&#32;' : escapeMarkdownLine(line)))
    .join(`\\\n${indent}`);
}

// Characters a URL may carry as they are, and that mean nothing in a Markdown link destination
// (no space, <, >, (, ), [, ], backslash, backtick or quote). `%` stays only before two hex digits.
const MARKDOWN_URL_SAFE = /^[A-Za-z0-9\-._~:/?#@!$&'*+,;=]$/;
// An IPv6 literal host keeps its brackets; anywhere else they are encoded.
const IPV6_HOST = /^https?:\/\/\[[0-9A-Fa-f:.]+\](?::\d+)?/i;

/**
 * A link destination safe in every Markdown renderer, or null when the link must not be
 * published. Only http, https and mailto survive (`safeHref`); every character that could end the
 * destination or open another construct is percent-encoded, so the result needs no angle brackets.
 */
export function markdownLinkDestination(href: string): string | null {
  const safe = safeHref(href);
  if (safe === null) return null;
  const host = IPV6_HOST.exec(safe)?.[0] ?? '';
  const rest = Array.from(safe.slice(host.length));
  const encoded = rest.map((ch, i) => {
    if (ch === '%') {
      return /^[0-9A-Fa-f]{2}$/.test(rest.slice(i + 1, i + 3).join('')) ? '%' : '%25';
    }
    if (MARKDOWN_URL_SAFE.test(ch)) return ch;
    // UTF-8 bytes (a lone surrogate becomes U+FFFD rather than throwing).
    return Array.from(
      Buffer.from(ch, 'utf8'),
      (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    ).join('');
  });
  return host + encoded.join('');
}

// Spreadsheets run a cell starting with these as a formula (OWASP "CSV injection"), including
// the full-width forms some of them normalise.
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One CSV field (RFC 4180): quoted, quotes doubled, formula-looking text prefixed with `'`. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
