/**
 * One person is one person (issue 13, item 3) and archived boards change for no one (item 6),
 * tried as the holder of a printed participant link or the entrance QR code would: joining over
 * and over, from one address and from many, removed and coming back, and every command against
 * an archived board. Every verdict is a guarantee (counts, codes, state before = after), never a
 * duration; where a refill could admit one more join, the bound is computed from the measured time.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardPerson, JoinResult, RemovePersonResult, VotesView } from '../../shared/api';
import { createBoardCommands } from '../../shared/board/commands';
import { readBoard } from '../../shared/board/read';
import { controlRoomName, readControl, readLog } from '../../shared/control/controlDoc';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { apiCall } from '../helpers/api';
import {
  boardUrl,
  connectProvider,
  destroyAll,
  rawClient,
  synced,
  waitFor,
} from '../helpers/clients';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** One JSON request from a chosen loopback address (127.0.0.0/8 is all this machine). */
function from(
  server: TestServer,
  localAddress: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  cookie?: string,
): Promise<Reply> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: server.app.port,
      localAddress,
      method,
      path,
      agent: false,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(text
          ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }
          : {}),
        ...(cookie ? { Cookie: cookie } : {}),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: (raw ? JSON.parse(raw) : {}) as Record<string, unknown>,
        });
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

const errorCode = (r: { body: unknown }) =>
  (r.body as { error?: { code?: string } } | null)?.error?.code;

const note = (text: string, x = 0, y = 0) => ({
  text,
  x,
  y,
  authorId: null,
  authorName: null,
  lang: 'en' as const,
});

/** Joins from 127.0.0.1 (fetch), expecting success. */
async function join(server: TestServer, board: CreatedBoard, token: string, name: string) {
  const r = await apiCall<JoinResult>(server.url, 'POST', `/api/boards/${board.id}/join`, token, {
    name,
  });
  expect(r.status).toBe(201);
  return r.body;
}

const command = (server: TestServer, board: CreatedBoard, token: string | null, body: unknown) =>
  apiCall(server.url, 'POST', `/api/boards/${board.id}/commands`, token, body);

/** A board with `count` notes written by its facilitator. */
async function boardWithNotes(server: TestServer, count: number) {
  const board = await server.board();
  const f = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
  await synced(f.provider);
  const cmds = createBoardCommands(f.doc, {});
  const ids = Array.from({ length: count }, (_, i) => cmds.addNote(note(`note ${i}`, i * 250, 0)));
  await waitFor(
    () => {
      const room = server.app.rooms.peek(board.id);
      return room ? readBoard(room.board.doc).notes.length === count : false;
    },
    10_000,
    'notes stored',
  );
  return { board, ids, facilitator: f };
}

