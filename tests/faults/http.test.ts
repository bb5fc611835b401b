import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createBoardCommands } from '../../shared/board/commands';
import { CloseCode } from '../../shared/protocol/closeCodes';
import {
  boardUrl,
  connectProvider,
  destroyAll,
  rawClient,
  synced,
  waitFor,
} from '../helpers/clients';
import { rawHttp, rawHttpBytes, type RawResponse } from '../helpers/httpRaw';
import { startTestServer, type TestServer } from '../helpers/server';

type Auth = 'none' | 'admin' | 'facilitator' | 'board' | 'writer' | 'personal';

interface Route {
  method: string;
  /** `:forumId`, `:boardId`, `:clusterId`, `:snapshotId`, `:version` are filled in. */
  path: string;
  auth: Auth;
  /** A valid, state-changing body: sent with bad tokens it proves the refusal changed nothing. */
  body?: unknown;
  /** Bodies with the right token that must be refused with 400. */
  badBodies?: unknown[];
}

const TITLE_BAD = [
  { title: 5 },
  { title: null },
  { title: ['a'] },
  { title: {} },
  { title: '' },
  { title: '   ' },
  { title: 'x'.repeat(201) },
  {},
  [],
  'title',
  42,
  null,
];

// Every route in docs/API.md.
const ROUTES: Route[] = [
  { method: 'GET', path: '/healthz', auth: 'none' },
  { method: 'GET', path: '/metrics', auth: 'none' },
  { method: 'GET', path: '/api/time', auth: 'none' },
  { method: 'GET', path: '/api/forums', auth: 'admin' },
  {
    method: 'POST',
    path: '/api/forums',
    auth: 'admin',
    body: { title: 'Hacked' },
    badBodies: TITLE_BAD,
  },
  { method: 'GET', path: '/api/forums/:forumId', auth: 'admin' },
  { method: 'GET', path: '/api/forums/:forumId/boards', auth: 'admin' },
  {
    method: 'POST',
    path: '/api/forums/:forumId/boards',
    auth: 'admin',
    body: { title: 'Hacked' },
    badBodies: TITLE_BAD,
  },
  { method: 'GET', path: '/api/boards/:boardId', auth: 'board' },
  {
    method: 'POST',
    path: '/api/boards/:boardId/commands',
    auth: 'facilitator',
    body: { type: 'setPhase', phase: 'vote' },
    badBodies: [
      { type: 'setPhase', phase: 'nope' },
      { type: 'setPhase' },
      { type: 'startTimer', durationMs: -5 },
      { type: 'startTimer', durationMs: '60000' },
      { type: 'startTimer', durationMs: 1e12 },
      {
        type: 'configureVoting',
        budget: 1000,
        allowMultiple: true,
        hidden: true,
        allowRemote: true,
      },
      { type: 'lockCluster', clusterId: 5, locked: 'yes' },
      { type: 'spotlight', target: { kind: 'person', id: 1 } },
      { type: 'follow', active: 1 },
      { type: 'viewport', viewport: { x: 'NaN', y: 0, scale: -1 } },
      { type: '__proto__' },
      { type: 'constructor' },
      { type: 5 },
      {},
      [],
      null,
    ],
  },
  { method: 'POST', path: '/api/boards/:boardId/freeze', auth: 'facilitator' },
  { method: 'POST', path: '/api/boards/:boardId/unfreeze', auth: 'facilitator' },
  { method: 'GET', path: '/api/boards/:boardId/snapshots', auth: 'facilitator' },
  { method: 'POST', path: '/api/boards/:boardId/snapshots', auth: 'facilitator' },
  {
    method: 'POST',
    path: '/api/boards/:boardId/snapshots/:snapshotId/restore',
    auth: 'facilitator',
  },
  {
    method: 'POST',
    path: '/api/boards/:boardId/join',
    auth: 'board',
    body: { name: 'Mallory', lang: 'en' },
    badBodies: [
      { name: '' },
      { name: 'x'.repeat(81) },
      { name: 5 },
      { name: 'A', tags: 'x' },
      { name: 'A', tags: [1] },
      { name: 'A', tags: Array.from({ length: 13 }, (_, i) => `t${i}`) },
      { name: 'A', tags: ['x'.repeat(41)] },
      { name: 'A', lang: 'xx' },
      [],
    ],
  },
  // Anyone on the board may read votes (their own, and tallies when visible).
  { method: 'GET', path: '/api/boards/:boardId/votes', auth: 'board' },
  {
    method: 'POST',
    path: '/api/boards/:boardId/votes',
    auth: 'personal',
    body: { noteId: ':noteId', delta: 1 },
    badBodies: [
      { noteId: 5, delta: 1 },
      { noteId: 'n', delta: 2 },
      { noteId: 'n', delta: 0.5 },
      { delta: 1 },
      { noteId: 'n' },
    ],
  },
  {
    method: 'POST',
    path: '/api/boards/:boardId/proposals/:clusterId',
    auth: 'writer',
    body: { lang: 'en' },
    badBodies: [{ lang: 'xx' }, { lang: 5 }, {}, 'en'],
  },
  { method: 'GET', path: '/api/boards/:boardId/people', auth: 'facilitator' },
  { method: 'GET', path: '/outcomes/:boardId/v/:version', auth: 'none' },
  { method: 'GET', path: '/outcomes/:boardId/v/:version.json', auth: 'none' },
];

