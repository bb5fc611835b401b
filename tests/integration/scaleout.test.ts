import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinResult } from '../../shared/api';
import { createBoardCommands } from '../../shared/board/commands';
import { readBoard } from '../../shared/board/read';
import { apiCall } from '../helpers/api';
import { addNote, boardJson, noteCount, noteTexts } from '../helpers/boardContent';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { dropSchema, PG_URL, postgresAvailable, testSchema } from '../helpers/postgres';
import { REDIS_URL, redisAvailable } from '../helpers/redis';
import { startTestServer, type TestServer } from '../helpers/server';

const ready = (await postgresAvailable()) && (await redisAvailable());
const schema = testSchema();
let one: TestServer;
let two: TestServer;

const env = {
  DATABASE_URL: PG_URL,
  DATABASE_SCHEMA: schema,
  REDIS_URL,
  TALKOOT_SECRET: 's'.repeat(48),
  TALKOOT_ADMIN_TOKEN: 'scaleout-admin-token-0123456789',
  COMPACT_EVERY: '20',
};

describe.skipIf(!ready)('two servers sharing rooms through PostgreSQL and Redis', () => {
  beforeAll(async () => {
    one = await startTestServer({ env });
    two = await startTestServer({ env });
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await dropSchema(schema);
  });

  it('relay edits and presence between clients on different servers, losing nothing through compaction', async () => {
    const board = await one.board();
    const a = connectProvider(one.syncUrl, board.id, board.tokens.participant);
    const b = connectProvider(two.syncUrl, board.id, board.tokens.participant);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    for (let i = 0; i < 60; i++) {
      addNote(a.doc, `a${i}`, i);
      addNote(b.doc, `b${i}`, 60 + i);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(
      () => noteCount(a.doc) === 120 && noteCount(b.doc) === 120,
      10_000,
      'cross-server convergence',
    );
    expect(boardJson(a.doc)).toBe(boardJson(b.doc));

    a.provider.awareness.setLocalStateField('user', { name: 'Aino on one' });
    await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Aino on one',
      5000,
      'presence across servers',
    );
    await destroyAll(a.provider, b.provider);

    // Both servers compacted while the other appended; a fresh reader still finds every note.
    await new Promise((r) => setTimeout(r, 300));
    const reader = connectProvider(two.syncUrl, board.id, board.tokens.viewer);
    await synced(reader.provider);
    expect(new Set(noteTexts(reader.doc)).size).toBe(120);
    expect(boardJson(reader.doc)).toBe(boardJson(a.doc));
    await destroyAll(reader.provider);
  });

  it('enforce a vote budget and a lock set on the other server', async () => {
    const board = await one.board();
    const f = connectProvider(one.syncUrl, board.id, board.tokens.facilitator);
    await synced(f.provider);
    const ids = ['x', 'y', 'z'].map((text, i) =>
      createBoardCommands(f.doc, {}).addNote({
        text,
        x: i * 200,
        y: 0,
        authorId: null,
        authorName: null,
        lang: 'en',
      }),
    );
    const command = (body: unknown) =>
      apiCall(one.url, 'POST', `/api/boards/${board.id}/commands`, board.tokens.facilitator, body);
    await command({
      type: 'configureVoting',
      budget: 2,
      allowMultiple: true,
      hidden: false,
      allowRemote: false,
    });
    await command({ type: 'setPhase', phase: 'vote' });
    const aino = (
      await apiCall<JoinResult>(
        one.url,
        'POST',
        `/api/boards/${board.id}/join`,
        board.tokens.participant,
        { name: 'Aino' },
      )
    ).body;
    const votes = await Promise.all(
      [one, two, one, two, one, two].map((server, i) =>
        apiCall(server.url, 'POST', `/api/boards/${board.id}/votes`, aino.token, {
          noteId: ids[i % 3],
          delta: 1,
        }),
      ),
    );
    expect(votes.filter((v) => v.status === 200).length).toBe(2);

    // A participant on server two adds a note while server one has the board in "vote": undone.
    const p = connectProvider(two.syncUrl, board.id, board.tokens.participant);
    await synced(p.provider);
    await waitFor(
      () => two.app.rooms.peek(board.id)?.controlState().phase === 'vote',
      5000,
      'phase reaches two',
    );
    createBoardCommands(p.doc, {}).addNote({
      text: 'sneaky',
      x: 900,
      y: 900,
      authorId: null,
      authorName: null,
      lang: 'en',
    });
    await waitFor(() => two.app.rooms.peek(board.id)!.revertedByRules === 1, 5000, 'revert on two');
    await waitFor(
      () => readBoard(f.doc).notes.length === 3 && readBoard(p.doc).notes.length === 3,
      5000,
      'both converge',
    );
    await destroyAll(f.provider, p.provider);
  });
});
