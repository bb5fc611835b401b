import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, noteTexts } from '../helpers/boardContent';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

async function call(
  method: string,
  path: string,
  options: { token?: string | null; body?: string; headers?: Record<string, string> } = {},
) {
  const token = options.token === undefined ? server.adminToken : options.token;
  const res = await fetch(server.url + path, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      'Content-Type': 'application/json',
      ...options.headers,
    },
    body: options.body,
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON; the assertion below shows it
  }
  return { status: res.status, json: json as Record<string, unknown>, headers: res.headers, text };
}

const errorCode = (r: { json: Record<string, unknown> }) =>
  (r.json?.error as { code?: string })?.code;

describe('the HTTP API', () => {
  it('GET /healthz answers {"ok":true}', async () => {
    const r = await call('GET', '/healthz', { token: null });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true });
  });

  it('POST /api/forums creates a forum for the admin and answers 201 {id, title}', async () => {
    const r = await call('POST', '/api/forums', {
      body: JSON.stringify({ title: '  AI ethics  ' }),
    });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]+$/), title: 'AI ethics' });
    const list = await call('GET', '/api/forums');
    expect((list.json.forums as Array<{ id: string }>).map((f) => f.id)).toContain(r.json.id);
  });

  it('POST /api/forums/:id/boards answers 201 with role tokens and full links', async () => {
    const forum = await call('POST', '/api/forums', {
      body: JSON.stringify({ title: 'Mobility' }),
    });
    const r = await call('POST', `/api/forums/${forum.json.id as string}/boards`, {
      body: JSON.stringify({ title: 'Table 1' }),
    });
    expect(r.status).toBe(201);
    const body = r.json as {
      id: string;
      forumId: string;
      title: string;
      tokens: Record<string, string>;
      links: Record<string, string>;
    };
    expect(body.forumId).toBe(forum.json.id);
    expect(body.title).toBe('Table 1');
    for (const role of ['facilitator', 'participant', 'viewer']) {
      expect(body.tokens[role]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(body.links[role]).toBe(`${server.url}/board/${body.id}#token=${body.tokens[role]}`);
      const session = await call('GET', `/api/boards/${body.id}`, { token: body.tokens[role] });
      expect(session.status).toBe(200);
      expect(session.json).toMatchObject({
        id: body.id,
        title: 'Table 1',
        forumTitle: 'Mobility',
        role,
        frozen: false,
      });
    }
    const boards = await call('GET', `/api/forums/${forum.json.id as string}/boards`);
    expect((boards.json.boards as Array<{ id: string }>).map((b) => b.id)).toEqual([body.id]);
  });

  it('refuses a missing admin token with 401 and a wrong one with 403, creating nothing', async () => {
    const before = (await call('GET', '/api/forums')).json.forums as unknown[];
    const board = await server.board();
    const cases: Array<[string | null, number]> = [
      [null, 401],
      ['wrong-token', 403],
      [board.tokens.facilitator, 403],
    ];
    for (const [token, status] of cases) {
      const r = await call('POST', '/api/forums', { token, body: JSON.stringify({ title: 'x' }) });
      expect(r.status).toBe(status);
      expect(errorCode(r)).toBe(status === 401 ? 'unauthorized' : 'forbidden');
    }
    const after = (await call('GET', '/api/forums')).json.forums as unknown[];
    expect(after.length).toBe(before.length + 1); // only server.board()'s own forum
  });

  it('answers malformed JSON, wrong types and empty titles with 400 and a clear message', async () => {
    const bodies = [
      '{bad json',
      '',
      '[]',
      '{"title": 5}',
      '{"title": "   "}',
      JSON.stringify({ title: 'x'.repeat(201) }),
    ];
    for (const body of bodies) {
      const r = await call('POST', '/api/forums', { body });
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
      expect(errorCode(r)).toBe('bad_request');
      expect(typeof (r.json.error as { message: string }).message).toBe('string');
    }
  });

  it('answers oversized bodies with 413', async () => {
    const r = await call('POST', '/api/forums', {
      body: JSON.stringify({ title: 'x'.repeat(200 * 1024) }),
    });
    expect(r.status).toBe(413);
    expect(errorCode(r)).toBe('too_large');
  });

  it('answers unknown routes with 404 and wrong methods with 405 and Allow', async () => {
    const unknown = await call('GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('not_found');
    const wrong = await call('DELETE', '/api/forums');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
    const put = await call('PUT', '/healthz');
    expect(put.status).toBe(405);
  });

  it('answers unknown or traversing ids with 404, never touching anything else', async () => {
    for (const id of ['nope', '..%2F..%2Fetc%2Fpasswd', '%00', 'a'.repeat(65)]) {
      const r = await call('POST', `/api/forums/${id}/boards`, {
        body: JSON.stringify({ title: 'x' }),
      });
      expect({ id, status: r.status }).toEqual({ id, status: 404 });
      const b = await call('GET', `/api/boards/${id}`, { token: 'x' });
      expect({ id, status: b.status }).toEqual({ id, status: 404 });
    }
  });

  it('GET /api/boards/:id refuses forged and other-board tokens with 401', async () => {
    const board = await server.board();
    const other = await server.board();
    for (const token of [null, 'forged', other.tokens.facilitator]) {
      const r = await call('GET', `/api/boards/${board.id}`, { token });
      expect(r.status).toBe(401);
    }
  });

  it('validates commands: unknown types are 400, viewers and participants 403', async () => {
    const board = await server.board();
    const path = `/api/boards/${board.id}/commands`;
    expect(
      (await call('POST', path, { token: board.tokens.facilitator, body: '{"type":"explode"}' }))
        .status,
    ).toBe(400);
    expect(
      (await call('POST', path, { token: board.tokens.viewer, body: '{"type":"freeze"}' })).status,
    ).toBe(403);
    expect(
      (await call('POST', path, { token: board.tokens.participant, body: '{"type":"freeze"}' }))
        .status,
    ).toBe(403);
    expect((await call('POST', path, { token: null, body: '{"type":"freeze"}' })).status).toBe(401);
    const ok = await call('POST', path, {
      token: board.tokens.facilitator,
      body: '{"type":"freeze"}',
    });
    expect(ok.status).toBe(200);
    const session = await call('GET', `/api/boards/${board.id}`, { token: board.tokens.viewer });
    expect(session.json.frozen).toBe(true);
  });

  it('GET /metrics exposes Prometheus metrics, including the per-message counters', async () => {
    const board = await server.board();
    const client = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    await synced(client.provider);
    addNote(client.doc, 'counted');
    await waitFor(() => noteTexts(server.app.rooms.peek(board.id)?.board.doc).includes('counted'));
    await destroyAll(client.provider);
    const r = await call('GET', '/metrics', { token: null });
    expect(r.status).toBe(200);
    expect(r.text).toContain('talkoot_connections');
    expect(r.text).toContain('talkoot_persist_seconds');
    const bytesIn = /^talkoot_bytes_in_total (\d+)/m.exec(r.text);
    expect(Number(bytesIn?.[1])).toBeGreaterThan(0);
    expect(r.text).toMatch(/^talkoot_messages_in_total\{type="0"\} [1-9]/m);
  });

  it('never writes a token to its logs, whatever a client sends', async () => {
    const lines: string[] = [];
    const logged = await startTestServer({ logLines: lines });
    try {
      const board = await logged.board();
      const { WebSocket } = await import('ws');
      for (const token of [`${board.tokens.facilitator}x`, board.tokens.participant]) {
        const ws = new WebSocket(`${logged.syncUrl}/${board.id}?token=${token}`);
        await new Promise((r) => ws.on('open', r).on('close', r));
        ws.send('text frames are refused and logged');
        await new Promise((r) => ws.on('close', r));
      }
      await fetch(`${logged.url}/api/boards/${board.id}/commands`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${board.tokens.participant}` },
        body: '{"type":"freeze"}',
      });
      const all = lines.join('');
      expect(all).toContain('closing socket');
      for (const secret of [logged.adminToken, ...Object.values(board.tokens)]) {
        expect(all).not.toContain(secret);
      }
    } finally {
      await logged.close();
    }
  });
});