const MALFORMED_JSON = [
  '{',
  '{"title":',
  '{"title":"a"}garbage',
  "{'title':'a'}",
  'nul',
  '\u0000',
  '\uFEFF{"title":"a"',
  '['.repeat(60_000),
  '{"title":"\\ud800"',
];

const TRAVERSAL_IDS = [
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%2E%2E%2F%2E%2E',
  'a'.repeat(65),
  'a%00b',
  '%E2%80%AEevil',
  'a%20b',
  '%3Cscript%3E',
  'x'.repeat(2000),
  'secret',
];

const STATIC_PROBES = [
  '/../../etc/passwd',
  '/..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/package.json',
  '/..%2f..%2fpackage.json',
  '/admin-token',
  '/secret',
  '/talkoot.db',
  '/data/admin-token',
  '/.env',
  '/outcomes/..%2f..%2fsecret/v/1.json',
  '/outcomes/x/v/..%2f..%2f..%2fsecret',
  '/board/..%2f..%2f..%2fsecret',
];

let server: TestServer | null = null;

afterAll(async () => {
  await server?.close();
});

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('HTTP input', () => {
  it('every route answers malformed, oversized, traversing and unauthenticated requests with a clear 4xx, changes nothing and logs no token', async () => {
    const logLines: string[] = [];
    server = await startTestServer({ logLines });
    const { app } = server;
    const port = app.port;
    const forum = await server.createForum('Forum');
    const boardA = await server.createBoard(forum.id, 'A');
    const boardB = await server.createBoard(forum.id, 'B');
    const admin = server.adminToken;

    // Give board A a note and a person, so note, vote and people routes have something to refuse.
    const writer = connectProvider(server.syncUrl, boardA.id, boardA.tokens.participant);
    await synced(writer.provider);
    const noteId = createBoardCommands(writer.doc, {}).addNote({
      text: 'n',
      x: 0,
      y: 0,
      authorId: null,
      authorName: null,
      lang: 'en',
    });
    const clusterId = createBoardCommands(writer.doc, {}).addCluster({ title: 'c', x: 0, y: 0 });
    await waitFor(() => app.rooms.peek(boardA.id)?.board.doc.getMap('notes').has(noteId) === true);
    await destroyAll(writer.provider);
    const joined = await fetch(`${server.url}/api/boards/${boardA.id}/join`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${boardA.tokens.participant}` },
      body: JSON.stringify({ name: 'Aino', lang: 'fi' }),
    });
    const personal = ((await joined.json()) as { token: string }).token;

    // Tokens that must open nothing.
    const secret = fs.readFileSync(path.join(server.dataDir, 'secret'), 'utf8').trim();
    const sign = (key: string, claims: Record<string, unknown>, exp: number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('talkoot')
        .setSubject(boardA.id)
        .setIssuedAt(exp - 3600)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(key));
    const now = Math.floor(Date.now() / 1000);
    const facilitatorClaims = { role: 'facilitator', gen: 1, kind: 'board' };
    const [viewerHead, , viewerSig] = boardA.tokens.viewer.split('.');
    const bad: Record<string, string | null> = {
      missing: null,
      garbage: 'abc',
      'forged-role': `${viewerHead}.${b64url({ ...facilitatorClaims, iss: 'talkoot', sub: boardA.id, exp: now + 3600 })}.${viewerSig}`,
      'alg-none': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...facilitatorClaims, iss: 'talkoot', sub: boardA.id, exp: now + 3600 })}.`,
      'other-secret': await sign(
        randomBytes(32).toString('base64url'),
        facilitatorClaims,
        now + 3600,
      ),
      expired: await sign(secret, facilitatorClaims, now - 60),
      'other-board': boardB.tokens.facilitator,
      huge: 'a'.repeat(10_000),
    };
    const roleTokens: Record<string, string> = {
      viewer: boardA.tokens.viewer,
      participant: boardA.tokens.participant,
      facilitator: boardA.tokens.facilitator,
    };
    const secrets = [
      admin,
      secret,
      personal,
      ...Object.values(roleTokens),
      ...Object.values(boardB.tokens),
    ];
    for (const t of Object.values(bad)) if (t && t.length > 20) secrets.push(t);

    const fill = (p: string, id = boardA.id) =>
      p
        .replace(':forumId', forum.id)
        .replace(':boardId', id)
        .replace(':clusterId', clusterId)
        .replace(':snapshotId', 'nosuchsnapshot')
        .replace(':version', '1');
    const bodyText = (b: unknown) => JSON.stringify(b).replace(':noteId', noteId);
    const goodToken = (auth: Auth): string | null =>
      ({
        none: null,
        admin,
        facilitator: boardA.tokens.facilitator,
        board: boardA.tokens.participant,
        writer: boardA.tokens.participant,
        personal,
      })[auth];

    /** What the server's state looks like through its own API. */
    const state = async () => {
      const get = async (p: string, token: string) =>
        (
          await rawHttp(port, {
            method: 'GET',
            path: p,
            headers: { Authorization: `Bearer ${token}` },
          })
        ).body;
      const forums = JSON.parse(await get('/api/forums', admin)) as { forums: unknown[] };
      const boards = (
        JSON.parse(await get(`/api/forums/${forum.id}/boards`, admin)) as {
          boards: Array<{ id: string; title: string }>;
        }
      ).boards.map((b) => ({ id: b.id, title: b.title }));
      const perBoard = [];
      for (const b of [boardA, boardB]) {
        const t = b.tokens.facilitator;
        perBoard.push({
          session: await get(`/api/boards/${b.id}`, t),
          snapshots: await get(`/api/boards/${b.id}/snapshots`, t),
          people: await get(`/api/boards/${b.id}/people`, t),
          board: (await app.store.loadDoc(b.id)).bytes,
          control: (await app.store.loadDoc(`${b.id}/control`)).bytes,
        });
      }
      return { forums: forums.forums, boards, perBoard };
    };
    const before = await state();

    const problems: string[] = [];
    const tally: Record<string, number> = {};
    let requests = 0;
    const check = (what: string, r: RawResponse, allowed: number[]) => {
      requests += 1;
      tally[r.status] = (tally[r.status] ?? 0) + 1;
      if (!allowed.includes(r.status)) {
        problems.push(`${what} → ${r.status || r.error} ${r.body.slice(0, 120)}`);
        return;
      }
      if (r.status >= 400 && r.status !== 431 && r.body) {
        let code: unknown;
        try {
          code = (JSON.parse(r.body) as { error?: { code?: unknown } }).error?.code;
        } catch {
          code = undefined;
        }
        if (typeof code !== 'string') problems.push(`${what} → ${r.status} without an error code`);
      }
    };
    const send = (method: string, p: string, token: string | null, body?: string) =>
      rawHttp(port, {
        method,
        path: p,
        headers: {
          'Content-Type': 'application/json',
          ...(token !== null ? { Authorization: `Bearer ${token}` } : {}),
        },
        body,
      });

    for (const route of ROUTES) {
      const p = fill(route.path);
      const valid = route.body === undefined ? undefined : bodyText(route.body);
      const label = `${route.method} ${route.path}`;

      // Wrong methods: 405 with Allow.
      for (const m of ['PUT', 'PATCH', 'DELETE']) {
        const r = await send(m, p, goodToken(route.auth));
        check(`${label} as ${m}`, r, [405]);
        if (r.status === 405 && !r.headers.allow)
          problems.push(`${label} as ${m}: 405 without Allow`);
      }
      if (route.auth === 'none') continue;

      // Missing, forged, expired, other-board tokens, with a valid body.
      for (const [name, token] of Object.entries(bad)) {
        const r = await send(route.method, p, token, valid);
        check(`${label} token=${name}`, r, name === 'missing' ? [401] : [401, 403]);
      }
      for (const scheme of [
        'Basic YWRtaW46YWRtaW4=',
        'Bearer',
        `Bearer ${admin} extra`,
        `bearer\t`,
      ]) {
        const r = await rawHttp(port, {
          method: route.method,
          path: p,
          headers: { Authorization: scheme, 'Content-Type': 'application/json' },
          body: valid,
        });
        check(`${label} auth="${scheme.slice(0, 12)}"`, r, [401, 403]);
      }
      // Valid tokens of a role that may not do this.
      const weaker =
        route.auth === 'admin'
          ? ['viewer', 'participant', 'facilitator']
          : route.auth === 'facilitator'
            ? ['viewer', 'participant']
            : route.auth === 'writer'
              ? ['viewer']
              : route.auth === 'personal'
                ? ['participant', 'facilitator']
                : [];
      for (const role of weaker) {
        const r = await send(route.method, p, roleTokens[role]!, valid);
        check(`${label} as ${role}`, r, [401, 403]);
      }

      // Ids that are not ids, with the right token: unknown.
      if (route.path.includes(':')) {
        for (const id of TRAVERSAL_IDS) {
          const traversed = route.path.includes(':boardId')
            ? fill(route.path, id)
            : fill(route.path).replace(forum.id, id);
          const r = await send(route.method, traversed, goodToken(route.auth), valid);
          check(`${label} id=${id.slice(0, 24)}`, r, [404]);
        }
      }

      // Routes without a body ignore one; the body checks are for those that read it.
      if (route.body === undefined) continue;
      const token = goodToken(route.auth);
      // Bodies: malformed JSON, empty, wrong types, too large.
      if (route.badBodies) {
        for (const text of MALFORMED_JSON) {
          check(
            `${label} body=${JSON.stringify(text.slice(0, 16))}`,
            await send('POST', p, token, text),
            [400],
          );
        }
        check(`${label} empty body`, await send('POST', p, token, ''), [400]);
        for (const b of route.badBodies) {
          check(
            `${label} body=${JSON.stringify(b).slice(0, 40)}`,
            await send('POST', p, token, JSON.stringify(b)),
            [400],
          );
        }
      }
      const huge = JSON.stringify({ title: 'h'.repeat(1024 * 1024) });
      const r1 = await send('POST', p, token, huge);
      check(`${label} 1 MiB body`, r1, [413]);
      const r2 = await rawHttp(port, {
        method: 'POST',
        path: p,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        chunks: Array.from({ length: 16 }, () => Buffer.alloc(64 * 1024, 0x61)),
      });
      check(`${label} 1 MiB chunked body`, r2, [413]);
    }

    // Paths that try to climb out of the static directory or into DATA_DIR.
    const leaks: string[] = [];
    for (const probe of STATIC_PROBES) {
      const r = await rawHttp(port, { method: 'GET', path: probe });
      requests += 1;
      tally[r.status] = (tally[r.status] ?? 0) + 1;
      if (r.status >= 500 && r.status !== 503) problems.push(`GET ${probe} → ${r.status}`);
      for (const s of [admin, secret, 'root:x:0:0', 'SQLite format', '"name": "talkoot"']) {
        if (r.body.includes(s)) leaks.push(`GET ${probe} leaks ${s.slice(0, 12)}…`);
      }
    }
    // `..` segments are resolved before routing: they reach another route, whose rules apply.
    for (const [p, token, allowed] of [
      [`/api/boards/${boardA.id}/../../forums`, boardA.tokens.facilitator, [403]],
      [`/api/boards/${boardA.id}/../../forums`, null, [401]],
      [`/api/boards/../forums/${forum.id}/boards`, boardA.tokens.participant, [403]],
      [`/sync/../api/forums`, null, [401]],
    ] as Array<[string, string | null, number[]]>) {
      check(`GET ${p}`, await send('GET', p, token), allowed);
    }

    // HTTP the parser must refuse: smuggling (Content-Length with chunked) and huge headers.
    const smuggle = await rawHttpBytes(
      port,
      `POST /api/forums HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n` +
        'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n{"title":"smuggled"}',
    );
    const bigHeader = await rawHttpBytes(
      port,
      `GET /api/forums HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    requests += 2;
    if (!/ 400 /.test(smuggle)) problems.push(`CL+TE → ${smuggle}`);
    if (!/ 431 /.test(bigHeader)) problems.push(`20 KB header → ${bigHeader}`);

    // Sockets opened with the same bad tokens (they travel in the query string there).
    const wsCodes: number[] = [];
    for (const token of Object.values(bad)) {
      const raw = rawClient(boardUrl(server.syncUrl, boardA.id, token ?? undefined));
      wsCodes.push((await raw.closed).code);
    }
    if (wsCodes.some((c) => c !== CloseCode.Unauthorized)) problems.push(`sockets → ${wsCodes}`);

    const after = await state();
    const tokenLines = logLines.filter((line) => secrets.some((s) => line.includes(s)));
    console.log(
      `FAULTS http: routes=${ROUTES.length} requests=${requests} statuses=${JSON.stringify(tally)} ` +
        `problems=${problems.length} leaks=${leaks.length} changed=${JSON.stringify(before) !== JSON.stringify(after)} ` +
        `logLines=${logLines.length} tokenInLogs=${tokenLines.length}`,
    );
    expect(problems.slice(0, 30)).toEqual([]);
    expect(leaks).toEqual([]);
    expect(after).toEqual(before);
    expect(tokenLines.slice(0, 3)).toEqual([]);
    expect(tally['500'] ?? 0).toBe(0);
  });
});
