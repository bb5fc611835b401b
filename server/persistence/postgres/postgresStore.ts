import pg from 'pg';
import type {
  BoardPatch,
  BoardRecord,
  ForumPatch,
  ForumPersonRecord,
  ForumRecord,
  OutcomeRecord,
  PersonRecord,
  RemovedPerson,
  SnapshotRecord,
  Store,
  VoteOutcome,
} from '../store';
import { migratePostgres } from './schema';

type Row = Record<string, unknown>;

const str = (v: unknown) => String(v);
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const toBytes = (v: unknown): Uint8Array => {
  const b = v as Buffer;
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
};

const toForum = (r: Row): ForumRecord => ({
  id: str(r.id),
  title: str(r.title),
  createdAt: str(r.created_at),
  date: r.date === null ? null : str(r.date),
  description: str(r.description),
  languages: list(r.languages),
  entranceGen: Number(r.entrance_gen),
});
const toBoard = (r: Row): BoardRecord => ({
  id: str(r.id),
  forumId: str(r.forum_id),
  title: str(r.title),
  createdAt: str(r.created_at),
  linkGen: Number(r.link_gen),
  position: Number(r.position),
  archived: r.archived === true,
  template: str(r.template),
});
const toPerson = (r: Row): PersonRecord => ({
  boardId: str(r.board_id),
  personId: str(r.person_id),
  name: str(r.name),
  tags: list(r.tags),
  lang: str(r.lang),
  role: str(r.role),
  joinedAt: str(r.joined_at),
});
const toForumPerson = (r: Row): ForumPersonRecord => ({
  forumId: str(r.forum_id),
  personId: str(r.person_id),
  name: str(r.name),
  tags: list(r.tags),
  lang: str(r.lang),
  boardId: str(r.board_id),
  joinedAt: str(r.joined_at),
});
const toOutcome = (r: Row): OutcomeRecord => ({
  boardId: str(r.board_id),
  forumId: str(r.forum_id),
  version: Number(r.version),
  publishedAt: str(r.published_at),
  hash: str(r.hash),
  language: str(r.language),
  boardTitle: str(r.board_title),
});
const toSnapshot = (r: Row): SnapshotRecord => ({
  id: str(r.id),
  boardId: str(r.board_id),
  takenAt: str(r.taken_at),
  reason: str(r.reason),
  size: Number(r.size),
});

const OUTCOME_COLS = 'board_id, version, forum_id, published_at, hash, language, board_title';

export interface PostgresOptions {
  connectionString: string;
  /** A schema to live in (created if missing); tests give each run its own. */
  schema?: string;
  max?: number;
}

/**
 * PostgreSQL persistence for running several servers on one database. Every write is committed
 * before its promise resolves, so "persist before relay" holds as with SQLite.
 */
