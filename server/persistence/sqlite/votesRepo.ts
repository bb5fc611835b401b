import type Database from 'better-sqlite3';
import type { PersonRecord, RemovedPerson, VoteOutcome, VoteRequest, VoteStore } from '../store';
import { toPerson, type PersonRow } from './rows';

export type VotesRepo = VoteStore;

/** People who joined a board with a name, and their dot votes. */
export function votesRepo(db: Database.Database): VotesRepo {
  const st = {
    savePerson: db.prepare(
      `INSERT INTO people (board_id, person_id, name, tags, lang, role, joined_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (board_id, person_id) DO UPDATE SET name = excluded.name,
         tags = excluded.tags, lang = excluded.lang`,
    ),
    listPeople: db.prepare<[string], PersonRow>(
      'SELECT * FROM people WHERE board_id = ? ORDER BY joined_at, person_id',
    ),
    votesOf: db.prepare<[string, string], { note_id: string; count: number }>(
      'SELECT note_id, count FROM votes WHERE board_id = ? AND person_id = ?',
    ),
    voteRow: db.prepare<[string, string, string], { count: number }>(
      'SELECT count FROM votes WHERE board_id = ? AND person_id = ? AND note_id = ?',
    ),
    upsertVote: db.prepare(
      `INSERT INTO votes (board_id, person_id, note_id, remote, count) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (board_id, person_id, note_id) DO UPDATE SET count = count + 1`,
    ),
    decVote: db.prepare(
      'UPDATE votes SET count = count - 1 WHERE board_id = ? AND person_id = ? AND note_id = ?',
    ),
    deleteVote: db.prepare(
      'DELETE FROM votes WHERE board_id = ? AND person_id = ? AND note_id = ?',
    ),
    tallies: db.prepare<[string], { note_id: string; remote: number; total: number }>(
      `SELECT note_id, remote, SUM(count) AS total FROM votes WHERE board_id = ?
       GROUP BY note_id, remote`,
    ),
    resetVotes: db.prepare('DELETE FROM votes WHERE board_id = ?'),
    isRemoved: db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM removed_people WHERE board_id = ? AND person_id = ?',
    ),
    markRemoved: db.prepare(
      `INSERT INTO removed_people (board_id, person_id, removed_at) VALUES (?, ?, ?)
       ON CONFLICT (board_id, person_id) DO NOTHING`,
    ),
    deleteVotesOf: db.prepare<[string, string], { count: number }>(
      'DELETE FROM votes WHERE board_id = ? AND person_id = ? RETURNING count',
    ),
    listRemoved: db.prepare<[string], { person_id: string; removed_at: string }>(
      'SELECT person_id, removed_at FROM removed_people WHERE board_id = ? ORDER BY removed_at, person_id',
    ),
  };
  const mine = (boardId: string, personId: string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const row of st.votesOf.all(boardId, personId)) out[row.note_id] = row.count;
    return out;
  };
  return {
    async savePerson(p: PersonRecord) {
      st.savePerson.run(
        p.boardId,
        p.personId,
        p.name,
        JSON.stringify(p.tags),
        p.lang,
        p.role,
        p.joinedAt,
      );
    },
    listPeople: async (boardId) => st.listPeople.all(boardId).map(toPerson),
    async removePerson(boardId, personId, removedAt) {
      // The same serialisation as votes: a vote is either before this (and deleted) or refused.
      return db.transaction(() => {
        st.markRemoved.run(boardId, personId, removedAt);
        const deleted = st.deleteVotesOf.all(boardId, personId);
        return { votes: deleted.reduce((sum, row) => sum + row.count, 0) };
      })();
    },
    isPersonRemoved: async (boardId, personId) => st.isRemoved.get(boardId, personId) !== undefined,
    listRemovedPeople: async (boardId): Promise<RemovedPerson[]> =>
      st.listRemoved
        .all(boardId)
        .map((row) => ({ personId: row.person_id, removedAt: row.removed_at })),
    async vote(r: VoteRequest): Promise<VoteOutcome> {
      // One synchronous transaction: concurrent requests are serialised by SQLite.
      return db.transaction((): VoteOutcome => {
        if (st.isRemoved.get(r.boardId, r.personId)) return { ok: false, reason: 'removed' };
        const current = st.voteRow.get(r.boardId, r.personId, r.noteId)?.count ?? 0;
        const used = st.votesOf.all(r.boardId, r.personId).reduce((sum, row) => sum + row.count, 0);
        if (r.delta === 1) {
          if (used >= r.budget) return { ok: false, reason: 'budget' };
          if (current >= 1 && !r.allowMultiple) return { ok: false, reason: 'multiple' };
          st.upsertVote.run(r.boardId, r.personId, r.noteId, r.remote ? 1 : 0);
        } else {
          if (current === 0) return { ok: false, reason: 'none' };
          if (current === 1) st.deleteVote.run(r.boardId, r.personId, r.noteId);
          else st.decVote.run(r.boardId, r.personId, r.noteId);
        }
        const now = mine(r.boardId, r.personId);
        return { ok: true, mine: now, used: Object.values(now).reduce((a, b) => a + b, 0) };
      })();
    },
    votesOf: async (boardId, personId) => mine(boardId, personId),
    async voteTallies(boardId: string) {
      const out = { room: {} as Record<string, number>, remote: {} as Record<string, number> };
      for (const row of st.tallies.all(boardId)) {
        out[row.remote ? 'remote' : 'room'][row.note_id] = row.total;
      }
      return out;
    },
    async resetVotes(boardId: string) {
      st.resetVotes.run(boardId);
    },
  };
}
