import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore } from '../../server/persistence/sqliteStore';
import { openPostgresStore } from '../../server/persistence/postgres/postgresStore';
import { dropSchema, PG_URL, postgresAvailable, testSchema } from '../helpers/postgres';
import type { BoardRecord, ForumRecord, Store } from '../../server/persistence/store';

const pgReady = await postgresAvailable();

/** Every persistence adapter must pass this suite. */
const adapters: Array<{ name: string; open: () => Promise<Store> }> = [
  {
    name: 'sqlite',
    open: async () =>
      openSqliteStore(
        path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-store-')), 'db.sqlite'),
      ),
  },
  ...(pgReady
    ? [
        {
          name: 'postgres',
          open: async () => {
            const schema = testSchema();
            const store = await openPostgresStore({ connectionString: PG_URL, schema, max: 4 });
            // Closing drops the test's schema, so runs leave nothing behind.
            return { ...store, close: async () => (await store.close(), dropSchema(schema)) };
          },
        },
      ]
    : []),
];

const now = () => new Date().toISOString();

const forum = (id: string, title = 'Forum'): ForumRecord => ({
  id,
  title,
  createdAt: now(),
  date: null,
  description: '',
  languages: ['fi', 'sv', 'en'],
  entranceGen: 1,
});

const board = (id: string, forumId: string, title = 'Board', position = 0): BoardRecord => ({
  id,
  forumId,
  title,
  createdAt: now(),
  linkGen: 1,
  position,
  archived: false,
  template: 'empty',
});

