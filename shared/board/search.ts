import type { Note } from './note';

// Letters NFD does not decompose into base + combining mark.
const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd' };

/** Lower-cases and strips diacritics (ä→a, ö→o, å→a, é→e…) so search ignores both. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđ]/g, (ch) => FOLD[ch] ?? ch);
}

/**
 * Ids of the notes whose text contains every whitespace-separated term of `query`, ignoring case
 * and diacritics, in input order. A blank query matches nothing.
 */
export function searchNotes(notes: readonly Pick<Note, 'id' | 'text'>[], query: string): string[] {
  const terms = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  return notes
    .filter((note) => {
      const text = foldForSearch(note.text);
      return terms.every((term) => text.includes(term));
    })
    .map((note) => note.id);
}
