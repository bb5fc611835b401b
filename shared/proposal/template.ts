import type { NoteLang } from '../board/note';

/** ProseMirror JSON as Tiptap's `getJSON()` produces it and `readProposal` returns it. */
export interface ProposalJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ProposalJSON[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

/** The template's section headings in each UI language, in document order. */
export const TEMPLATE_HEADINGS: Record<NoteLang, readonly [string, string, string, string]> = {
  en: ['Challenge', 'Proposal', 'Who acts', 'Next steps'],
  fi: ['Haaste', 'Ehdotus', 'Kuka toimii', 'Seuraavat askeleet'],
  sv: ['Utmaning', 'Förslag', 'Vem agerar', 'Nästa steg'],
};

/** A new proposal: the four section headings in `lang`, each followed by an empty paragraph. */
export function proposalTemplate(lang: NoteLang): ProposalJSON {
  return {
    type: 'doc',
    content: TEMPLATE_HEADINGS[lang].flatMap((title) => [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: title }] },
      { type: 'paragraph' },
    ]),
  };
}
