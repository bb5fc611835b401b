import type { PoolClient } from 'pg';

/**
 * The PostgreSQL schema as named, append-only migrations, recorded in `talkoot_migrations`.
 * Never edit a released migration: add the next one.
 */
export const PG_MIGRATIONS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: '0001-base',
    sql: `
CREATE TABLE forums (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  date TEXT,
  description TEXT NOT NULL DEFAULT '',
  languages JSONB NOT NULL DEFAULT '["fi","sv","en"]',
  entrance_gen INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE boards (
  id TEXT PRIMARY KEY,
  forum_id TEXT NOT NULL REFERENCES forums(id),
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  link_gen INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL DEFAULT 0,
  archived BOOLEAN NOT NULL DEFAULT FALSE,
  template TEXT NOT NULL DEFAULT 'empty'
);
CREATE INDEX boards_forum ON boards(forum_id);
CREATE TABLE doc_updates (
  seq BIGSERIAL PRIMARY KEY,
  doc TEXT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX doc_updates_doc ON doc_updates(doc, seq);
CREATE TABLE people (
  board_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  name TEXT NOT NULL,
  tags JSONB NOT NULL,
  lang TEXT NOT NULL,
  role TEXT NOT NULL,
  joined_at TEXT NOT NULL,
  PRIMARY KEY (board_id, person_id)
);
CREATE TABLE votes (
  board_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  note_id TEXT NOT NULL,
  remote BOOLEAN NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (board_id, person_id, note_id)
);
CREATE TABLE forum_people (
  forum_id TEXT NOT NULL REFERENCES forums(id),
  person_id TEXT NOT NULL,
  name TEXT NOT NULL,
  tags JSONB NOT NULL,
  lang TEXT NOT NULL,
  board_id TEXT NOT NULL REFERENCES boards(id),
  joined_at TEXT NOT NULL,
  PRIMARY KEY (forum_id, person_id)
);
CREATE TABLE outcomes (
  board_id TEXT NOT NULL REFERENCES boards(id),
  version INTEGER NOT NULL,
  forum_id TEXT NOT NULL,
  published_at TEXT NOT NULL,
  hash TEXT NOT NULL,
  language TEXT NOT NULL,
  board_title TEXT NOT NULL,
  PRIMARY KEY (board_id, version)
);
CREATE INDEX outcomes_forum ON outcomes(forum_id, published_at);
CREATE TABLE outcome_files (
  board_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  format TEXT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (board_id, version, format),
  FOREIGN KEY (board_id, version) REFERENCES outcomes(board_id, version)
);
CREATE TABLE snapshots (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  board_id TEXT NOT NULL REFERENCES boards(id),
  taken_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  size INTEGER NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX snapshots_board ON snapshots(board_id, seq);
CREATE FUNCTION talkoot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'published outcomes and snapshots are immutable'; END $$;
CREATE TRIGGER outcomes_immutable BEFORE UPDATE OR DELETE ON outcomes
  FOR EACH ROW EXECUTE FUNCTION talkoot_immutable();
CREATE TRIGGER outcome_files_immutable BEFORE UPDATE OR DELETE ON outcome_files
  FOR EACH ROW EXECUTE FUNCTION talkoot_immutable();
CREATE TRIGGER snapshots_immutable BEFORE UPDATE OR DELETE ON snapshots
  FOR EACH ROW EXECUTE FUNCTION talkoot_immutable();
`,
  },
  {
    name: '0002-removed-people',
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

/** Runs the migrations this database has not seen, one transaction each, under a lock. */
export async function migratePostgres(client: PoolClient): Promise<void> {
  await client.query(
    'CREATE TABLE IF NOT EXISTS talkoot_migrations (name TEXT PRIMARY KEY, run_at TEXT NOT NULL)',
  );
  for (const migration of PG_MIGRATIONS) {
    await client.query('BEGIN');
    try {
      // Several servers may start at once: one migrates, the others wait and then skip.
      await client.query('SELECT pg_advisory_xact_lock(7420117)');
      const done = await client.query('SELECT 1 FROM talkoot_migrations WHERE name = $1', [
        migration.name,
      ]);
      if (done.rowCount === 0) {
        await client.query(migration.sql);
        await client.query('INSERT INTO talkoot_migrations (name, run_at) VALUES ($1, $2)', [
          migration.name,
          new Date().toISOString(),
        ]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
  }
}
