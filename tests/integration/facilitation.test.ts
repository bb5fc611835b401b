import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { JoinResult, VotesView } from '../../shared/api';
import { createBoardCommands } from '../../shared/board/commands';
import { readBoard } from '../../shared/board/read';
import { controlRoomName, readControl, readLog } from '../../shared/control/controlDoc';
import { apiCall } from '../helpers/api';
import { connectProvider, destroyAll, rawClient, synced, waitFor } from '../helpers/clients';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const me = { me: true };

const command = (board: CreatedBoard, token: string | null, body: unknown) =>
  apiCall(server.url, 'POST', `/api/boards/${board.id}/commands`, token, body);

const join = async (board: CreatedBoard, token: string, name: string) => {
  const r = await apiCall<JoinResult>(server.url, 'POST', `/api/boards/${board.id}/join`, token, {
    name,
    tags: ['mobility'],
    lang: 'fi',
  });
  expect(r.status).toBe(201);
  return r.body;
};

const vote = (board: CreatedBoard, token: string, noteId: string, delta: 1 | -1 = 1) =>
  apiCall<VotesView>(server.url, 'POST', `/api/boards/${board.id}/votes`, token, { noteId, delta });

const ALL_COMMANDS = [
  { type: 'freeze' },
  { type: 'unfreeze' },
  { type: 'setPhase', phase: 'vote' },
  { type: 'lockBoard', locked: true },
  { type: 'lockCluster', clusterId: 'c1', locked: true },
  { type: 'startTimer', durationMs: 60_000 },
  { type: 'pauseTimer' },
  { type: 'resumeTimer' },
  { type: 'extendTimer', ms: 60_000 },
  { type: 'stopTimer' },
  { type: 'configureVoting', budget: 20, allowMultiple: true, hidden: false, allowRemote: true },
  { type: 'revealVotes' },
  { type: 'resetVotes' },
  { type: 'spotlight', target: { kind: 'note', id: 'n1' } },
  { type: 'follow', active: true, viewport: { x: 0, y: 0, scale: 1 } },
  { type: 'viewport', viewport: { x: 1, y: 1, scale: 2 } },
];

/** A board with three notes written by the facilitator, open for voting. */
async function votingBoard(config: {
  budget: number;
  allowMultiple: boolean;
  hidden: boolean;
  allowRemote?: boolean;
}) {
  const board = await server.board();
  const f = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
  await synced(f.provider);
  const cmds = createBoardCommands(f.doc, me);
  const ids = ['one', 'two', 'three'].map((text, i) =>
    cmds.addNote({ text, x: i * 200, y: 0, authorId: null, authorName: null, lang: 'en' }),
  );
  await waitFor(() =>
    server.app.rooms.peek(board.id)
      ? readBoard(server.app.rooms.peek(board.id)!.board.doc).notes.length === 3
      : false,
  );
  expect(
    (
      await command(board, board.tokens.facilitator, {
        type: 'configureVoting',
        allowRemote: false,
        ...config,
      })
    ).status,
  ).toBe(200);
  expect(
    (await command(board, board.tokens.facilitator, { type: 'setPhase', phase: 'vote' })).status,
  ).toBe(200);
  return { board, ids, facilitatorClient: f };
}

