/**
 * Persistence behind one interface, so the embedded SQLite default and PostgreSQL (for several
 * machines) are interchangeable. Every adapter must pass tests/integration/store-contract.test.ts.
 */
export interface ForumRecord {
  id: string;
  title: string;
  createdAt: string;
  /** The day of the forum (YYYY-MM-DD), if set. */
  date: string | null;
  description: string;
  /** UI languages offered, e.g. ["fi", "sv", "en"]. */
  languages: string[];
  /** Generation of the forum entrance link; rotating it invalidates the old one. */
  entranceGen: number;
}

export interface BoardRecord {
  id: string;
  forumId: string;
  title: string;
  createdAt: string;
  /** Link generation: tokens of an older generation no longer open the board. */
  linkGen: number;
  /** Order among the forum's tables. */
  position: number;
  /** Archived boards stay readable; nobody writes to them. */
  archived: boolean;
  /** The template the board was created from. */
  template: string;
}

export type ForumPatch = Partial<Pick<ForumRecord, 'title' | 'date' | 'description' | 'languages'>>;
export type BoardPatch = Partial<Pick<BoardRecord, 'title' | 'position' | 'archived'>>;

/** Someone who came in through the forum entrance and was placed at a table. */
export interface ForumPersonRecord {
  forumId: string;
  personId: string;
  name: string;
  tags: string[];
  lang: string;
  boardId: string;
  joinedAt: string;
}

/** Someone who joined a board with a name (participants, facilitators, remote attendees). */
export interface PersonRecord {
  boardId: string;
  personId: string;
  name: string;
  tags: string[];
  lang: string;
  role: string;
  joinedAt: string;
}

/** What a vote request asks, with the rules in force when it is made. */
export interface VoteRequest {
  boardId: string;
  personId: string;
  noteId: string;
  delta: 1 | -1;
  remote: boolean;
  budget: number;
  allowMultiple: boolean;
}

export type VoteOutcome =
  | { ok: true; mine: Record<string, number>; used: number }
  | { ok: false; reason: 'budget' | 'multiple' | 'none' | 'removed' };

/** Someone a facilitator removed from a board: their personal links no longer open it. */
export interface RemovedPerson {
  personId: string;
  removedAt: string;
}

export interface StoredDoc {
  /** Updates in append order; applying them all (in any order) rebuilds the document. */
  updates: Uint8Array[];
  /** Sequence number of the last stored row, or 0. */
  lastSeq: number;
  /** Total stored bytes. */
  bytes: number;
}

/**
 * What the server stores, split by concern: each service takes only the parts it uses, and both
 * adapters (SQLite, PostgreSQL) implement the whole Store. One contract suite runs against both
 * (tests/integration/store-contract.test.ts).
 */

/** Forums, their boards (tables) and the people who came through a forum's entrance. */
export interface ForumStore {
  createForum(forum: ForumRecord): Promise<void>;
  getForum(id: string): Promise<ForumRecord | null>;
  listForums(): Promise<ForumRecord[]>;
  createBoard(board: BoardRecord): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  /** A forum's boards in table order (position, then creation). */
  listBoards(forumId: string): Promise<BoardRecord[]>;
  updateForum(id: string, patch: ForumPatch): Promise<ForumRecord | null>;
  updateBoard(id: string, patch: BoardPatch): Promise<BoardRecord | null>;
  /** Increments a board's link generation (old links stop working) and returns the board. */
  rotateBoardLinks(id: string): Promise<BoardRecord | null>;
  /** Increments a forum's entrance generation and returns the forum. */
  rotateEntrance(id: string): Promise<ForumRecord | null>;
  /** Inserts or replaces (name, tags, table) one person who came through the entrance. */
  saveForumPerson(person: ForumPersonRecord): Promise<void>;
  getForumPerson(forumId: string, personId: string): Promise<ForumPersonRecord | null>;
  listForumPeople(forumId: string): Promise<ForumPersonRecord[]>;
}

