/** HTTP shapes of outcomes and snapshots, shared by the server and the client. */

/** The downloadable forms of a published version. */
export const OUTCOME_FORMATS = ['html', 'json', 'md', 'csv', 'svg'] as const;

export type OutcomeFormat = (typeof OUTCOME_FORMATS)[number];

/** Languages the published HTML page is rendered in (the UI languages). */
export const OUTCOME_LANGS = ['en', 'fi', 'sv'] as const;

export type OutcomeLang = (typeof OUTCOME_LANGS)[number];

/**
 * `POST /api/boards/:boardId/freeze` (201, or 200 when the board was already frozen and
 * published): where the published version lives. Every URL is absolute.
 */
export interface PublishedOutcome {
  version: number;
  /** SHA-256 (hex) of the JSON form's bytes. */
  hash: string;
  /** The HTML page: the permalink to cite. */
  url: string;
  formats: Record<OutcomeFormat, string>;
}

/** A row of `GET /outcomes/:boardId/versions.json` and of the forum index. */
export interface OutcomeListing extends PublishedOutcome {
  boardId: string;
  boardTitle: string;
  publishedAt: string;
  language: OutcomeLang;
}

/** `GET /forums/:forumId/outcomes.json`. */
export interface ForumOutcomesIndex {
  forum: { id: string; title: string };
  /** Newest first. */
  outcomes: OutcomeListing[];
}

/** `GET /outcomes/:boardId/versions.json`. */
export interface BoardOutcomeVersions {
  board: { id: string; title: string };
  forum: { id: string; title: string };
  /** Newest first. */
  versions: OutcomeListing[];
}

/** One automatic or manual snapshot of a board, as listed to its facilitator. */
export interface SnapshotInfo {
  id: string;
  takenAt: string;
  /** 'interval', 'manual', 'before restore', 'before phase change', … */
  reason: string;
  /** Stored bytes. */
  size: number;
}

/** `POST /api/boards/:boardId/snapshots/:snapshotId/restore`. */
export interface RestoreResult {
  /** The snapshot whose content the board now has. */
  restored: SnapshotInfo;
  /** The board as it was just before: restore this one to undo. */
  undo: SnapshotInfo;
}

/** True when `value` is a language the published page is rendered in. */
export function isOutcomeLang(value: unknown): value is OutcomeLang {
  return typeof value === 'string' && (OUTCOME_LANGS as readonly string[]).includes(value);
}
