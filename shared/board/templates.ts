import type * as Y from 'yjs';
import { DEFAULT_CLUSTER_HEIGHT, DEFAULT_CLUSTER_WIDTH } from './cluster';
import { createBoardCommands } from './commands';
import type { NoteLang } from './note';

/** What a new table can start from. */
export const BOARD_TEMPLATES = ['empty', 'challenges', 'plenary'] as const;

export type BoardTemplate = (typeof BOARD_TEMPLATES)[number];

const TITLES: Record<Exclude<BoardTemplate, 'empty'>, Record<NoteLang, string[]>> = {
  challenges: {
    en: ['Challenge area 1', 'Challenge area 2', 'Challenge area 3', 'Challenge area 4'],
    fi: ['Haastealue 1', 'Haastealue 2', 'Haastealue 3', 'Haastealue 4'],
    sv: ['Utmaningsområde 1', 'Utmaningsområde 2', 'Utmaningsområde 3', 'Utmaningsområde 4'],
  },
  plenary: {
    en: ['Key findings', 'Questions from the room', 'Next steps'],
    fi: ['Keskeiset havainnot', 'Kysymykset salista', 'Seuraavat askeleet'],
    sv: ['Viktiga iakttagelser', 'Frågor från salen', 'Nästa steg'],
  },
};

const GAP = 80;

/**
 * Lays out a template's cluster areas on an empty board, two per row, titled in `lang`. The
 * facilitator renames them to the day's themes; participants drag notes in.
 */
export function applyTemplate(
  doc: Y.Doc,
  template: BoardTemplate,
  lang: NoteLang,
  origin: object,
): void {
  if (template === 'empty') return;
  const commands = createBoardCommands(doc, origin);
  TITLES[template][lang].forEach((title, i) => {
    commands.addCluster({
      title,
      x: (i % 2) * (DEFAULT_CLUSTER_WIDTH + GAP),
      y: Math.floor(i / 2) * (DEFAULT_CLUSTER_HEIGHT + GAP),
      width: DEFAULT_CLUSTER_WIDTH,
      height: DEFAULT_CLUSTER_HEIGHT,
    });
  });
}
