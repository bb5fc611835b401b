/**
 * What the forum console API answers (docs/API.md, "Forums and boards (admin token)"). The server
 * owns these shapes; the console only reads them.
 */
import type { BoardTemplate } from '@shared/board/templates';
import type { Phase } from '@shared/control/phases';
import type { Role } from '@shared/roles';
import type { Language } from '../i18n/languages';

export interface Forum {
  id: string;
  title: string;
  createdAt: string;
  date: string | null;
  description: string;
  languages: Language[];
  entranceGen: number;
}

export interface EntranceLink {
  token: string;
  link: string;
}

/** `GET /api/forums/:id`: a forum with its current entrance link. */
export interface ForumDetails extends Forum {
  entrance: EntranceLink;
}

/** The fields a facilitator edits. */
export interface ForumFields {
  title: string;
  date: string | null;
  description: string;
  languages: Language[];
}

/** A table: a board of the forum, with its role links of the current generation. */
export interface Board {
  id: string;
  forumId: string;
  title: string;
  position: number;
  archived: boolean;
  template: BoardTemplate;
  tokens: Record<Role, string>;
  links: Record<Role, string>;
}

/** One table on the live dashboard (`GET /api/forums/:id/overview`). */
export interface TableOverview {
  id: string;
  title: string;
  position: number;
  archived: boolean;
  present: Record<Role, number>;
  people: string[];
  placed: number;
  notes: number;
  clusters: number;
  phase: Phase | null;
  frozen: boolean;
  lastActivity: string | null;
}

export interface Overview {
  at: string;
  tables: TableOverview[];
}

/** Someone who came in through the forum entrance. */
export interface ForumPerson {
  forumId: string;
  personId: string;
  name: string;
  tags: string[];
  lang: Language;
  boardId: string;
  joinedAt: string;
}
