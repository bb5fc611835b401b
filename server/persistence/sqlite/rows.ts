import type {
  BoardRecord,
  ForumPersonRecord,
  ForumRecord,
  OutcomeRecord,
  PersonRecord,
  SnapshotRecord,
} from '../store';

/** Rows as SQLite returns them, and their records. */
export interface ForumRow {
  id: string;
  title: string;
  created_at: string;
  date: string | null;
  description: string;
  languages: string;
  entrance_gen: number;
}

export interface BoardRow {
  id: string;
  forum_id: string;
  title: string;
  created_at: string;
  link_gen: number;
  position: number;
  archived: number;
  template: string;
}

export interface PersonRow {
  board_id: string;
  person_id: string;
  name: string;
  tags: string;
  lang: string;
  role: string;
  joined_at: string;
}

export interface ForumPersonRow {
  forum_id: string;
  person_id: string;
  name: string;
  tags: string;
  lang: string;
  board_id: string;
  joined_at: string;
}

export interface OutcomeRow {
  board_id: string;
  version: number;
  forum_id: string;
  published_at: string;
  hash: string;
  language: string;
  board_title: string;
}

export interface SnapshotRow {
  id: string;
  board_id: string;
  taken_at: string;
  reason: string;
  size: number;
}

/** A JSON array of strings from a column; [] when the column holds anything else. */
function stringList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export const toForum = (r: ForumRow): ForumRecord => ({
  id: r.id,
  title: r.title,
  createdAt: r.created_at,
  date: r.date,
  description: r.description,
  languages: stringList(r.languages),
  entranceGen: r.entrance_gen,
});

export const toBoard = (r: BoardRow): BoardRecord => ({
  id: r.id,
  forumId: r.forum_id,
  title: r.title,
  createdAt: r.created_at,
  linkGen: r.link_gen,
  position: r.position,
  archived: r.archived === 1,
  template: r.template,
});

export const toPerson = (r: PersonRow): PersonRecord => ({
  boardId: r.board_id,
  personId: r.person_id,
  name: r.name,
  tags: stringList(r.tags),
  lang: r.lang,
  role: r.role,
  joinedAt: r.joined_at,
});

export const toForumPerson = (r: ForumPersonRow): ForumPersonRecord => ({
  forumId: r.forum_id,
  personId: r.person_id,
  name: r.name,
  tags: stringList(r.tags),
  lang: r.lang,
  boardId: r.board_id,
  joinedAt: r.joined_at,
});

export const toOutcome = (r: OutcomeRow): OutcomeRecord => ({
  boardId: r.board_id,
  forumId: r.forum_id,
  version: r.version,
  publishedAt: r.published_at,
  hash: r.hash,
  language: r.language,
  boardTitle: r.board_title,
});

export const toSnapshot = (r: SnapshotRow): SnapshotRecord => ({
  id: r.id,
  boardId: r.board_id,
  takenAt: r.taken_at,
  reason: r.reason,
  size: r.size,
});

/** A Buffer's bytes as a Uint8Array view (no copy). */
export const bytes = (b: Buffer): Uint8Array =>
  new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