/** The people of a board (joined with a name, or removed) and their votes. */
export interface VoteStore {
  savePerson(person: PersonRecord): Promise<void>;
  listPeople(boardId: string): Promise<PersonRecord[]>;
  /**
   * Removes a person from a board for good: their personal links stop working and their dots are
   * deleted, atomically with each other and with that person's votes (a vote racing the removal
   * either lands before it and is deleted, or after it and is refused). Idempotent; resolves to
   * the number of dots deleted.
   */
  removePerson(boardId: string, personId: string, removedAt: string): Promise<{ votes: number }>;
  isPersonRemoved(boardId: string, personId: string): Promise<boolean>;
  /** The people removed from a board, in the order they were removed. */
  listRemovedPeople(boardId: string): Promise<RemovedPerson[]>;
  /**
   * Adds or takes back one dot, atomically with the budget check: two requests at once from one
   * person can never exceed the budget together. A removed person's vote is refused.
   */
  vote(request: VoteRequest): Promise<VoteOutcome>;
  /** One person's dots per note. */
  votesOf(boardId: string, personId: string): Promise<Record<string, number>>;
  /** Dots per note, counted apart for the room and for remote attendees. */
  voteTallies(
    boardId: string,
  ): Promise<{ room: Record<string, number>; remote: Record<string, number> }>;
  resetVotes(boardId: string): Promise<void>;
}

/** Yjs documents as append-only rows (boards, control and private documents). */
export interface DocumentStore {
  /** Names of stored documents starting with `prefix` (e.g. a board's private documents). */
  listDocNames(prefix: string): Promise<string[]>;
  /** Everything stored for one document (a board or its control document). */
  loadDoc(docName: string): Promise<StoredDoc>;
  /**
   * Appends updates durably and returns the sequence number of the last one. When the promise
   * resolves the updates survive a crash of the process.
   */
  appendUpdates(docName: string, updates: Uint8Array[]): Promise<number>;
  /**
   * Replaces every row up to and including `uptoSeq` by `merged` (which must contain them all),
   * atomically: a crash leaves either the old rows or the merged one.
   */
  compact(docName: string, merged: Uint8Array, uptoSeq: number): Promise<void>;
}

/** Published outcome versions with their files, and snapshots of board documents. */
export interface OutcomeStore {
  /**
   * Stores a published outcome version and all its files atomically. Rejects, storing nothing,
   * when the board already has this version: published versions are never overwritten.
   */
  insertOutcome(outcome: OutcomeRecord, files: OutcomeFile[]): Promise<void>;
  /** A board's published versions, newest (highest version) first. */
  listBoardOutcomes(boardId: string): Promise<OutcomeRecord[]>;
  /** Every published version of a forum's boards, newest (publishedAt) first. */
  listForumOutcomes(forumId: string): Promise<OutcomeRecord[]>;
  /** The stored bytes of one file of a version, exactly as inserted. */
  getOutcomeFile(boardId: string, version: number, format: string): Promise<Uint8Array | null>;
  /** Stores a snapshot of a board document; snapshots are never updated or deleted. */
  insertSnapshot(snapshot: SnapshotRecord, data: Uint8Array): Promise<void>;
  /** A board's snapshots without their data, newest (last inserted) first. */
  listSnapshots(boardId: string): Promise<SnapshotRecord[]>;
  /** One snapshot with its data. */
  getSnapshot(id: string): Promise<{ snapshot: SnapshotRecord; data: Uint8Array } | null>;
}

export interface Store extends ForumStore, VoteStore, DocumentStore, OutcomeStore {
  readonly kind: string;
  close(): Promise<void>;
}

/** One published, immutable version of a board (server/outcomes). */
export interface OutcomeRecord {
  boardId: string;
  forumId: string;
  version: number;
  publishedAt: string;
  /** SHA-256 (hex) of the JSON file. */
  hash: string;
  /** The board's main language: the HTML page served by default. */
  language: string;
  boardTitle: string;
}

/** One stored file of a version: `format` is e.g. 'json', 'md', 'csv', 'svg', 'html-fi'. */
export interface OutcomeFile {
  format: string;
  data: Uint8Array;
}

/** A saved state of a board document, restorable by its facilitator. */
export interface SnapshotRecord {
  id: string;
  boardId: string;
  takenAt: string;
  reason: string;
  /** Bytes of the stored Yjs update. */
  size: number;
}
