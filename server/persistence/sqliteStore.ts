import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BoardRecord, ForumRecord, Store, StoredDoc } from './store';

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
`;

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

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
