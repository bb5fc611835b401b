/**
 * Persistence behind one interface, so the embedded SQLite default and PostgreSQL (for several
 * machines) are interchangeable. Every adapter must pass tests/integration/store-contract.test.ts.
 */
export interface ForumRecord {
  id: string;
  title: string;
  createdAt: string;
}

export interface BoardRecord {
  id: string;
  forumId: string;
  title: string;
  createdAt: string;
  /** Link generation: tokens of an older generation no longer open the board. */
  linkGen: number;
}

export interface StoredDoc {
  /** Updates in append order; applying them all (in any order) rebuilds the document. */
  updates: Uint8Array[];
  /** Sequence number of the last stored row, or 0. */
  lastSeq: number;
  /** Total stored bytes. */
  bytes: number;
}

export interface Store {
  readonly kind: string;
  createForum(forum: ForumRecord): Promise<void>;
  getForum(id: string): Promise<ForumRecord | null>;
  listForums(): Promise<ForumRecord[]>;
  createBoard(board: BoardRecord): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  listBoards(forumId: string): Promise<BoardRecord[]>;
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
  close(): Promise<void>;
}
