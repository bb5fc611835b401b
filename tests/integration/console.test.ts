import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoardCommands } from '../../shared/board/commands';
import { readBoard } from '../../shared/board/read';
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

let server: TestServer;
let admin: (method: string, path: string, body?: unknown) => ReturnType<typeof apiCall>;

beforeAll(async () => {
  server = await startTestServer();
  admin = (method, path, body) => apiCall(server.url, method, path, server.adminToken, body);
});

afterAll(async () => {
  await server.close();
});

interface Placement {
  personId: string;
  boardId: string;
  token: string;
  link: string;
  forumToken: string;
}

async function forumWithTables(count: number, template = 'empty') {
  const forum = (await admin('POST', '/api/forums', { title: 'Ecosystem forum' })).body as {
    id: string;
  };
  const created = await admin('POST', `/api/forums/${forum.id}/boards/batch`, {
    count,
    template,
    lang: 'fi',
  });
  expect(created.status).toBe(201);
  return { forumId: forum.id, boards: (created.body as { boards: CreatedBoard[] }).boards };
}

describe('the forum console API', () => {
  it('refuses every console route without the admin token, changing nothing', async () => {
    const { forumId, boards } = await forumWithTables(2);
    // Tokens are signed afresh on every listing; compare what the routes could change.
    const listing = async () =>
      JSON.stringify(
        (
          (await admin('GET', `/api/forums/${forumId}/boards`)).body as { boards: CreatedBoard[] }
        ).boards.map(
          ({
            id,
            title,
            position,
            archived,
          }: CreatedBoard & { position?: number; archived?: boolean }) => ({
            id,
            title,
            position,
            archived,
          }),
        ),
      ) + JSON.stringify((await admin('GET', '/api/forums')).body);
    const before = await listing();
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/forums'],
      ['POST', '/api/forums', { title: 'x' }],
      ['GET', `/api/forums/${forumId}`],
      ['PATCH', `/api/forums/${forumId}`, { title: 'hijacked' }],
      ['GET', `/api/forums/${forumId}/boards`],
      ['POST', `/api/forums/${forumId}/boards`, { title: 'x' }],
      ['POST', `/api/forums/${forumId}/boards/batch`, { count: 3 }],
      ['PUT', `/api/forums/${forumId}/boards/order`, { ids: boards.map((b) => b.id).reverse() }],
      ['PATCH', `/api/boards/${boards[0]!.id}`, { archived: true }],
      ['POST', `/api/boards/${boards[0]!.id}/links/rotate`],
      ['GET', `/api/forums/${forumId}/overview`],
      ['GET', `/api/forums/${forumId}/people`],
      ['POST', `/api/forums/${forumId}/people/p/move`, { boardId: boards[0]!.id }],
      ['POST', `/api/forums/${forumId}/entrance/rotate`],
    ];
    for (const [method, path, body] of routes) {
      for (const [token, status] of [
        [null, 401],
        [boards[0]!.tokens.facilitator, 403],
        ['not-a-token', 403],
      ] as const) {
        const r = await apiCall(server.url, method, path, token, body);
        expect({ method, path, status: r.status }).toEqual({ method, path, status });
      }
    }
    expect(await listing()).toBe(before);
  });

  it('edits a forum, creates tables from templates, reorders and archives them', async () => {
    const { forumId, boards } = await forumWithTables(3, 'challenges');
    expect(boards.map((b) => b.title)).toEqual(['Table 1', 'Table 2', 'Table 3']);
    const patched = await admin('PATCH', `/api/forums/${forumId}`, {
      date: '2026-11-27',
      description: 'AI ethics and data policy',
      languages: ['fi', 'sv'],
    });
    expect(patched.body).toMatchObject({
      title: 'Ecosystem forum',
      date: '2026-11-27',
      languages: ['fi', 'sv'],
    });
    expect((await admin('PATCH', `/api/forums/${forumId}`, { date: '27.11.2026' })).status).toBe(
      400,
    );

    // The template's cluster areas are on the board, titled in Finnish.
    const reader = connectProvider(server.syncUrl, boards[0]!.id, boards[0]!.tokens.viewer);
    await synced(reader.provider);
    expect(readBoard(reader.doc).clusters.map((c) => c.title)).toContain('Haastealue 1');
    await destroyAll(reader.provider);

    const order = [boards[2]!.id, boards[0]!.id, boards[1]!.id];
    const reordered = await admin('PUT', `/api/forums/${forumId}/boards/order`, { ids: order });
    expect((reordered.body as { boards: CreatedBoard[] }).boards.map((b) => b.id)).toEqual(order);
    expect(
      (await admin('PUT', `/api/forums/${forumId}/boards/order`, { ids: order.slice(1) })).status,
    ).toBe(400);

    const renamed = await admin('PATCH', `/api/boards/${boards[1]!.id}`, {
      title: 'Mobility',
      archived: true,
    });
    expect(renamed.body).toMatchObject({ title: 'Mobility', archived: true });
    // Archived: readable, refuses every write.
    const writer = connectProvider(server.syncUrl, boards[1]!.id, boards[1]!.tokens.facilitator);
    await synced(writer.provider);
    createBoardCommands(writer.doc, {}).addNote({
      text: 'late',
      x: 0,
      y: 0,
      authorId: null,
      authorName: null,
      lang: 'fi',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(readBoard(server.app.rooms.peek(boards[1]!.id)!.board.doc).notes).toEqual([]);
    await destroyAll(writer.provider);
  });

  it('rotating links closes sockets of the old links with 4401 and refuses them afterwards', async () => {
    const { boards } = await forumWithTables(1);
    const board = boards[0]!;
    const old = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await old.opened;
    await waitFor(() => old.messages.length > 0);
    const rotated = (await admin('POST', `/api/boards/${board.id}/links/rotate`))
      .body as CreatedBoard;
    expect(rotated.tokens.participant).not.toBe(board.tokens.participant);
    expect((await old.closed).code).toBe(CloseCode.Unauthorized);
    const again = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    expect((await again.closed).code).toBe(CloseCode.Unauthorized);
    const session = await apiCall(
      server.url,
      'GET',
      `/api/boards/${board.id}`,
      board.tokens.viewer,
    );
    expect(session.status).toBe(401);
    const fresh = connectProvider(server.syncUrl, board.id, rotated.tokens.participant);
    await synced(fresh.provider);
    await destroyAll(fresh.provider);
  });
});

describe('the forum entrance', () => {
  it('places people at tables, mixing expertise, and lets the facilitator move them', async () => {
    const { forumId, boards } = await forumWithTables(3);
    const forum = (await admin('GET', `/api/forums/${forumId}`)).body as {
      entrance: { token: string; link: string };
    };
    expect(forum.entrance.link).toBe(
      `${server.url}/forum/${forumId}#token=${forum.entrance.token}`,
    );
    const info = await apiCall(
      server.url,
      'GET',
      `/api/forums/${forumId}/entrance`,
      forum.entrance.token,
    );
    expect(info.body).toMatchObject({ forumId, title: 'Ecosystem forum' });

    const placed: Placement[] = [];
    const tagsOf = ['company', 'company', 'company', 'research', 'research', 'research'];
    for (const [i, tag] of tagsOf.entries()) {
      const r = await apiCall<Placement>(
        server.url,
        'POST',
        `/api/forums/${forumId}/entrance/join`,
        forum.entrance.token,
        {
          name: `Person ${i}`,
          tags: [tag],
          lang: 'fi',
        },
      );
      expect(r.status).toBe(201);
      placed.push(r.body);
    }
    const byTable = new Map<string, string[]>();
    placed.forEach((p, i) =>
      byTable.set(p.boardId, [...(byTable.get(p.boardId) ?? []), tagsOf[i]!]),
    );
    expect(byTable.size).toBe(3);
    for (const tags of byTable.values()) expect(tags.sort()).toEqual(['company', 'research']);

    // The personal link opens the table as a named participant.
    const session = await apiCall<{ role: string; name: string }>(
      server.url,
      'GET',
      `/api/boards/${placed[0]!.boardId}`,
      placed[0]!.token,
    );
    expect(session.body).toMatchObject({ role: 'participant', name: 'Person 0' });

    const target = boards.find((b) => b.id !== placed[0]!.boardId)!;
    expect(
      (
        await admin('POST', `/api/forums/${forumId}/people/${placed[0]!.personId}/move`, {
          boardId: target.id,
        })
      ).status,
    ).toBe(200);
    const where = await apiCall<Placement>(
      server.url,
      'GET',
      `/api/forums/${forumId}/me`,
      placed[0]!.forumToken,
    );
    expect(where.body.boardId).toBe(target.id);

    const overview = await admin('GET', `/api/forums/${forumId}/overview`);
    const tables = (
      overview.body as { tables: Array<{ id: string; placed: number; notes: number }> }
    ).tables;
    expect(tables.map((t) => t.placed).reduce((a, b) => a + b, 0)).toBe(6);

    // A rotated entrance link no longer lets anyone in.
    await admin('POST', `/api/forums/${forumId}/entrance/rotate`);
    const refused = await apiCall(
      server.url,
      'POST',
      `/api/forums/${forumId}/entrance/join`,
      forum.entrance.token,
      { name: 'x' },
    );
    expect(refused.status).toBe(401);
    // People already placed still find their table.
    const stillThere = await apiCall<Placement>(
      server.url,
      'GET',
      `/api/forums/${forumId}/me`,
      placed[1]!.forumToken,
    );
    expect(stillThere.status).toBe(200);
    // An entrance token is valid but never opens a board.
    const asBoard = rawClient(boardUrl(server.syncUrl, boards[0]!.id, forum.entrance.token));
    expect((await asBoard.closed).code).toBe(CloseCode.Forbidden);
  });

  it('shows who is present, notes, clusters and phase on the overview', async () => {
    const { forumId, boards } = await forumWithTables(2, 'plenary');
    const board = boards[0]!;
    const join = await apiCall<{ token: string }>(
      server.url,
      'POST',
      `/api/boards/${board.id}/join`,
      board.tokens.participant,
      { name: 'Aino' },
    );
    const aino = connectProvider(server.syncUrl, board.id, join.body.token);
    await synced(aino.provider);
    createBoardCommands(aino.doc, {}).addNote({
      text: 'hello',
      x: 2000,
      y: 2000,
      authorId: null,
      authorName: null,
      lang: 'en',
    });
    await apiCall(
      server.url,
      'POST',
      `/api/boards/${board.id}/commands`,
      board.tokens.facilitator,
      { type: 'setPhase', phase: 'cluster' },
    );
    await waitFor(() => readBoard(server.app.rooms.peek(board.id)!.board.doc).notes.length === 1);
    const overview = await admin('GET', `/api/forums/${forumId}/overview`);
    const first = (overview.body as { tables: Array<Record<string, unknown>> }).tables[0]!;
    expect(first).toMatchObject({
      id: board.id,
      notes: 1,
      clusters: 3,
      phase: 'cluster',
      people: ['Aino'],
    });
    expect((first.present as { participant: number }).participant).toBe(1);
    expect(typeof first.lastActivity).toBe('string');
    await destroyAll(aino.provider);
  });
});
