import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  BoardRecord,
  ForumRecord,
  OutcomeFile,
  OutcomeRecord,
  PersonRecord,
  SnapshotRecord,
  Store,
  StoredDoc,
  VoteOutcome,
  VoteRequest,
} from './store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS forums (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  forum_id TEXT NOT NULL REFERENCES forums(id),
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  link_gen INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS boards_forum ON boards(forum_id);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  doc TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_doc ON doc_updates(doc, seq);
CREATE TABLE IF NOT EXISTS people (
  board_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  name TEXT NOT NULL,
  tags TEXT NOT NULL,
  lang TEXT NOT NULL,
  role TEXT NOT NULL,
  joined_at TEXT NOT NULL,
  PRIMARY KEY (board_id, person_id)
);
CREATE TABLE IF NOT EXISTS votes (
  board_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  note_id TEXT NOT NULL,
  remote INTEGER NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (board_id, person_id, note_id)
);
`;

// Published outcomes and snapshots are written once and never updated (triggers refuse it).
const OUTCOME_SCHEMA = `
CREATE TABLE IF NOT EXISTS outcomes (
  board_id TEXT NOT NULL REFERENCES boards(id),
  version INTEGER NOT NULL,
  forum_id TEXT NOT NULL,
  published_at TEXT NOT NULL,
  hash TEXT NOT NULL,
  language TEXT NOT NULL,
  board_title TEXT NOT NULL,
  PRIMARY KEY (board_id, version)
);
CREATE INDEX IF NOT EXISTS outcomes_forum ON outcomes(forum_id, published_at);
CREATE TABLE IF NOT EXISTS outcome_files (
  board_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  format TEXT NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (board_id, version, format),
  FOREIGN KEY (board_id, version) REFERENCES outcomes(board_id, version)
);
CREATE TABLE IF NOT EXISTS snapshots (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  board_id TEXT NOT NULL REFERENCES boards(id),
  taken_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_board ON snapshots(board_id, seq);
CREATE TRIGGER IF NOT EXISTS outcomes_immutable BEFORE UPDATE ON outcomes
  BEGIN SELECT RAISE(ABORT, 'published outcomes are immutable'); END;
CREATE TRIGGER IF NOT EXISTS outcome_files_immutable BEFORE UPDATE ON outcome_files
  BEGIN SELECT RAISE(ABORT, 'published outcomes are immutable'); END;
CREATE TRIGGER IF NOT EXISTS snapshots_immutable BEFORE UPDATE ON snapshots
  BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
`;

interface OutcomeRow {
  board_id: string;
  version: number;
  forum_id: string;
  published_at: string;
  hash: string;
  language: string;
  board_title: string;
}

interface SnapshotRow {
  id: string;
  board_id: string;
  taken_at: string;
  reason: string;
  size: number;
}

const toOutcome = (r: OutcomeRow): OutcomeRecord => ({
  boardId: r.board_id,
  forumId: r.forum_id,
  version: r.version,
  publishedAt: r.published_at,
  hash: r.hash,
  language: r.language,
  boardTitle: r.board_title,
});

const toSnapshot = (r: SnapshotRow): SnapshotRecord => ({
  id: r.id,
  boardId: r.board_id,
  takenAt: r.taken_at,
  reason: r.reason,
  size: r.size,
});

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

interface BoardRow {
  id: string;
  forum_id: string;
  title: string;
  created_at: string;
  link_gen: number;
}

interface ForumRow {
  id: string;
  title: string;
  created_at: string;
}

const toBoard = (r: BoardRow): BoardRecord => ({
  id: r.id,
  forumId: r.forum_id,
  title: r.title,
  createdAt: r.created_at,
  linkGen: r.link_gen,
});

interface PersonRow {
  board_id: string;
  person_id: string;
  name: string;
  tags: string;
  lang: string;
  role: string;
  joined_at: string;
}

const toPerson = (r: PersonRow): PersonRecord => ({
  boardId: r.board_id,
  personId: r.person_id,
  name: r.name,
  tags: JSON.parse(r.tags) as string[],
  lang: r.lang,
  role: r.role,
  joinedAt: r.joined_at,
});

const toForum = (r: ForumRow): ForumRecord => ({
  id: r.id,
  title: r.title,
  createdAt: r.created_at,
});

/**
 * The embedded default: one SQLite file in WAL mode. better-sqlite3 is synchronous, so an
 * append is in the write-ahead log before `appendUpdates` returns, before anything is relayed.
 * synchronous=NORMAL survives a killed process; FULL would also survive power loss at the cost
 * of an fsync per commit.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.db.exec(OUTCOME_SCHEMA);
    this.stmts = {
      insertForum: this.db.prepare('INSERT INTO forums (id, title, created_at) VALUES (?, ?, ?)'),
      getForum: this.db.prepare<[string], ForumRow>('SELECT * FROM forums WHERE id = ?'),
      listForums: this.db.prepare<[], ForumRow>('SELECT * FROM forums ORDER BY created_at, id'),
      insertBoard: this.db.prepare(
        'INSERT INTO boards (id, forum_id, title, created_at, link_gen) VALUES (?, ?, ?, ?, ?)',
      ),
      getBoard: this.db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      listBoards: this.db.prepare<[string], BoardRow>(
        'SELECT * FROM boards WHERE forum_id = ? ORDER BY created_at, id',
      ),
      loadDoc: this.db.prepare<[string], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq',
      ),
      append: this.db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)'),
      deleteUpTo: this.db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
      savePerson: this.db.prepare(
        `INSERT INTO people (board_id, person_id, name, tags, lang, role, joined_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (board_id, person_id) DO UPDATE SET name = excluded.name,
           tags = excluded.tags, lang = excluded.lang`,
      ),
      listPeople: this.db.prepare<[string], PersonRow>(
        'SELECT * FROM people WHERE board_id = ? ORDER BY joined_at, person_id',
      ),
      votesOf: this.db.prepare<[string, string], { note_id: string; count: number }>(
        'SELECT note_id, count FROM votes WHERE board_id = ? AND person_id = ?',
      ),
      voteRow: this.db.prepare<[string, string, string], { count: number }>(
        'SELECT count FROM votes WHERE board_id = ? AND person_id = ? AND note_id = ?',
      ),
      upsertVote: this.db.prepare(
        `INSERT INTO votes (board_id, person_id, note_id, remote, count) VALUES (?, ?, ?, ?, 1)
         ON CONFLICT (board_id, person_id, note_id) DO UPDATE SET count = count + 1`,
      ),
      decVote: this.db.prepare(
        'UPDATE votes SET count = count - 1 WHERE board_id = ? AND person_id = ? AND note_id = ?',
      ),
      deleteVote: this.db.prepare(
        'DELETE FROM votes WHERE board_id = ? AND person_id = ? AND note_id = ?',
      ),
      tallies: this.db.prepare<[string], { note_id: string; remote: number; total: number }>(
        'SELECT note_id, remote, SUM(count) AS total FROM votes WHERE board_id = ? GROUP BY note_id, remote',
      ),
      resetVotes: this.db.prepare('DELETE FROM votes WHERE board_id = ?'),
      docNames: this.db.prepare<[string, string], { doc: string }>(
        "SELECT DISTINCT doc FROM doc_updates WHERE doc >= ? AND doc < ? || '\uffff' ORDER BY doc",
      ),
    };
  }

  async createForum(f: ForumRecord): Promise<void> {
    this.stmts.insertForum.run(f.id, f.title, f.createdAt);
  }

  async getForum(id: string): Promise<ForumRecord | null> {
    const row = this.stmts.getForum.get(id);
    return row ? toForum(row) : null;
  }

  async listForums(): Promise<ForumRecord[]> {
    return this.stmts.listForums.all().map(toForum);
  }

  async createBoard(b: BoardRecord): Promise<void> {
    this.stmts.insertBoard.run(b.id, b.forumId, b.title, b.createdAt, b.linkGen);
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const row = this.stmts.getBoard.get(id);
    return row ? toBoard(row) : null;
  }

  async listBoards(forumId: string): Promise<BoardRecord[]> {
    return this.stmts.listBoards.all(forumId).map(toBoard);
  }

  async savePerson(p: PersonRecord): Promise<void> {
    this.stmts.savePerson.run(
      p.boardId,
      p.personId,
      p.name,
      JSON.stringify(p.tags),
      p.lang,
      p.role,
      p.joinedAt,
    );
  }

  async listPeople(boardId: string): Promise<PersonRecord[]> {
    return this.stmts.listPeople.all(boardId).map(toPerson);
  }

  async vote(r: VoteRequest): Promise<VoteOutcome> {
    // One synchronous transaction: concurrent requests are serialised by SQLite.
    return this.db.transaction((): VoteOutcome => {
      const current = this.stmts.voteRow.get(r.boardId, r.personId, r.noteId)?.count ?? 0;
      const used = this.stmts.votesOf
        .all(r.boardId, r.personId)
        .reduce((sum, row) => sum + row.count, 0);
      if (r.delta === 1) {
        if (used >= r.budget) return { ok: false, reason: 'budget' };
        if (current >= 1 && !r.allowMultiple) return { ok: false, reason: 'multiple' };
        this.stmts.upsertVote.run(r.boardId, r.personId, r.noteId, r.remote ? 1 : 0);
      } else {
        if (current === 0) return { ok: false, reason: 'none' };
        if (current === 1) this.stmts.deleteVote.run(r.boardId, r.personId, r.noteId);
        else this.stmts.decVote.run(r.boardId, r.personId, r.noteId);
      }
      const mine = this.mine(r.boardId, r.personId);
      return { ok: true, mine, used: Object.values(mine).reduce((a, b) => a + b, 0) };
    })();
  }

  async votesOf(boardId: string, personId: string): Promise<Record<string, number>> {
    return this.mine(boardId, personId);
  }

  async voteTallies(
    boardId: string,
  ): Promise<{ room: Record<string, number>; remote: Record<string, number> }> {
    const out = { room: {} as Record<string, number>, remote: {} as Record<string, number> };
    for (const row of this.stmts.tallies.all(boardId)) {
      out[row.remote ? 'remote' : 'room'][row.note_id] = row.total;
    }
    return out;
  }

  async resetVotes(boardId: string): Promise<void> {
    this.stmts.resetVotes.run(boardId);
  }

  async listDocNames(prefix: string): Promise<string[]> {
    return this.stmts.docNames.all(prefix, prefix).map((r) => r.doc);
  }

  private mine(boardId: string, personId: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const row of this.stmts.votesOf.all(boardId, personId)) out[row.note_id] = row.count;
    return out;
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    const rows = this.stmts.loadDoc.all(docName);
    let bytes = 0;
    const updates = rows.map((r) => {
      bytes += r.data.byteLength;
      return new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
    });
    return { updates, lastSeq: rows.at(-1)?.seq ?? 0, bytes };
  }

  appendUpdates(docName: string, updates: Uint8Array[]): Promise<number> {
    // Runs synchronously so the rows are in the WAL before this call returns.
    try {
      let last = 0;
      this.db.transaction(() => {
        for (const u of updates) {
          last = Number(this.stmts.append.run(docName, u).lastInsertRowid);
        }
      })();
      return Promise.resolve(last);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async compact(docName: string, merged: Uint8Array, uptoSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.stmts.deleteUpTo.run(docName, uptoSeq);
      this.stmts.append.run(docName, merged);
    })();
  }

  // Outcome and snapshot statements are prepared on first use, apart from the relay's.
  private outcomeStmtsCache: ReturnType<SqliteStore['prepareOutcomeStmts']> | null = null;

  private get outcomeStmts() {
    return (this.outcomeStmtsCache ??= this.prepareOutcomeStmts());
  }

  private prepareOutcomeStmts() {
    const outcomeCols = 'board_id, version, forum_id, published_at, hash, language, board_title';
    return {
      insertOutcome: this.db.prepare(
        `INSERT INTO outcomes (${outcomeCols}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertFile: this.db.prepare(
        'INSERT INTO outcome_files (board_id, version, format, data) VALUES (?, ?, ?, ?)',
      ),
      boardOutcomes: this.db.prepare<[string], OutcomeRow>(
        `SELECT ${outcomeCols} FROM outcomes WHERE board_id = ? ORDER BY version DESC`,
      ),
      forumOutcomes: this.db.prepare<[string], OutcomeRow>(
        `SELECT ${outcomeCols} FROM outcomes WHERE forum_id = ?
         ORDER BY published_at DESC, board_id, version DESC`,
      ),
      getFile: this.db.prepare<[string, number, string], { data: Buffer }>(
        'SELECT data FROM outcome_files WHERE board_id = ? AND version = ? AND format = ?',
      ),
      insertSnapshot: this.db.prepare(
        'INSERT INTO snapshots (id, board_id, taken_at, reason, size, data) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      listSnapshots: this.db.prepare<[string], SnapshotRow>(
        `SELECT id, board_id, taken_at, reason, size FROM snapshots WHERE board_id = ?
         ORDER BY seq DESC`,
      ),
      getSnapshot: this.db.prepare<[string], SnapshotRow & { data: Buffer }>(
        'SELECT id, board_id, taken_at, reason, size, data FROM snapshots WHERE id = ?',
      ),
    };
  }

  async insertOutcome(o: OutcomeRecord, files: OutcomeFile[]): Promise<void> {
    const st = this.outcomeStmts;
    this.db.transaction(() => {
      st.insertOutcome.run(
        o.boardId,
        o.version,
        o.forumId,
        o.publishedAt,
        o.hash,
        o.language,
        o.boardTitle,
      );
      for (const f of files) st.insertFile.run(o.boardId, o.version, f.format, f.data);
    })();
  }

  async listBoardOutcomes(boardId: string): Promise<OutcomeRecord[]> {
    return this.outcomeStmts.boardOutcomes.all(boardId).map(toOutcome);
  }

  async listForumOutcomes(forumId: string): Promise<OutcomeRecord[]> {
    return this.outcomeStmts.forumOutcomes.all(forumId).map(toOutcome);
  }

  async getOutcomeFile(
    boardId: string,
    version: number,
    format: string,
  ): Promise<Uint8Array | null> {
    const row = this.outcomeStmts.getFile.get(boardId, version, format);
    return row ? bytes(row.data) : null;
  }

  async insertSnapshot(s: SnapshotRecord, data: Uint8Array): Promise<void> {
    this.outcomeStmts.insertSnapshot.run(s.id, s.boardId, s.takenAt, s.reason, s.size, data);
  }

  async listSnapshots(boardId: string): Promise<SnapshotRecord[]> {
    return this.outcomeStmts.listSnapshots.all(boardId).map(toSnapshot);
  }

  async getSnapshot(id: string): Promise<{ snapshot: SnapshotRecord; data: Uint8Array } | null> {
    const row = this.outcomeStmts.getSnapshot.get(id);
    return row ? { snapshot: toSnapshot(row), data: bytes(row.data) } : null;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
