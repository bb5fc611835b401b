import type Database from 'better-sqlite3';
import type {
  BoardPatch,
  BoardRecord,
  ForumPatch,
  ForumPersonRecord,
  ForumRecord,
  ForumStore,
} from '../store';
import {
  toBoard,
  toForum,
  toForumPerson,
  type BoardRow,
  type ForumPersonRow,
  type ForumRow,
} from './rows';

export type ForumsRepo = ForumStore;

/** Forums, their boards and the people placed at tables through the forum entrance. */
export function forumsRepo(db: Database.Database): ForumsRepo {
  const st = {
    insertForum: db.prepare(
      `INSERT INTO forums (id, title, created_at, date, description, languages, entrance_gen)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    getForum: db.prepare<[string], ForumRow>('SELECT * FROM forums WHERE id = ?'),
    listForums: db.prepare<[], ForumRow>('SELECT * FROM forums ORDER BY created_at, id'),
    updateForum: db.prepare(
      'UPDATE forums SET title = ?, date = ?, description = ?, languages = ? WHERE id = ?',
    ),
    rotateEntrance: db.prepare('UPDATE forums SET entrance_gen = entrance_gen + 1 WHERE id = ?'),
    insertBoard: db.prepare(
      `INSERT INTO boards (id, forum_id, title, created_at, link_gen, position, archived, template)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getBoard: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
    listBoards: db.prepare<[string], BoardRow>(
      'SELECT * FROM boards WHERE forum_id = ? ORDER BY position, created_at, id',
    ),
    updateBoard: db.prepare('UPDATE boards SET title = ?, position = ?, archived = ? WHERE id = ?'),
    rotateLinks: db.prepare('UPDATE boards SET link_gen = link_gen + 1 WHERE id = ?'),
    saveForumPerson: db.prepare(
      `INSERT INTO forum_people (forum_id, person_id, name, tags, lang, board_id, joined_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (forum_id, person_id) DO UPDATE SET name = excluded.name,
         tags = excluded.tags, lang = excluded.lang, board_id = excluded.board_id`,
    ),
    getForumPerson: db.prepare<[string, string], ForumPersonRow>(
      'SELECT * FROM forum_people WHERE forum_id = ? AND person_id = ?',
    ),
    listForumPeople: db.prepare<[string], ForumPersonRow>(
      'SELECT * FROM forum_people WHERE forum_id = ? ORDER BY joined_at, person_id',
    ),
  };
  const getForum = (id: string) => {
    const row = st.getForum.get(id);
    return row ? toForum(row) : null;
  };
  const getBoard = (id: string) => {
    const row = st.getBoard.get(id);
    return row ? toBoard(row) : null;
  };
  return {
    async createForum(f: ForumRecord) {
      st.insertForum.run(
        f.id,
        f.title,
        f.createdAt,
        f.date,
        f.description,
        JSON.stringify(f.languages),
        f.entranceGen,
      );
    },
    getForum: async (id) => getForum(id),
    listForums: async () => st.listForums.all().map(toForum),
    async updateForum(id: string, patch: ForumPatch) {
      const current = getForum(id);
      if (!current) return null;
      const next = { ...current, ...patch };
      st.updateForum.run(
        next.title,
        next.date,
        next.description,
        JSON.stringify(next.languages),
        id,
      );
      return getForum(id);
    },
    async rotateEntrance(id: string) {
      st.rotateEntrance.run(id);
      return getForum(id);
    },
    async createBoard(b: BoardRecord) {
      st.insertBoard.run(
        b.id,
        b.forumId,
        b.title,
        b.createdAt,
        b.linkGen,
        b.position,
        b.archived ? 1 : 0,
        b.template,
      );
    },
    getBoard: async (id) => getBoard(id),
    listBoards: async (forumId) => st.listBoards.all(forumId).map(toBoard),
    async updateBoard(id: string, patch: BoardPatch) {
      const current = getBoard(id);
      if (!current) return null;
      const next = { ...current, ...patch };
      st.updateBoard.run(next.title, next.position, next.archived ? 1 : 0, id);
      return getBoard(id);
    },
    async rotateBoardLinks(id: string) {
      st.rotateLinks.run(id);
      return getBoard(id);
    },
    async saveForumPerson(p: ForumPersonRecord) {
      st.saveForumPerson.run(
        p.forumId,
        p.personId,
        p.name,
        JSON.stringify(p.tags),
        p.lang,
        p.boardId,
        p.joinedAt,
      );
    },
    async getForumPerson(forumId: string, personId: string) {
      const row = st.getForumPerson.get(forumId, personId);
      return row ? toForumPerson(row) : null;
    },
    listForumPeople: async (forumId) => st.listForumPeople.all(forumId).map(toForumPerson),
  };
}
