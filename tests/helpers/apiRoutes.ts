import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Which token a route wants. */
export type Auth =
  'none' | 'admin' | 'facilitator' | 'board' | 'writer' | 'personal' | 'entrance' | 'forum-person';

export interface ApiRoute {
  method: string;
  /** With `:forumId`, `:boardId`, `:clusterId`, `:snapshotId`, `:personId` placeholders. */
  path: string;
  auth: Auth;
  /** A valid, state-changing body: sent with bad tokens it proves the refusal changed nothing. */
  body?: unknown;
  /** Bodies that, with the right token, must be refused with 400. Only for routes reading one. */
  badBodies?: unknown[];
}

const API_MD = fileURLToPath(new URL('../../docs/API.md', import.meta.url));

const TITLE_BAD: unknown[] = [
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

const JOIN_BAD: unknown[] = [
  { name: '' },
  { name: 'x'.repeat(81) },
  { name: 5 },
  { name: 'A', tags: 'x' },
  { name: 'A', tags: [1] },
  { name: 'A', tags: Array.from({ length: 13 }, (_, i) => `t${i}`) },
  { name: 'A', tags: ['x'.repeat(41)] },
  { name: 'A', lang: 'xx' },
  [],
];

/** What is known of each documented route; a documented route missing here gets a default. */
const KNOWN: Record<string, Omit<ApiRoute, 'method' | 'path'>> = {
  'GET /healthz': { auth: 'none' },
  'GET /metrics': { auth: 'none' },
  'GET /api/time': { auth: 'none' },
  'GET /api/forums': { auth: 'admin' },
  'POST /api/forums': {
    auth: 'admin',
    body: { title: 'Hacked' },
    badBodies: [
      ...TITLE_BAD,
      { title: 'x', date: '26-1-1' },
      { title: 'x', languages: ['xx'] },
      { title: 'x', description: 5 },
    ],
  },
  'GET /api/forums/:forumId': { auth: 'admin' },
  'PATCH /api/forums/:forumId': {
    auth: 'admin',
    body: { title: 'Hacked' },
    badBodies: [{}, { title: '' }, { title: 5 }, { languages: 'fi' }, { date: 'yesterday' }, []],
  },
  'POST /api/forums/:forumId/boards': {
    auth: 'admin',
    body: { title: 'Hacked' },
    badBodies: [...TITLE_BAD, { title: 'x', template: 'evil' }, { title: 'x', lang: 'xx' }],
  },
  'POST /api/forums/:forumId/boards/batch': {
    auth: 'admin',
    body: { count: 2 },
    badBodies: [{ count: 0 }, { count: 51 }, { count: '2' }, { count: 1.5 }, {}, []],
  },
  'GET /api/forums/:forumId/boards': { auth: 'admin' },
  'PUT /api/forums/:forumId/boards/order': {
    auth: 'admin',
    body: { ids: [':boardB', ':boardId'] },
    badBodies: [
      { ids: [] },
      { ids: [':boardId'] },
      { ids: [':boardId', ':boardId'] },
      { ids: ':boardId' },
      {},
    ],
  },
  'PATCH /api/boards/:boardId': {
    auth: 'admin',
    body: { title: 'Hacked' },
    badBodies: [{}, { title: '' }, { title: 5 }, { archived: 'yes' }, []],
  },
  'POST /api/boards/:boardId/links/rotate': { auth: 'admin' },
  'GET /api/forums/:forumId/overview': { auth: 'admin' },
  'GET /api/forums/:forumId/people': { auth: 'admin' },
  'POST /api/forums/:forumId/people/:personId/move': {
    auth: 'admin',
    body: { boardId: ':boardB' },
    badBodies: [{ boardId: 5 }, {}, []],
  },
  'POST /api/forums/:forumId/entrance/rotate': { auth: 'admin' },
  'GET /api/forums/:forumId/entrance': { auth: 'entrance' },
  'POST /api/forums/:forumId/entrance/join': {
    auth: 'entrance',
    body: { name: 'Mallory', lang: 'en' },
    badBodies: JOIN_BAD,
  },
  'GET /api/forums/:forumId/me': { auth: 'forum-person' },
  'GET /api/boards/:boardId': { auth: 'board' },
  'POST /api/boards/:boardId/commands': {
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
  'POST /api/boards/:boardId/freeze': { auth: 'facilitator' },
  'POST /api/boards/:boardId/unfreeze': { auth: 'facilitator' },
  'GET /api/boards/:boardId/snapshots': { auth: 'facilitator' },
  'POST /api/boards/:boardId/snapshots': { auth: 'facilitator' },
  'POST /api/boards/:boardId/snapshots/:snapshotId/restore': { auth: 'facilitator' },
  'POST /api/boards/:boardId/join': {
    auth: 'board',
    body: { name: 'Mallory', lang: 'en' },
    badBodies: JOIN_BAD,
  },
  // Anyone on the board may read votes (their own, and tallies when visible).
  'GET /api/boards/:boardId/votes': { auth: 'board' },
  'POST /api/boards/:boardId/votes': {
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
  'POST /api/boards/:boardId/proposals/:clusterId': {
    auth: 'writer',
    body: { lang: 'en' },
    badBodies: [{ lang: 'xx' }, { lang: 5 }, {}, 'en'],
  },
  'GET /api/boards/:boardId/people': { auth: 'facilitator' },
};

/** A guess for a route documented after this file was written: the strictest plausible token. */
function defaultFor(path: string): Omit<ApiRoute, 'method' | 'path'> {
  if (path.startsWith('/api/forums')) return { auth: 'admin' };
  if (path.startsWith('/api/boards')) return { auth: 'facilitator' };
  return { auth: 'none' };
}

/** Every `METHOD /path` documented in a heading of docs/API.md, with what is known of it. */
export function documentedRoutes(): ApiRoute[] {
  const text = fs.readFileSync(API_MD, 'utf8');
  const routes: ApiRoute[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('### ')) continue;
    for (const m of line.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s]*)`/g)) {
      const key = `${m[1]} ${m[2]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({ method: m[1]!, path: m[2]!, ...(KNOWN[key] ?? defaultFor(m[2]!)) });
    }
  }
  return routes;
}

/** Routes this file knows but the documentation no longer lists (a hint to update it). */
export function undocumentedKnown(routes: ApiRoute[]): string[] {
  const documented = new Set(routes.map((r) => `${r.method} ${r.path}`));
  return Object.keys(KNOWN).filter((k) => !documented.has(k));
}

export const MALFORMED_JSON = [
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

/** Ids that are not ids: each must be simply unknown (404). */
export const TRAVERSAL_IDS = [
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

/** Paths that try to climb out of the static directory or into DATA_DIR. */
export const STATIC_PROBES = [
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
  '/forum/..%2f..%2fsecret',
];
