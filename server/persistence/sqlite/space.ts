import type Database from 'better-sqlite3';

// Rows under these names are never a document: document names are board ids and their suffixes.
const PROBE_DOC = '~storage-probe';
const FILLER_DOC = '~disk-full-filler';
/** SQLite's own ceiling for max_page_count: no limit. */
const NO_PAGE_LIMIT = 4_294_967_294;

/**
 * Whether the database can commit a write: a row appended and deleted in one transaction. It
 * touches the pages a real append touches, so it fails exactly when appends fail for want of
 * space, and leaves nothing behind.
 */
export function probeWrite(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)');
  const remove = db.prepare('DELETE FROM doc_updates WHERE doc = ?');
  db.transaction(() => {
    insert.run(PROBE_DOC, Buffer.alloc(64));
    remove.run(PROBE_DOC);
  })();
}

/**
 * Tests only: makes this connection's database behave as if the disk were full. The file may not
 * grow (`max_page_count`), and the room left in the pages appends go to is used up, so every later
 * write that needs a page fails with SQLITE_FULL — SQLite's real disk-full path, not a mock.
 * `full = false` frees the space again.
 */
export function simulateDiskFull(db: Database.Database, full: boolean): void {
  const insert = db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)');
  if (!full) {
    db.pragma(`max_page_count = ${NO_PAGE_LIMIT}`);
    db.prepare('DELETE FROM doc_updates WHERE doc = ?').run(FILLER_DOC);
    return;
  }
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  // Largest first, then ever smaller rows, until not even a one-byte row fits anywhere appends go.
  for (const size of [65_536, 4_096, 1_024, 256, 64, 16, 1]) {
    for (let i = 0; i < 100_000; i++) {
      try {
        insert.run(FILLER_DOC, Buffer.alloc(size));
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'SQLITE_FULL') throw err;
        break;
      }
    }
  }
}
