import type Database from 'better-sqlite3';
import type { OutcomeFile, OutcomeRecord, OutcomeStore, SnapshotRecord } from '../store';
import { bytes, toOutcome, toSnapshot, type OutcomeRow, type SnapshotRow } from './rows';

export type OutcomesRepo = OutcomeStore;

const OUTCOME_COLS = 'board_id, version, forum_id, published_at, hash, language, board_title';

/** Published outcome versions with their files, and board snapshots: insert-only. */
export function outcomesRepo(db: Database.Database): OutcomesRepo {
  const st = {
    insertOutcome: db.prepare(
      `INSERT INTO outcomes (${OUTCOME_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertFile: db.prepare(
      'INSERT INTO outcome_files (board_id, version, format, data) VALUES (?, ?, ?, ?)',
    ),
    boardOutcomes: db.prepare<[string], OutcomeRow>(
      `SELECT ${OUTCOME_COLS} FROM outcomes WHERE board_id = ? ORDER BY version DESC`,
    ),
    forumOutcomes: db.prepare<[string], OutcomeRow>(
      `SELECT ${OUTCOME_COLS} FROM outcomes WHERE forum_id = ?
       ORDER BY published_at DESC, board_id, version DESC`,
    ),
    getFile: db.prepare<[string, number, string], { data: Buffer }>(
      'SELECT data FROM outcome_files WHERE board_id = ? AND version = ? AND format = ?',
    ),
    insertSnapshot: db.prepare(
      'INSERT INTO snapshots (id, board_id, taken_at, reason, size, data) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    listSnapshots: db.prepare<[string], SnapshotRow>(
      `SELECT id, board_id, taken_at, reason, size FROM snapshots WHERE board_id = ?
       ORDER BY seq DESC`,
    ),
    getSnapshot: db.prepare<[string], SnapshotRow & { data: Buffer }>(
      'SELECT id, board_id, taken_at, reason, size, data FROM snapshots WHERE id = ?',
    ),
  };
  return {
    async insertOutcome(o: OutcomeRecord, files: OutcomeFile[]) {
      db.transaction(() => {
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
    },
    listBoardOutcomes: async (boardId) => st.boardOutcomes.all(boardId).map(toOutcome),
    listForumOutcomes: async (forumId) => st.forumOutcomes.all(forumId).map(toOutcome),
    async getOutcomeFile(boardId: string, version: number, format: string) {
      const row = st.getFile.get(boardId, version, format);
      return row ? bytes(row.data) : null;
    },
    async insertSnapshot(s: SnapshotRecord, data: Uint8Array) {
      st.insertSnapshot.run(s.id, s.boardId, s.takenAt, s.reason, s.size, data);
    },
    listSnapshots: async (boardId) => st.listSnapshots.all(boardId).map(toSnapshot),
    async getSnapshot(id: string) {
      const row = st.getSnapshot.get(id);
      return row ? { snapshot: toSnapshot(row), data: bytes(row.data) } : null;
    },
  };
}
