/** Small pure helpers of the proposal panel: template language, citation text, link targets. */
import { NOTE_LANGS, type NoteLang } from '@shared/board/note';

/**
 * The language of a new proposal's template: the language most of the cluster's notes are
 * written in (ties go to the earlier of en, fi, sv), else the language of the UI.
 */
export function templateLanguage(
  notes: readonly { lang: NoteLang }[],
  uiLanguage: string,
): NoteLang {
  const counts = new Map<NoteLang, number>();
  for (const n of notes) counts.set(n.lang, (counts.get(n.lang) ?? 0) + 1);
  let best: NoteLang | null = null;
  for (const lang of NOTE_LANGS) {
    if ((counts.get(lang) ?? 0) > (best ? (counts.get(best) ?? 0) : 0)) best = lang;
  }
  if (best) return best;
  return uiLanguage === 'fi' || uiLanguage === 'sv' ? uiLanguage : 'en';
}

/** The short text a citation shows: the note's first words, in quotes. */
export function citationText(noteText: string, maxChars = 60): string {
  const oneLine = noteText.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= maxChars) return oneLine;
  const cut = oneLine.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A link target as typed: `example.org` means https, `a@b.fi` means mailto. */
export function normalizeHref(input: string): string {
  const value = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)) return `mailto:${value}`;
  return `https://${value}`;
}