describe('facilitator commands', () => {
  it('are refused for participants (403), viewers (403) and without a token (401), changing nothing', async () => {
    const board = await server.board();
    const participant = await join(board, board.tokens.participant, 'Aino');
    const control = connectProvider(server.syncUrl, controlRoomName(board.id), board.tokens.viewer);
    await synced(control.provider);
    const before = Y.encodeStateAsUpdate(control.doc);
    for (const body of ALL_COMMANDS) {
      for (const token of [board.tokens.participant, participant.token, board.tokens.viewer]) {
        expect({ body, status: (await command(board, token, body)).status }).toEqual({
          body,
          status: 403,
        });
      }
      expect((await command(board, null, body)).status).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(Buffer.from(Y.encodeStateAsUpdate(control.doc))).toEqual(Buffer.from(before));
    await destroyAll(control.provider);
  });

  it('change the control state every device reads, and are logged with who did it', async () => {
    const board = await server.board();
    const facilitator = await join(board, board.tokens.facilitator, 'Fanni');
    const control = connectProvider(
      server.syncUrl,
      controlRoomName(board.id),
      board.tokens.participant,
    );
    await synced(control.provider);
    for (const body of [
      { type: 'setPhase', phase: 'cluster' },
      { type: 'lockCluster', clusterId: 'c1', locked: true },
      { type: 'startTimer', durationMs: 300_000 },
      { type: 'spotlight', target: { kind: 'cluster', id: 'c1' } },
    ]) {
      expect((await command(board, facilitator.token, body)).status).toBe(200);
    }
    await waitFor(() => readControl(control.doc).spotlight !== null);
    const state = readControl(control.doc);
    expect(state.phase).toBe('cluster');
    expect(state.lockedClusters).toEqual(['c1']);
    expect(state.timer.status).toBe('running');
    expect(state.spotlight).toEqual({ kind: 'cluster', id: 'c1' });
    const log = readLog(control.doc);
    expect(log.map((e) => e.action)).toEqual([
      'setPhase',
      'lockCluster',
      'startTimer',
      'spotlight',
    ]);
    expect(new Set(log.map((e) => e.actor))).toEqual(new Set(['Fanni']));
    await destroyAll(control.provider);
  });

  it('run a timer on the server clock: pause keeps the rest, resume and extend continue from it', async () => {
    const board = await server.board();
    const run = async (body: unknown) =>
      (await command(board, board.tokens.facilitator, body)).body.control as {
        timer: Record<string, number | string>;
      };
    const t0 = (await apiCall<{ now: number }>(server.url, 'GET', '/api/time', null)).body.now;
    const started = (await run({ type: 'startTimer', durationMs: 60_000 })).timer;
    expect(started.status).toBe('running');
    expect(Math.abs((started.endsAt as number) - (t0 + 60_000))).toBeLessThan(2000);
    const paused = (await run({ type: 'pauseTimer' })).timer;
    expect(paused.status).toBe('paused');
    expect(paused.remainingMs).toBeGreaterThan(55_000);
    const extended = (await run({ type: 'extendTimer', ms: 30_000 })).timer;
    expect(extended.remainingMs).toBe((paused.remainingMs as number) + 30_000);
    const resumed = (await run({ type: 'resumeTimer' })).timer;
    expect(resumed.status).toBe('running');
    expect((await run({ type: 'stopTimer' })).timer.status).toBe('stopped');
    expect(
      (await command(board, board.tokens.facilitator, { type: 'startTimer', durationMs: 10 }))
        .status,
    ).toBe(400);
  });
});

describe('dot voting', () => {
  it('enforces the budget on the server, even for many requests at once from one person', async () => {
    const { board, ids, facilitatorClient } = await votingBoard({
      budget: 3,
      allowMultiple: true,
      hidden: true,
    });
    const aino = await join(board, board.tokens.participant, 'Aino');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => vote(board, aino.token, ids[i % 3]!)),
    );
    expect(results.filter((r) => r.status === 200).length).toBe(3);
    expect(results.filter((r) => r.status === 409).length).toBe(7);
    expect(results.find((r) => r.status === 409)?.body).toMatchObject({
      error: { code: 'no_dots_left' },
    });
    const mine = await apiCall<VotesView>(
      server.url,
      'GET',
      `/api/boards/${board.id}/votes`,
      aino.token,
    );
    expect(mine.body.used).toBe(3);
    // Taking a dot back frees one.
    const taken = await vote(board, aino.token, ids[0]!, -1);
    expect(taken.status).toBe(200);
    expect((await vote(board, aino.token, ids[1]!)).status).toBe(200);
    expect((await vote(board, aino.token, ids[1]!)).status).toBe(409);
    await destroyAll(facilitatorClient.provider);
  });

  it('keeps the budget across reconnects and devices: the personal link is the person', async () => {
    const { board, ids, facilitatorClient } = await votingBoard({
      budget: 2,
      allowMultiple: true,
      hidden: true,
    });
    const aino = await join(board, board.tokens.participant, 'Aino');
    expect((await vote(board, aino.token, ids[0]!)).status).toBe(200);
    // "Another device": the same personal link, joining again with it keeps the same person.
    const again = await join(board, aino.token, 'Aino');
    expect(again.personId).toBe(aino.personId);
    expect((await vote(board, again.token, ids[1]!)).status).toBe(200);
    expect((await vote(board, again.token, ids[2]!)).status).toBe(409);
    // A late joiner gets a full budget of their own.
    const late = await join(board, board.tokens.participant, 'Late');
    expect((await vote(board, late.token, ids[2]!)).status).toBe(200);
    await destroyAll(facilitatorClient.provider);
  });

  it('refuses a second dot on one note when multiple dots are off, votes outside the vote phase and unknown notes', async () => {
    const { board, ids, facilitatorClient } = await votingBoard({
      budget: 5,
      allowMultiple: false,
      hidden: true,
    });
    const aino = await join(board, board.tokens.participant, 'Aino');
    expect((await vote(board, aino.token, ids[0]!)).status).toBe(200);
    expect((await vote(board, aino.token, ids[0]!)).status).toBe(409);
    expect((await vote(board, aino.token, 'no-such-note')).status).toBe(404);
    expect((await vote(board, board.tokens.participant, ids[1]!)).status).toBe(403); // not joined
    await command(board, board.tokens.facilitator, { type: 'setPhase', phase: 'cluster' });
    expect((await vote(board, aino.token, ids[1]!)).status).toBe(403);
    expect(
      (
        await apiCall(server.url, 'POST', `/api/boards/${board.id}/votes`, aino.token, {
          noteId: ids[1],
          delta: 5,
        })
      ).status,
    ).toBe(400);
    await destroyAll(facilitatorClient.provider);
  });

  it('sends hidden tallies to no participant device until the reveal, then the same ranking to all', async () => {
    const { board, ids, facilitatorClient } = await votingBoard({
      budget: 5,
      allowMultiple: true,
      hidden: true,
    });
    const aino = await join(board, board.tokens.participant, 'Aino');
    const bo = await join(board, board.tokens.participant, 'Bo');
    const watcher = rawClient(
      `${server.syncUrl}/${controlRoomName(board.id)}?token=${board.tokens.participant}`,
    );
    const control = connectProvider(
      server.syncUrl,
      controlRoomName(board.id),
      board.tokens.participant,
    );
    await synced(control.provider);
    await vote(board, aino.token, ids[1]!);
    await vote(board, aino.token, ids[1]!);
    await vote(board, bo.token, ids[2]!);
    const ainoView = await apiCall<VotesView>(
      server.url,
      'GET',
      `/api/boards/${board.id}/votes`,
      aino.token,
    );
    expect(ainoView.body.tallies).toBeNull();
    expect(ainoView.body.mine).toEqual({ [ids[1]!]: 2 });
    await new Promise((r) => setTimeout(r, 200));
    expect(readControl(control.doc).tallies).toBeNull();
    // Not even in the bytes: no message carried a count.
    expect(watcher.messages.some((m) => Buffer.from(m).includes('tallies'))).toBe(false);
    const facilitatorView = await apiCall<VotesView>(
      server.url,
      'GET',
      `/api/boards/${board.id}/votes`,
      board.tokens.facilitator,
    );
    expect(facilitatorView.body.tallies).toEqual({
      room: { [ids[1]!]: 2, [ids[2]!]: 1 },
      remote: {},
    });

    await command(board, board.tokens.facilitator, { type: 'revealVotes' });
    await waitFor(() => readControl(control.doc).tallies !== null);
    expect(readControl(control.doc).tallies).toEqual({
      room: { [ids[1]!]: 2, [ids[2]!]: 1 },
      remote: {},
    });
    expect(readLog(control.doc).some((e) => e.action === 'revealVotes')).toBe(true);
    watcher.ws.close();
    await destroyAll(control.provider, facilitatorClient.provider);
  });

  it('counts remote attendees apart, and only when the facilitator allows them', async () => {
    const { board, ids, facilitatorClient } = await votingBoard({
      budget: 5,
      allowMultiple: true,
      hidden: false,
    });
    const remote = await join(board, board.tokens.viewer, 'Remote Rita');
    expect((await vote(board, remote.token, ids[0]!)).status).toBe(403);
    await command(board, board.tokens.facilitator, {
      type: 'configureVoting',
      budget: 5,
      allowMultiple: true,
      hidden: false,
      allowRemote: true,
    });
    expect((await vote(board, remote.token, ids[0]!)).status).toBe(200);
    const aino = await join(board, board.tokens.participant, 'Aino');
    const r = await vote(board, aino.token, ids[0]!);
    expect(r.body.tallies).toEqual({ room: { [ids[0]!]: 1 }, remote: { [ids[0]!]: 1 } });
    await destroyAll(facilitatorClient.provider);
  });
});
