import type Database from 'better-sqlite3';

/**
 * The SQLite schema as named, append-only migrations. `PRAGMA user_version` records how many
 * have run; each runs once, in a transaction, when the store opens. Never edit a released
 * migration: add the next one.
 */
export const SQLITE_MIGRATIONS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: '0001-base',
    // IF NOT EXISTS: files created before migrations were numbered already hold these tables.
    sql: `
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
  BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;`,
  },
  {
    name: '0002-forum-console',
    sql: `
ALTER TABLE forums ADD COLUMN date TEXT;
ALTER TABLE forums ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE forums ADD COLUMN languages TEXT NOT NULL DEFAULT '["fi","sv","en"]';
ALTER TABLE forums ADD COLUMN entrance_gen INTEGER NOT NULL DEFAULT 1;
ALTER TABLE boards ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE boards ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE boards ADD COLUMN template TEXT NOT NULL DEFAULT 'empty';
CREATE TABLE IF NOT EXISTS forum_people (
  forum_id TEXT NOT NULL REFERENCES forums(id),
  person_id TEXT NOT NULL,
  name TEXT NOT NULL,
  tags TEXT NOT NULL,
  lang TEXT NOT NULL,
  board_id TEXT NOT NULL REFERENCES boards(id),
  joined_at TEXT NOT NULL,
  PRIMARY KEY (forum_id, person_id)
);
CREATE INDEX IF NOT EXISTS forum_people_board ON forum_people(board_id);
`,
  },
  {
    name: '0003-removed-people',
    sql: `
CREATE TABLE removed_people (
  board_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  removed_at TEXT NOT NULL,
  PRIMARY KEY (board_id, person_id)
);
`,
  },
];

/** Runs every migration the file has not seen yet. */
export function migrateSqlite(db: Database.Database): void {
  const done = db.pragma('user_version', { simple: true }) as number;
  for (let i = done; i < SQLITE_MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[i]!.sql);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}