describe('joining mints people only as fast as the limits allow', () => {
  let server: TestServer;
  const BURST = 5;
  const LINK_BURST = 8;

  beforeAll(async () => {
    server = await startTestServer({
      configure: (config) => {
        // One join a minute after the burst: within a test, refill adds at most what the
        // measured time allows, and the bounds below say so.
        config.joins = {
          perAddress: { burst: BURST, perMinute: 1 },
          perLink: { burst: LINK_BURST, perMinute: 1 },
        };
      },
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it('twenty joins with one role link from one address: the burst gets in, the rest get 429 with Retry-After, and the dots follow the people', async () => {
    const { board, ids, facilitator } = await boardWithNotes(server, 3);
    expect(
      (
        await command(server, board, board.tokens.facilitator, {
          type: 'configureVoting',
          budget: 3,
          allowMultiple: true,
          hidden: false,
          allowRemote: false,
        })
      ).status,
    ).toBe(200);
    await command(server, board, board.tokens.facilitator, { type: 'setPhase', phase: 'vote' });

    const started = Date.now();
    const replies: Reply[] = [];
    for (let i = 0; i < 20; i++) {
      replies.push(
        await from(
          server,
          '127.0.0.1',
          'POST',
          `/api/boards/${board.id}/join`,
          board.tokens.participant,
          {
            name: `Sock ${i}`,
          },
        ),
      );
    }
    const elapsedMin = (Date.now() - started) / 60_000;
    const accepted = replies.filter((r) => r.status === 201);
    const refused = replies.filter((r) => r.status === 429);
    expect(accepted.length + refused.length).toBe(20);
    expect(accepted.length).toBeGreaterThanOrEqual(BURST);
    expect(accepted.length).toBeLessThanOrEqual(BURST + Math.floor(elapsedMin) + 1);
    for (const r of refused) {
      expect(errorCode(r)).toBe('rate_limited');
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }

    // Every admitted sock puppet spends its whole budget on one note.
    let dots = 0;
    for (const r of accepted) {
      const token = (r.body as unknown as JoinResult).token;
      for (let k = 0; k < 3; k++) {
        const v = await apiCall<VotesView>(
          server.url,
          'POST',
          `/api/boards/${board.id}/votes`,
          token,
          {
            noteId: ids[0],
            delta: 1,
          },
        );
        if (v.status === 200) dots += 1;
      }
    }
    const tallies = (
      await apiCall<VotesView>(
        server.url,
        'GET',
        `/api/boards/${board.id}/votes`,
        board.tokens.facilitator,
      )
    ).body.tallies!;
    const people = (
      await apiCall<{ people: BoardPerson[] }>(
        server.url,
        'GET',
        `/api/boards/${board.id}/people`,
        board.tokens.facilitator,
      )
    ).body.people;
    expect(people.length).toBe(accepted.length);
    expect(tallies.room[ids[0]!]).toBe(dots);
    expect(dots).toBe(accepted.length * 3);

    // Joining again with a personal link keeps the person and is never metered.
    const first = accepted[0]!.body as unknown as JoinResult;
    const again = await from(
      server,
      '127.0.0.1',
      'POST',
      `/api/boards/${board.id}/join`,
      first.token,
      {
        name: 'Renamed',
      },
    );
    expect(again.status).toBe(201);
    expect((again.body as unknown as JoinResult).personId).toBe(first.personId);
    console.log(
      `FAULTS people joins: 20 joins from one address → ${accepted.length} people, ` +
        `${refused.length} refused (429, Retry-After ${refused[0]?.headers['retry-after']} s), ` +
        `${dots} dots on one note (burst ${BURST}, budget 3; before: 20 people, 60 dots)`,
    );
    await destroyAll(facilitator.provider);
  });

  it('one link is limited across addresses, and each address apart', async () => {
    const board = await server.board();
    const codes: number[] = [];
    // Ten different addresses, one join each, all with the same participant link.
    for (let i = 0; i < 10; i++) {
      const r = await from(
        server,
        `127.0.0.${10 + i}`,
        'POST',
        `/api/boards/${board.id}/join`,
        board.tokens.participant,
        {
          name: `Visitor ${i}`,
        },
      );
      codes.push(r.status);
    }
    const admitted = codes.filter((c) => c === 201).length;
    expect(admitted).toBeGreaterThanOrEqual(LINK_BURST);
    expect(admitted).toBeLessThan(10);
    expect(codes.filter((c) => c !== 201).every((c) => c === 429)).toBe(true);
    // Another link of the same board (the viewer link) has its own budget.
    const viewer = await from(
      server,
      '127.0.0.40',
      'POST',
      `/api/boards/${board.id}/join`,
      board.tokens.viewer,
      {
        name: 'Remote',
      },
    );
    expect(viewer.status).toBe(201);
    console.log(
      `FAULTS people link: 10 addresses, one link → ${admitted} admitted, ${10 - admitted} refused`,
    );
  });

  it('a refused join creates no one and bad requests cost nothing', async () => {
    const board = await server.board();
    const address = '127.0.0.60';
    // Malformed bodies and bad tokens are refused before the limit is consulted.
    for (let i = 0; i < 20; i++) {
      expect(
        (
          await from(
            server,
            address,
            'POST',
            `/api/boards/${board.id}/join`,
            board.tokens.participant,
            { name: '' },
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await from(server, address, 'POST', `/api/boards/${board.id}/join`, 'forged', {
            name: 'x',
          })
        ).status,
      ).toBe(401);
    }
    const first = await from(
      server,
      address,
      'POST',
      `/api/boards/${board.id}/join`,
      board.tokens.participant,
      {
        name: 'Honest',
      },
    );
    expect(first.status).toBe(201);
    const people = await apiCall<{ people: BoardPerson[] }>(
      server.url,
      'GET',
      `/api/boards/${board.id}/people`,
      board.tokens.facilitator,
    );
    expect(people.body.people.map((p) => p.name)).toEqual(['Honest']);
  });
});

describe('the forum entrance seats a device once', () => {
  let server: TestServer;
  const BURST = 3;

  beforeAll(async () => {
    server = await startTestServer({
      configure: (config) => {
        config.joins = {
          perAddress: { burst: BURST, perMinute: 1 },
          perLink: { burst: 100, perMinute: 100 },
        };
      },
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it('the same device gets the same table every time; new devices from one address are rate limited', async () => {
    const forum = await server.createForum('Entrance forum');
    for (let i = 0; i < 6; i++) await server.createBoard(forum.id, `Table ${i + 1}`);
    const entrance = (
      await apiCall<{ entrance: { token: string } }>(
        server.url,
        'GET',
        `/api/forums/${forum.id}`,
        server.adminToken,
      )
    ).body.entrance.token;
    const path = `/api/forums/${forum.id}/entrance/join`;
    const address = '127.0.0.70';

    const first = await from(server, address, 'POST', path, entrance, {
      name: 'Device one',
      tags: ['data'],
    });
    expect(first.status).toBe(201);
    const setCookie = String(first.headers['set-cookie'] ?? '');
    expect(setCookie).toMatch(/^talkoot_device=[^;]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0]!;

    // Joining again from the same device, with any name and tags: the same person, the same table.
    const again: Reply[] = [];
    for (let i = 0; i < 10; i++) {
      again.push(
        await from(
          server,
          address,
          'POST',
          path,
          entrance,
          { name: `Alias ${i}`, tags: [`t${i}`] },
          cookie,
        ),
      );
    }
    expect(again.every((r) => r.status === 201)).toBe(true);
    expect(new Set(again.map((r) => r.body.boardId))).toEqual(new Set([first.body.boardId]));
    expect(new Set(again.map((r) => r.body.personId))).toEqual(new Set([first.body.personId]));
    expect(again.some((r) => r.headers['set-cookie'])).toBe(false);

    // Without the cookie every join is a new device: the address gets its burst, then 429.
    const started = Date.now();
    const fresh: Reply[] = [];
    for (let i = 0; i < 10; i++) {
      fresh.push(await from(server, address, 'POST', path, entrance, { name: `Script ${i}` }));
    }
    // A forged device cookie is a new device too.
    fresh.push(
      await from(
        server,
        address,
        'POST',
        path,
        entrance,
        { name: 'Forged' },
        'talkoot_device=abc.def.ghi',
      ),
    );
    const elapsedMin = (Date.now() - started) / 60_000;
    const admitted = fresh.filter((r) => r.status === 201);
    expect(admitted.length).toBeLessThanOrEqual(BURST - 1 + Math.floor(elapsedMin) + 1);
    expect(fresh.filter((r) => r.status === 429).length).toBe(fresh.length - admitted.length);
    expect(fresh.find((r) => r.status === 429)?.headers['retry-after']).toBeDefined();
    const tables = new Set([first.body.boardId, ...admitted.map((r) => r.body.boardId)]);
    const people = (
      await apiCall<{ people: unknown[] }>(
        server.url,
        'GET',
        `/api/forums/${forum.id}/people`,
        server.adminToken,
      )
    ).body.people;
    expect(people.length).toBe(1 + admitted.length);
    // Another address is not affected by this one's limit.
    expect(
      (await from(server, '127.0.0.71', 'POST', path, entrance, { name: 'Neighbour' })).status,
    ).toBe(201);
    console.log(
      `FAULTS people entrance: one device ×11 → 1 table; 11 cookieless joins from one address → ` +
        `${admitted.length} admitted, ${fresh.length - admitted.length} refused; tables handed to the address: ${tables.size} of 6`,
    );
  });
});

describe('a facilitator removes a person', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('closes their sockets, refuses their link everywhere, voids their dots and logs it; nobody else may', async () => {
    const { board, ids, facilitator } = await boardWithNotes(server, 3);
    await command(server, board, board.tokens.facilitator, {
      type: 'configureVoting',
      budget: 3,
      allowMultiple: true,
      hidden: false,
      allowRemote: false,
    });
    await command(server, board, board.tokens.facilitator, { type: 'setPhase', phase: 'vote' });
    const fanni = await join(server, board, board.tokens.facilitator, 'Fanni');
    const aino = await join(server, board, board.tokens.participant, 'Aino');
    const bo = await join(server, board, board.tokens.participant, 'Bo');
    const castAll = async (token: string) => {
      for (const noteId of [ids[0], ids[0], ids[1]]) {
        const r = await apiCall(server.url, 'POST', `/api/boards/${board.id}/votes`, token, {
          noteId,
          delta: 1,
        });
        expect(r.status).toBe(200);
      }
    };
    await castAll(aino.token);
    await castAll(bo.token);

    // Aino's devices: the board, its control document, and a y-websocket provider.
    const ainoBoard = rawClient(boardUrl(server.syncUrl, board.id, aino.token));
    const ainoControl = rawClient(boardUrl(server.syncUrl, `${board.id}/control`, aino.token));
    await Promise.all([ainoBoard.opened, ainoControl.opened]);
    const control = connectProvider(server.syncUrl, controlRoomName(board.id), board.tokens.viewer);
    await synced(control.provider);
    await waitFor(() => readControl(control.doc).tallies?.room[ids[0]!] === 4, 10_000, 'tallies');

    // Nobody but a facilitator (or the admin) may remove anyone, and trying changes nothing.
    const path = (personId: string) => `/api/boards/${board.id}/people/${personId}`;
    for (const token of [board.tokens.participant, bo.token, board.tokens.viewer]) {
      expect((await apiCall(server.url, 'DELETE', path(aino.personId), token)).status).toBe(403);
    }
    expect((await apiCall(server.url, 'DELETE', path(aino.personId), null)).status).toBe(401);
    expect((await apiCall(server.url, 'DELETE', path(aino.personId), aino.token)).status).toBe(403);
    expect(ainoBoard.ws.readyState).toBe(ainoBoard.ws.OPEN);

    // A facilitator sees who joined: name, role, when.
    const listed = (
      await apiCall<{ people: BoardPerson[] }>(
        server.url,
        'GET',
        `/api/boards/${board.id}/people`,
        fanni.token,
      )
    ).body.people;
    expect(listed.map((p) => [p.name, p.role, p.removedAt])).toEqual([
      ['Fanni', 'facilitator', null],
      ['Aino', 'participant', null],
      ['Bo', 'participant', null],
    ]);
    expect(listed.every((p) => !Number.isNaN(Date.parse(p.joinedAt)))).toBe(true);

    // A facilitator may not remove another facilitator or themselves; the admin may.
    expect((await apiCall(server.url, 'DELETE', path(fanni.personId), fanni.token)).status).toBe(
      400,
    );
    expect(
      (await apiCall(server.url, 'DELETE', path(fanni.personId), board.tokens.facilitator)).status,
    ).toBe(403);
    expect((await apiCall(server.url, 'DELETE', path('nobody'), fanni.token)).status).toBe(404);

    const removed = await apiCall<RemovePersonResult>(
      server.url,
      'DELETE',
      path(aino.personId),
      fanni.token,
    );
    expect(removed.status).toBe(200);
    expect(removed.body.votesVoided).toBe(3);
    expect(removed.body.person).toMatchObject({ name: 'Aino', role: 'participant' });
    expect(removed.body.person.removedAt).not.toBeNull();

    // Their sockets are closed with 4403, and every way back is refused.
    expect((await ainoBoard.closed).code).toBe(CloseCode.Forbidden);
    expect((await ainoControl.closed).code).toBe(CloseCode.Forbidden);
    for (const room of [board.id, `${board.id}/control`, `${board.id}/private`]) {
      const again = rawClient(boardUrl(server.syncUrl, room, aino.token));
      expect((await again.closed).code).toBe(CloseCode.Forbidden);
    }
    const session = await apiCall(server.url, 'GET', `/api/boards/${board.id}`, aino.token);
    expect([session.status, errorCode(session)]).toEqual([403, 'removed']);
    const vote = await apiCall(server.url, 'POST', `/api/boards/${board.id}/votes`, aino.token, {
      noteId: ids[2],
      delta: 1,
    });
    expect([vote.status, errorCode(vote)]).toEqual([403, 'removed']);
    const rejoin = await apiCall(server.url, 'POST', `/api/boards/${board.id}/join`, aino.token, {
      name: 'Aino',
    });
    expect([rejoin.status, errorCode(rejoin)]).toEqual([403, 'removed']);

    // Their dots are gone from the tally everyone reads; Bo's are intact.
    await waitFor(
      () => readControl(control.doc).tallies?.room[ids[0]!] === 2,
      10_000,
      'tallies after',
    );
    const tallies = (
      await apiCall<VotesView>(server.url, 'GET', `/api/boards/${board.id}/votes`, fanni.token)
    ).body.tallies!;
    expect(tallies.room).toEqual({ [ids[0]!]: 2, [ids[1]!]: 1 });
    const log = readLog(server.app.rooms.peek(board.id)!.control.doc);
    expect(log.filter((e) => e.action === 'removePerson')).toEqual([
      expect.objectContaining({ actor: 'Fanni', detail: { name: 'Aino', votes: 3 } }),
    ]);

    // Removing again changes nothing and logs nothing; the admin may remove a facilitator.
    const twice = await apiCall<RemovePersonResult>(
      server.url,
      'DELETE',
      path(aino.personId),
      fanni.token,
    );
    expect([twice.status, twice.body.votesVoided]).toEqual([200, 0]);
    const admin = await apiCall(server.url, 'DELETE', path(fanni.personId), server.adminToken);
    expect(admin.status).toBe(200);
    const after = (
      await apiCall<{ people: BoardPerson[] }>(
        server.url,
        'GET',
        `/api/boards/${board.id}/people`,
        board.tokens.facilitator,
      )
    ).body.people;
    expect(after.map((p) => [p.name, p.removedAt !== null])).toEqual([
      ['Fanni', true],
      ['Aino', true],
      ['Bo', false],
    ]);
    expect(
      readLog(server.app.rooms.peek(board.id)!.control.doc).filter(
        (e) => e.action === 'removePerson',
      ),
    ).toHaveLength(2);
    console.log(
      `FAULTS people remove: sockets closed ${CloseCode.Forbidden}, reconnects ${CloseCode.Forbidden}, ` +
        `HTTP 403 removed, ${removed.body.votesVoided} dots voided, tally ${JSON.stringify(tallies.room)}`,
    );
    await destroyAll(control.provider, facilitator.provider);
  });

  it("a removed person's private notes are never revealed", async () => {
    const board = await server.board();
    await command(server, board, board.tokens.facilitator, { type: 'setPhase', phase: 'write' });
    const cai = await join(server, board, board.tokens.participant, 'Cai');
    const dan = await join(server, board, board.tokens.participant, 'Dan');
    const caiPrivate = connectProvider(server.syncUrl, `${board.id}/private`, cai.token);
    const danPrivate = connectProvider(server.syncUrl, `${board.id}/private`, dan.token);
    await Promise.all([synced(caiPrivate.provider), synced(danPrivate.provider)]);
    createBoardCommands(caiPrivate.doc, {}).addNote(note('spam spam spam'));
    createBoardCommands(danPrivate.doc, {}).addNote(note('a real idea'));
    await waitFor(
      () =>
        (server.app.rooms.peek(board.id)?.privateDocs.size ?? 0) === 2 &&
        Array.from(server.app.rooms.peek(board.id)!.privateDocs.values()).every(
          (d) => readBoard(d.doc).notes.length === 1,
        ),
      10_000,
      'private notes stored',
    );
    caiPrivate.provider.shouldConnect = false;
    const removed = await apiCall(
      server.url,
      'DELETE',
      `/api/boards/${board.id}/people/${cai.personId}`,
      board.tokens.facilitator,
    );
    expect(removed.status).toBe(200);
    expect(
      (await command(server, board, board.tokens.facilitator, { type: 'setPhase', phase: 'share' }))
        .status,
    ).toBe(200);
    const texts = readBoard(server.app.rooms.peek(board.id)!.board.doc).notes.map((n) => n.text);
    expect(texts).toEqual(['a real idea']);
    await destroyAll(caiPrivate.provider, danPrivate.provider);
  });
});

const ALL_COMMANDS = [
  { type: 'freeze' },
  { type: 'unfreeze' },
  { type: 'setPhase', phase: 'cluster' },
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

describe('an archived board', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('refuses every command and write, by every route, with 409 archived, and nothing changes', async () => {
    const { board, ids, facilitator } = await boardWithNotes(server, 2);
    const clusterId = createBoardCommands(facilitator.doc, {}).addCluster({
      title: 'Theme',
      x: 0,
      y: 600,
    });
    await waitFor(
      () => readBoard(server.app.rooms.peek(board.id)!.board.doc).clusters.length === 1,
      10_000,
      'cluster stored',
    );
    await command(server, board, board.tokens.facilitator, { type: 'setPhase', phase: 'vote' });
    const aino = await join(server, board, board.tokens.participant, 'Aino');
    const bo = await join(server, board, board.tokens.participant, 'Bo');
    expect(
      (
        await apiCall(server.url, 'POST', `/api/boards/${board.id}/votes`, aino.token, {
          noteId: ids[0],
          delta: 1,
        })
      ).status,
    ).toBe(200);
    const snapshot = await apiCall<{ id: string }>(
      server.url,
      'POST',
      `/api/boards/${board.id}/snapshots`,
      board.tokens.facilitator,
    );
    expect(snapshot.status).toBe(201);
    const other = await server.createBoard(board.forumId, 'Open table');
    const archive = await apiCall(
      server.url,
      'PATCH',
      `/api/boards/${board.id}`,
      server.adminToken,
      { archived: true },
    );
    expect(archive.status).toBe(200);

    // The board's writers are still connected: their edits go nowhere (dropped by the relay).
    const writer = connectProvider(server.syncUrl, board.id, bo.token);
    await synced(writer.provider);

    const state = async () => {
      const room = server.app.rooms.peek(board.id);
      await room?.whenSaved();
      const read = async (p: string, token: string) =>
        (await apiCall(server.url, 'GET', p, token)).body;
      return {
        board: (await server.app.store.loadDoc(board.id)).bytes,
        control: (await server.app.store.loadDoc(controlRoomName(board.id))).bytes,
        controlState: room ? readControl(room.control.doc) : null,
        log: room ? readLog(room.control.doc).length : null,
        people: await read(`/api/boards/${board.id}/people`, board.tokens.facilitator),
        votes: await read(`/api/boards/${board.id}/votes`, board.tokens.facilitator),
        snapshots: await read(`/api/boards/${board.id}/snapshots`, board.tokens.facilitator),
        outcomes: await server.app.store.listBoardOutcomes(board.id),
        session: await read(`/api/boards/${board.id}`, board.tokens.participant),
        placed: await read(`/api/forums/${board.forumId}/people`, server.adminToken),
      };
    };
    const before = await state();
    expect(before.session).toMatchObject({ archived: true });

    const refusals: Array<[string, number, string | undefined]> = [];
    const expectArchived = (what: string, r: { status: number; body: unknown }) => {
      refusals.push([what, r.status, errorCode(r)]);
    };
    for (const body of ALL_COMMANDS) {
      for (const token of [board.tokens.facilitator, server.adminToken]) {
        expectArchived(`command ${body.type}`, await command(server, board, token, body));
      }
    }
    const post = (p: string, token: string, body?: unknown) =>
      apiCall(server.url, 'POST', `/api/boards/${board.id}${p}`, token, body);
    expectArchived('freeze', await post('/freeze', board.tokens.facilitator));
    expectArchived('unfreeze', await post('/unfreeze', board.tokens.facilitator));
    expectArchived('snapshot', await post('/snapshots', board.tokens.facilitator));
    expectArchived(
      'restore',
      await post(`/snapshots/${snapshot.body.id}/restore`, board.tokens.facilitator),
    );
    expectArchived('vote', await post('/votes', aino.token, { noteId: ids[1], delta: 1 }));
    expectArchived('unvote', await post('/votes', aino.token, { noteId: ids[0], delta: -1 }));
    expectArchived('join', await post('/join', board.tokens.participant, { name: 'Late' }));
    expectArchived(
      'proposal',
      await post(`/proposals/${clusterId}`, board.tokens.participant, { lang: 'en' }),
    );
    expectArchived(
      'remove person',
      await apiCall(
        server.url,
        'DELETE',
        `/api/boards/${board.id}/people/${bo.personId}`,
        board.tokens.facilitator,
      ),
    );
    // Seating someone at an archived table through the console is refused too.
    const entrance = (
      await apiCall<{ entrance: { token: string } }>(
        server.url,
        'GET',
        `/api/forums/${board.forumId}`,
        server.adminToken,
      )
    ).body.entrance.token;
    const placed = await apiCall<{ personId: string; boardId: string }>(
      server.url,
      'POST',
      `/api/forums/${board.forumId}/entrance/join`,
      entrance,
      { name: 'Eve' },
    );
    expect(placed.body.boardId).toBe(other.id);
    expectArchived(
      'move to archived table',
      await apiCall(
        server.url,
        'POST',
        `/api/forums/${board.forumId}/people/${placed.body.personId}/move`,
        server.adminToken,
        {
          boardId: board.id,
        },
      ),
    );
    createBoardCommands(writer.doc, {}).addNote(note('written after archiving'));
    await new Promise((r) => setTimeout(r, 300));

    const after = await state();
    const wrong = refusals.filter(([, status, code]) => status !== 409 || code !== 'archived');
    console.log(
      `FAULTS people archived: ${refusals.length} commands and writes → ` +
        `${refusals.length - wrong.length} refused 409 archived, changed=${JSON.stringify(before) !== JSON.stringify({ ...after, placed: before.placed })}`,
    );
    expect(wrong).toEqual([]);
    // The entrance placed Eve at the open table (placed differs only by her); the rest is equal.
    expect({ ...after, placed: before.placed }).toEqual(before);
    expect(
      readBoard(server.app.rooms.peek(board.id)!.board.doc)
        .notes.map((n) => n.text)
        .sort(),
    ).toEqual(['note 0', 'note 1']);
    await destroyAll(writer.provider, facilitator.provider);
  });
});

describe('revealing private notes', () => {
  let server: TestServer;
  const DOC_LIMIT = 48 * 1024;

  beforeAll(async () => {
    server = await startTestServer({
      configure: (config) => {
        config.limits.maxDocBytes = DOC_LIMIT;
        config.limits.maxUpdateBytes = 32 * 1024;
      },
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it('past the board size limit is refused with 413 and changes nothing: phase, board, private notes, snapshots', async () => {
    const board = await server.board();
    await command(server, board, board.tokens.facilitator, { type: 'setPhase', phase: 'write' });
    // The facilitator fills the board to about half its limit.
    const f = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
    await synced(f.provider);
    const big = (tag: string) => `${tag} ${'x'.repeat(1900)}`;
    const fcmds = createBoardCommands(f.doc, {});
    for (let i = 0; i < 12; i++) fcmds.addNote(note(big(`board ${i}`), i * 250, 0));
    await waitFor(
      () => readBoard(server.app.rooms.peek(board.id)!.board.doc).notes.length === 12,
      10_000,
      'board',
    );
    // Two participants each write privately, each well within their own document's limit.
    const writers = [];
    for (const name of ['Aino', 'Bo']) {
      const person = await join(server, board, board.tokens.participant, name);
      const p = connectProvider(server.syncUrl, `${board.id}/private`, person.token);
      await synced(p.provider);
      const cmds = createBoardCommands(p.doc, {});
      for (let i = 0; i < 8; i++) cmds.addNote(note(big(`${name} ${i}`), i * 250, 400));
      writers.push(p);
    }
    await waitFor(
      () =>
        Array.from(server.app.rooms.peek(board.id)!.privateDocs.values()).reduce(
          (n, d) => n + readBoard(d.doc).notes.length,
          0,
        ) === 16,
      10_000,
      'private notes stored',
    );
    const room = server.app.rooms.peek(board.id)!;
    await room.whenSaved();
    const state = async () => {
      await room.whenSaved();
      return {
        board: Buffer.from(Y.encodeStateAsUpdate(room.board.doc)).toString('base64'),
        stored: (await server.app.store.loadDoc(board.id)).bytes,
        phase: room.controlState().phase,
        private: Array.from(room.privateDocs.values()).map((d) => readBoard(d.doc).notes.length),
        snapshots: (await server.app.store.listSnapshots(board.id)).length,
        log: readLog(room.control.doc).length,
      };
    };
    const before = await state();
    const refused = await command(server, board, board.tokens.facilitator, {
      type: 'setPhase',
      phase: 'share',
    });
    const message = (refused.body as { error?: { message?: string } }).error?.message ?? '';
    expect([refused.status, errorCode(refused)]).toEqual([413, 'too_large']);
    expect(message).toMatch(/size limit/);
    const after = await state();
    expect(after).toEqual(before);
    expect(after.phase).toBe('write');
    console.log(
      `FAULTS people reveal: board ${before.stored} B + 16 private notes past ${DOC_LIMIT} B → ` +
        `${refused.status} ${errorCode(refused)}; phase, board, private notes, snapshots unchanged`,
    );
    await destroyAll(f.provider, ...writers.map((w) => w.provider));
  });
});