export async function openPostgresStore(options: PostgresOptions): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error('PostgreSQL schema names are lower-case letters, digits and _');
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', () => undefined); // an idle client dropped; the next query reconnects
  const client = await pool.connect();
  try {
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await migratePostgres(client);
  } finally {
    client.release();
  }
  const q = (text: string, values: unknown[] = []) => pool.query(text, values);
  const one = async <T>(text: string, values: unknown[], map: (r: Row) => T): Promise<T | null> => {
    const { rows } = await q(text, values);
    return rows[0] ? map(rows[0] as Row) : null;
  };
  const many = async <T>(text: string, values: unknown[], map: (r: Row) => T): Promise<T[]> =>
    (await q(text, values)).rows.map((r) => map(r as Row));
  /** Runs `fn` in one transaction on one client. */
  const tx = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const result = await fn(c);
      await c.query('COMMIT');
      return result;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  };
  const getForum = (id: string) => one('SELECT * FROM forums WHERE id = $1', [id], toForum);
  const getBoard = (id: string) => one('SELECT * FROM boards WHERE id = $1', [id], toBoard);
  const mine = async (c: pg.PoolClient | pg.Pool, boardId: string, personId: string) => {
    const out: Record<string, number> = {};
    const { rows } = await c.query(
      'SELECT note_id, count FROM votes WHERE board_id = $1 AND person_id = $2',
      [boardId, personId],
    );
    for (const r of rows as Row[]) out[str(r.note_id)] = Number(r.count);
    return out;
  };

  return {
    kind: 'postgres',
    async createForum(f) {
      await q(
        `INSERT INTO forums (id, title, created_at, date, description, languages, entrance_gen)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          f.id,
          f.title,
          f.createdAt,
          f.date,
          f.description,
          JSON.stringify(f.languages),
          f.entranceGen,
        ],
      );
    },
    getForum,
    listForums: () => many('SELECT * FROM forums ORDER BY created_at, id', [], toForum),
    async updateForum(id: string, patch: ForumPatch) {
      const current = await getForum(id);
      if (!current) return null;
      const n = { ...current, ...patch };
      await q(
        'UPDATE forums SET title = $1, date = $2, description = $3, languages = $4 WHERE id = $5',
        [n.title, n.date, n.description, JSON.stringify(n.languages), id],
      );
      return getForum(id);
    },
    async rotateEntrance(id) {
      await q('UPDATE forums SET entrance_gen = entrance_gen + 1 WHERE id = $1', [id]);
      return getForum(id);
    },
    async createBoard(b) {
      await q(
        `INSERT INTO boards (id, forum_id, title, created_at, link_gen, position, archived, template)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [b.id, b.forumId, b.title, b.createdAt, b.linkGen, b.position, b.archived, b.template],
      );
    },
    getBoard,
    listBoards: (forumId) =>
      many(
        'SELECT * FROM boards WHERE forum_id = $1 ORDER BY position, created_at, id',
        [forumId],
        toBoard,
      ),
    async updateBoard(id: string, patch: BoardPatch) {
      const current = await getBoard(id);
      if (!current) return null;
      const n = { ...current, ...patch };
      await q('UPDATE boards SET title = $1, position = $2, archived = $3 WHERE id = $4', [
        n.title,
        n.position,
        n.archived,
        id,
      ]);
      return getBoard(id);
    },
    async rotateBoardLinks(id) {
      await q('UPDATE boards SET link_gen = link_gen + 1 WHERE id = $1', [id]);
      return getBoard(id);
    },
    async saveForumPerson(p) {
      await q(
        `INSERT INTO forum_people (forum_id, person_id, name, tags, lang, board_id, joined_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (forum_id, person_id) DO UPDATE SET name = excluded.name,
           tags = excluded.tags, lang = excluded.lang, board_id = excluded.board_id`,
        [p.forumId, p.personId, p.name, JSON.stringify(p.tags), p.lang, p.boardId, p.joinedAt],
      );
    },
    getForumPerson: (forumId, personId) =>
      one(
        'SELECT * FROM forum_people WHERE forum_id = $1 AND person_id = $2',
        [forumId, personId],
        toForumPerson,
      ),
    listForumPeople: (forumId) =>
      many(
        'SELECT * FROM forum_people WHERE forum_id = $1 ORDER BY joined_at, person_id',
        [forumId],
        toForumPerson,
      ),
    async savePerson(p) {
      await q(
        `INSERT INTO people (board_id, person_id, name, tags, lang, role, joined_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (board_id, person_id) DO UPDATE SET name = excluded.name,
           tags = excluded.tags, lang = excluded.lang`,
        [p.boardId, p.personId, p.name, JSON.stringify(p.tags), p.lang, p.role, p.joinedAt],
      );
    },
    listPeople: (boardId) =>
      many(
        'SELECT * FROM people WHERE board_id = $1 ORDER BY joined_at, person_id',
        [boardId],
        toPerson,
      ),
    removePerson: (boardId, personId, removedAt) =>
      tx(async (c) => {
        // The lock every vote of this person takes: a vote is either before this or refused.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${boardId}/${personId}`]);
        await c.query(
          `INSERT INTO removed_people (board_id, person_id, removed_at) VALUES ($1, $2, $3)
           ON CONFLICT (board_id, person_id) DO NOTHING`,
          [boardId, personId, removedAt],
        );
        const { rows } = await c.query(
          'DELETE FROM votes WHERE board_id = $1 AND person_id = $2 RETURNING count',
          [boardId, personId],
        );
        return { votes: (rows as Row[]).reduce((sum, r) => sum + Number(r.count), 0) };
      }),
    async isPersonRemoved(boardId, personId) {
      const { rowCount } = await q(
        'SELECT 1 FROM removed_people WHERE board_id = $1 AND person_id = $2',
        [boardId, personId],
      );
      return (rowCount ?? 0) > 0;
    },
    listRemovedPeople: (boardId) =>
      many(
        'SELECT person_id, removed_at FROM removed_people WHERE board_id = $1 ORDER BY removed_at, person_id',
        [boardId],
        (r): RemovedPerson => ({ personId: str(r.person_id), removedAt: str(r.removed_at) }),
      ),
    vote: (r) =>
      tx(async (c): Promise<VoteOutcome> => {
        // One person's votes are serialised by an advisory lock, whichever server takes them.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${r.boardId}/${r.personId}`]);
        const removed = await c.query(
          'SELECT 1 FROM removed_people WHERE board_id = $1 AND person_id = $2',
          [r.boardId, r.personId],
        );
        if ((removed.rowCount ?? 0) > 0) return { ok: false, reason: 'removed' };
        const before = await mine(c, r.boardId, r.personId);
        const current = before[r.noteId] ?? 0;
        const used = Object.values(before).reduce((a, b) => a + b, 0);
        if (r.delta === 1) {
          if (used >= r.budget) return { ok: false, reason: 'budget' };
          if (current >= 1 && !r.allowMultiple) return { ok: false, reason: 'multiple' };
          await c.query(
            `INSERT INTO votes (board_id, person_id, note_id, remote, count) VALUES ($1, $2, $3, $4, 1)
             ON CONFLICT (board_id, person_id, note_id) DO UPDATE SET count = votes.count + 1`,
            [r.boardId, r.personId, r.noteId, r.remote],
          );
        } else {
          if (current === 0) return { ok: false, reason: 'none' };
          await c.query(
            current === 1
              ? 'DELETE FROM votes WHERE board_id = $1 AND person_id = $2 AND note_id = $3'
              : 'UPDATE votes SET count = count - 1 WHERE board_id = $1 AND person_id = $2 AND note_id = $3',
            [r.boardId, r.personId, r.noteId],
          );
        }
        const after = await mine(c, r.boardId, r.personId);
        return { ok: true, mine: after, used: Object.values(after).reduce((a, b) => a + b, 0) };
      }),
    votesOf: (boardId, personId) => mine(pool, boardId, personId),
    async voteTallies(boardId) {
      const out = { room: {} as Record<string, number>, remote: {} as Record<string, number> };
      const { rows } = await q(
        'SELECT note_id, remote, SUM(count) AS total FROM votes WHERE board_id = $1 GROUP BY note_id, remote',
        [boardId],
      );
      for (const r of rows as Row[])
        out[r.remote ? 'remote' : 'room'][str(r.note_id)] = Number(r.total);
      return out;
    },
    async resetVotes(boardId) {
      await q('DELETE FROM votes WHERE board_id = $1', [boardId]);
    },
    async listDocNames(prefix) {
      const { rows } = await q(
        'SELECT DISTINCT doc FROM doc_updates WHERE starts_with(doc, $1) ORDER BY doc',
        [prefix],
      );
      return (rows as Row[]).map((r) => str(r.doc));
    },
    async loadDoc(docName) {
      const { rows } = await q('SELECT seq, data FROM doc_updates WHERE doc = $1 ORDER BY seq', [
        docName,
      ]);
      let total = 0;
      const updates = (rows as Row[]).map((r) => {
        const b = toBytes(r.data);
        total += b.byteLength;
        return b;
      });
      const last = rows.at(-1) as Row | undefined;
      return { updates, lastSeq: last ? Number(last.seq) : 0, bytes: total };
    },
    appendUpdates: (docName, updates) =>
      tx(async (c) => {
        let last = 0;
        for (const u of updates) {
          const { rows } = await c.query(
            'INSERT INTO doc_updates (doc, data) VALUES ($1, $2) RETURNING seq',
            [docName, Buffer.from(u)],
          );
          last = Number((rows[0] as Row).seq);
        }
        return last;
      }),
    compact: (docName, merged, uptoSeq) =>
      tx(async (c) => {
        await c.query('DELETE FROM doc_updates WHERE doc = $1 AND seq <= $2', [docName, uptoSeq]);
        await c.query('INSERT INTO doc_updates (doc, data) VALUES ($1, $2)', [
          docName,
          Buffer.from(merged),
        ]);
      }),
    insertOutcome: (o, files) =>
      tx(async (c) => {
        await c.query(
          `INSERT INTO outcomes (${OUTCOME_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [o.boardId, o.version, o.forumId, o.publishedAt, o.hash, o.language, o.boardTitle],
        );
        for (const f of files) {
          await c.query(
            'INSERT INTO outcome_files (board_id, version, format, data) VALUES ($1, $2, $3, $4)',
            [o.boardId, o.version, f.format, Buffer.from(f.data)],
          );
        }
      }),
    listBoardOutcomes: (boardId) =>
      many(
        `SELECT ${OUTCOME_COLS} FROM outcomes WHERE board_id = $1 ORDER BY version DESC`,
        [boardId],
        toOutcome,
      ),
    listForumOutcomes: (forumId) =>
      many(
        `SELECT ${OUTCOME_COLS} FROM outcomes WHERE forum_id = $1 ORDER BY published_at DESC, board_id, version DESC`,
        [forumId],
        toOutcome,
      ),
    getOutcomeFile: (boardId, version, format) =>
      one(
        'SELECT data FROM outcome_files WHERE board_id = $1 AND version = $2 AND format = $3',
        [boardId, version, format],
        (r) => toBytes(r.data),
      ),
    async insertSnapshot(s, data) {
      await q(
        'INSERT INTO snapshots (id, board_id, taken_at, reason, size, data) VALUES ($1, $2, $3, $4, $5, $6)',
        [s.id, s.boardId, s.takenAt, s.reason, s.size, Buffer.from(data)],
      );
    },
    listSnapshots: (boardId) =>
      many(
        'SELECT id, board_id, taken_at, reason, size FROM snapshots WHERE board_id = $1 ORDER BY seq DESC',
        [boardId],
        toSnapshot,
      ),
    getSnapshot: (id) =>
      one(
        'SELECT id, board_id, taken_at, reason, size, data FROM snapshots WHERE id = $1',
        [id],
        (r) => ({
          snapshot: toSnapshot(r),
          data: toBytes(r.data),
        }),
      ),
    async close() {
      await pool.end();
    },
  };
}