for (const adapter of adapters) {
  describe(`the ${adapter.name} store`, () => {
    it('stores forums and boards and finds them again', async () => {
      const store = await adapter.open();
      await store.createForum(forum('f1', 'Forum'));
      await store.createBoard(board('b1', 'f1', 'Board 1'));
      await store.createBoard(board('b2', 'f1', 'Board 2'));
      expect(await store.getForum('f1')).toMatchObject({ id: 'f1', title: 'Forum' });
      expect(await store.getForum('nope')).toBeNull();
      expect(await store.getBoard('b2')).toMatchObject({ id: 'b2', forumId: 'f1', linkGen: 1 });
      expect((await store.listBoards('f1')).map((b) => b.id)).toEqual(['b1', 'b2']);
      expect((await store.listForums()).map((f) => f.id)).toEqual(['f1']);
      await expect(store.createBoard(board('b3', 'missing', 'x'))).rejects.toThrow();
      await store.close();
    });

    it('appends updates in order and compacts them atomically without losing any', async () => {
      const store = await adapter.open();
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < 10; i++) doc.getArray('a').push([i]);
      let seq = 0;
      for (const u of updates) seq = await store.appendUpdates('doc', [u]);
      expect(seq).toBeGreaterThan(0);
      const loaded = await store.loadDoc('doc');
      expect(loaded.updates.length).toBe(10);
      expect(loaded.lastSeq).toBe(seq);
      const rebuilt = new Y.Doc();
      for (const u of loaded.updates) Y.applyUpdate(rebuilt, u);
      expect(rebuilt.getArray('a').toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

      // An append after the snapshot was taken survives compaction.
      const merged = Y.encodeStateAsUpdate(doc);
      doc.getArray('a').push([10]);
      await store.appendUpdates('doc', [updates.at(-1)!]);
      await store.compact('doc', merged, seq);
      const after = await store.loadDoc('doc');
      expect(after.updates.length).toBe(2);
      const again = new Y.Doc();
      for (const u of after.updates) Y.applyUpdate(again, u);
      expect(again.getArray('a').length).toBe(11);
      expect((await store.loadDoc('other')).updates).toEqual([]);
      await store.close();
    });

    it('edits forums and boards, orders tables, rotates links and places people at tables', async () => {
      const store = await adapter.open();
      await store.createForum(forum('f', 'Forum'));
      await store.createBoard(board('b1', 'f', 'One', 1));
      await store.createBoard(board('b2', 'f', 'Two', 0));
      expect((await store.listBoards('f')).map((b) => b.id)).toEqual(['b2', 'b1']);
      expect(
        await store.updateForum('f', {
          title: 'Forum 2026',
          date: '2026-11-27',
          languages: ['fi'],
        }),
      ).toMatchObject({
        title: 'Forum 2026',
        date: '2026-11-27',
        languages: ['fi'],
        description: '',
      });
      expect(await store.updateForum('nope', { title: 'x' })).toBeNull();
      expect(await store.updateBoard('b1', { position: -1, archived: true })).toMatchObject({
        position: -1,
        archived: true,
        title: 'One',
      });
      expect((await store.listBoards('f')).map((b) => b.id)).toEqual(['b1', 'b2']);
      expect((await store.rotateBoardLinks('b1'))?.linkGen).toBe(2);
      expect((await store.rotateEntrance('f'))?.entranceGen).toBe(2);
      const person = {
        forumId: 'f',
        personId: 'p',
        name: 'Aino',
        tags: ['data'],
        lang: 'fi',
        boardId: 'b1',
        joinedAt: now(),
      };
      await store.saveForumPerson(person);
      await store.saveForumPerson({ ...person, boardId: 'b2' });
      expect(await store.getForumPerson('f', 'p')).toEqual({ ...person, boardId: 'b2' });
      expect(await store.listForumPeople('f')).toHaveLength(1);
      await store.close();
    });

    it('keeps people, votes within the budget atomically, and lists documents by prefix', async () => {
      const store = await adapter.open();
      const person = {
        boardId: 'b',
        personId: 'p1',
        name: 'Aino',
        tags: ['data'],
        lang: 'fi',
        role: 'participant',
        joinedAt: now(),
      };
      await store.savePerson(person);
      await store.savePerson({ ...person, name: 'Aino K', tags: ['data', 'ai'] });
      expect(await store.listPeople('b')).toEqual([
        { ...person, name: 'Aino K', tags: ['data', 'ai'] },
      ]);

      const req = {
        boardId: 'b',
        personId: 'p1',
        noteId: 'n1',
        delta: 1 as const,
        remote: false,
        budget: 2,
        allowMultiple: false,
      };
      expect(await store.vote(req)).toEqual({ ok: true, mine: { n1: 1 }, used: 1 });
      expect(await store.vote(req)).toEqual({ ok: false, reason: 'multiple' });
      expect(await store.vote({ ...req, noteId: 'n2' })).toMatchObject({ ok: true, used: 2 });
      expect(await store.vote({ ...req, noteId: 'n3' })).toEqual({ ok: false, reason: 'budget' });
      expect(
        await store.vote({ ...req, personId: 'p2', noteId: 'n1', remote: true }),
      ).toMatchObject({ ok: true });
      expect(await store.voteTallies('b')).toEqual({ room: { n1: 1, n2: 1 }, remote: { n1: 1 } });
      expect(await store.vote({ ...req, delta: -1 })).toEqual({
        ok: true,
        mine: { n2: 1 },
        used: 1,
      });
      expect(await store.vote({ ...req, delta: -1 })).toEqual({ ok: false, reason: 'none' });
      expect(await store.votesOf('b', 'p1')).toEqual({ n2: 1 });
      const parallel = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          store.vote({ ...req, personId: 'p3', noteId: `m${i}`, budget: 3 }),
        ),
      );
      expect(parallel.filter((r) => r.ok).length).toBe(3);
      await store.resetVotes('b');
      expect(await store.voteTallies('b')).toEqual({ room: {}, remote: {} });

      await store.appendUpdates('b/private/p1', [new Uint8Array([0, 0])]);
      await store.appendUpdates('b/private/p2', [new Uint8Array([0, 0])]);
      await store.appendUpdates('bb/private/p9', [new Uint8Array([0, 0])]);
      expect(await store.listDocNames('b/private/')).toEqual(['b/private/p1', 'b/private/p2']);
      await store.close();
    });

    it('removes a person for good: their dots deleted atomically, later votes refused, idempotent', async () => {
      const store = await adapter.open();
      const req = {
        boardId: 'b',
        personId: 'p1',
        noteId: 'n1',
        delta: 1 as const,
        remote: false,
        budget: 5,
        allowMultiple: true,
      };
      for (const noteId of ['n1', 'n1', 'n2']) {
        expect(await store.vote({ ...req, noteId })).toMatchObject({ ok: true });
      }
      expect(await store.vote({ ...req, personId: 'p2' })).toMatchObject({ ok: true });
      expect(await store.vote({ ...req, boardId: 'other' })).toMatchObject({ ok: true });
      expect(await store.isPersonRemoved('b', 'p1')).toBe(false);

      expect(await store.removePerson('b', 'p1', '2026-05-01T10:00:00.000Z')).toEqual({ votes: 3 });
      expect(await store.isPersonRemoved('b', 'p1')).toBe(true);
      // Only that board: the same person id elsewhere is someone else's business.
      expect(await store.isPersonRemoved('other', 'p1')).toBe(false);
      expect(await store.voteTallies('b')).toEqual({ room: { n1: 1 }, remote: {} });
      expect(await store.votesOf('other', 'p1')).toEqual({ n1: 1 });
      expect(await store.vote(req)).toEqual({ ok: false, reason: 'removed' });
      expect(await store.vote({ ...req, delta: -1 })).toEqual({ ok: false, reason: 'removed' });

      // Again: nothing more to delete, the first time is kept.
      expect(await store.removePerson('b', 'p1', '2026-05-01T11:00:00.000Z')).toEqual({ votes: 0 });
      await store.removePerson('b', 'p0', '2026-05-01T12:00:00.000Z');
      expect(await store.listRemovedPeople('b')).toEqual([
        { personId: 'p1', removedAt: '2026-05-01T10:00:00.000Z' },
        { personId: 'p0', removedAt: '2026-05-01T12:00:00.000Z' },
      ]);

      // Votes racing a removal: each lands before it (and is deleted) or is refused.
      const racing = await Promise.all([
        ...Array.from({ length: 4 }, (_, i) =>
          store.vote({ ...req, personId: 'p3', noteId: `r${i}` }),
        ),
        store.removePerson('b', 'p3', '2026-05-01T13:00:00.000Z'),
        ...Array.from({ length: 4 }, (_, i) =>
          store.vote({ ...req, personId: 'p3', noteId: `s${i}` }),
        ),
      ]);
      expect(racing.length).toBe(9);
      expect(await store.votesOf('b', 'p3')).toEqual({});
      await store.close();
    });

    it('stores published outcome versions immutably and lists them newest first', async () => {
      const store = await adapter.open();
      await store.createForum(forum('f', 'Forum'));
      for (const id of ['b1', 'b2']) {
        await store.createBoard(board(id, 'f', id));
      }
      const outcome = (boardId: string, version: number, publishedAt: string) => ({
        boardId,
        forumId: 'f',
        version,
        publishedAt,
        hash: 'h'.repeat(64),
        language: 'fi',
        boardTitle: `Board ${boardId}`,
      });
      const bytes = new Uint8Array([0, 1, 2, 255, 254]);
      await store.insertOutcome(outcome('b1', 1, '2026-01-01T10:00:00.000Z'), [
        { format: 'json', data: bytes },
        { format: 'html-fi', data: new Uint8Array([60, 104]) },
      ]);
      await store.insertOutcome(outcome('b2', 1, '2026-01-01T11:00:00.000Z'), []);
      await store.insertOutcome(outcome('b1', 2, '2026-01-01T12:00:00.000Z'), []);
      // A version is never overwritten, and a failed insert stores none of its files.
      await expect(
        store.insertOutcome(outcome('b1', 2, '2026-01-02T00:00:00.000Z'), [
          { format: 'csv', data: bytes },
        ]),
      ).rejects.toThrow();
      expect(await store.getOutcomeFile('b1', 2, 'csv')).toBeNull();

      expect((await store.listBoardOutcomes('b1')).map((o) => o.version)).toEqual([2, 1]);
      expect(await store.listBoardOutcomes('b1')).toContainEqual(
        outcome('b1', 1, '2026-01-01T10:00:00.000Z'),
      );
      expect((await store.listForumOutcomes('f')).map((o) => [o.boardId, o.version])).toEqual([
        ['b1', 2],
        ['b2', 1],
        ['b1', 1],
      ]);
      expect(Array.from((await store.getOutcomeFile('b1', 1, 'json'))!)).toEqual(Array.from(bytes));
      expect(await store.getOutcomeFile('b1', 1, 'md')).toBeNull();
      expect(await store.listForumOutcomes('nope')).toEqual([]);
      await store.close();
    });

    it('keeps every snapshot of a board with its bytes, newest first', async () => {
      const store = await adapter.open();
      await store.createForum(forum('f', 'Forum'));
      await store.createBoard(board('b', 'f', 'b'));
      const takenAt = now();
      const snap = (id: string, reason: string, size: number) => ({
        id,
        boardId: 'b',
        takenAt,
        reason,
        size,
      });
      await store.insertSnapshot(snap('s1', 'interval', 3), new Uint8Array([1, 2, 3]));
      await store.insertSnapshot(snap('s2', 'before restore', 1), new Uint8Array([9]));
      await expect(
        store.insertSnapshot(snap('s1', 'again', 1), new Uint8Array([0])),
      ).rejects.toThrow();
      expect(await store.listSnapshots('b')).toEqual([
        snap('s2', 'before restore', 1),
        snap('s1', 'interval', 3),
      ]);
      const got = await store.getSnapshot('s1');
      expect(got?.snapshot).toEqual(snap('s1', 'interval', 3));
      expect(Array.from(got!.data)).toEqual([1, 2, 3]);
      expect(await store.getSnapshot('nope')).toBeNull();
      expect(await store.listSnapshots('other')).toEqual([]);
      await store.close();
    });
  });
}
