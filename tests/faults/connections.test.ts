/**
 * Connection caps (server/transport/socketCaps.ts): one address cannot hold more than its share
 * of sockets while others connect; sockets that never identify themselves are let go; a server
 * at its total cap refuses with 4503 before its descriptors run out while the people already on
 * a board carry on; and every transient refusal (rate limit, not ready, full, shutting down) is
 * one the standard y-websocket provider retries by itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createBoardCommands } from '../../shared/board/commands';
import { boardRoots } from '../../shared/board/roots';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { adminApi } from '../helpers/adminApi';
import { boardUrl, destroyAll, step1Message, synced, waitFor } from '../helpers/clients';
import { dropSchema, PG_URL, postgresAvailable, testSchema } from '../helpers/postgres';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HONEST = '127.0.0.2';
const HOSTILE = '127.0.0.3';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const servers: TestServer[] = [];
const children: ChildProcess[] = [];
const providers: WebsocketProvider[] = [];
const sockets: { close(): void }[] = [];

afterAll(async () => {
  for (const p of providers) p.destroy();
  for (const s of sockets) s.close();
  for (const s of servers) await s.close();
  for (const c of children) {
    if (c.exitCode === null) {
      c.kill('SIGKILL');
      await new Promise((r) => c.once('exit', r));
    }
  }
});

/** A real y-websocket provider whose socket leaves from `localAddress`. */
function providerFrom(
  localAddress: string,
  syncUrl: string,
  room: string,
  token: string,
): { doc: Y.Doc; provider: WebsocketProvider; closes: number[]; permanent: number[] } {
  class FromAddress extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { localAddress });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, room, doc, {
    params: { token },
    // reason: ws's WebSocket is API-compatible with the browser one the provider expects
    WebSocketPolyfill: FromAddress as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    resyncInterval: -1,
  });
  providers.push(provider);
  const closes: number[] = [];
  const permanent: number[] = [];
  provider.on('connection-close', (e) => closes.push(e?.code ?? 0));
  // Emitted only for closes the provider will not retry (4400–4499).
  provider.on('closed', (e) => permanent.push(e.code));
  return { doc, provider, closes, permanent };
}

type Outcome = 'admitted' | number;

/**
 * A bare WebSocket from `localAddress` that asks for the document once open. Its outcome is
 * decided by what the server does, not by a timer: a sync answer means it was let in, a close
 * gives the code it was refused with (1006 when dropped without one).
 */
function rawFrom(url: string, localAddress: string): { outcome: Promise<Outcome>; close(): void } {
  const ws = new WebSocket(url, { localAddress });
  ws.on('error', () => undefined);
  const outcome = new Promise<Outcome>((resolve) => {
    ws.once('open', () => ws.send(step1Message()));
    ws.once('message', () => resolve('admitted'));
    ws.once('close', (code) => resolve(code));
  });
  const handle = { outcome, close: () => ws.terminate() };
  sockets.push(handle);
  return handle;
}

/** One HTTP GET from `localAddress`, on its own connection. */
function getFrom(
  url: string,
  localAddress = '127.0.0.1',
): Promise<{ status: number; retryAfter?: string }> {
  return new Promise((resolve) => {
    const req = http.get(url, { localAddress, agent: false }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }),
      );
    });
    req.on('error', () => resolve({ status: 0 }));
  });
}

/** Two facilitators on a board, and a check that an edit still reaches the other. */
function honestPair(board: CreatedBoard, syncUrl: string, from = HONEST) {
  const a = providerFrom(from, syncUrl, board.id, board.tokens.facilitator);
  const b = providerFrom(from, syncUrl, board.id, board.tokens.facilitator);
  let n = 0;
  return {
    a,
    b,
    closes: () => [...a.closes, ...b.closes],
    ready: () => Promise.all([synced(a.provider), synced(b.provider)]),
    async stillWorks(timeoutMs = 10_000) {
      n += 1;
      createBoardCommands(a.doc, {}).addNote({
        text: `still here ${n}`,
        x: n * 10,
        y: 0,
        authorId: null,
        authorName: null,
        lang: 'en',
      });
      const size = boardRoots(a.doc).notes.size;
      await waitFor(() => boardRoots(b.doc).notes.size === size, timeoutMs, 'an honest edit');
    },
  };
}

const count = (outcomes: Outcome[], what: Outcome) => outcomes.filter((o) => o === what).length;

describe('connection caps', () => {
  it('one address past MAX_CONNECTIONS_PER_ADDRESS is refused (4529, HTTP 429) while another connects and syncs, and a refused provider gets in by itself once a socket frees', async () => {
    const CAP = 20;
    const server = await startTestServer({ env: { MAX_CONNECTIONS_PER_ADDRESS: String(CAP) } });
    servers.push(server);
    const board = await server.board();
    const viewerUrl = boardUrl(server.syncUrl, board.id, board.tokens.viewer);

    const held = Array.from({ length: CAP }, () => rawFrom(viewerUrl, HOSTILE));
    const heldOutcomes = await Promise.all(held.map((h) => h.outcome));
    const extra = Array.from({ length: 10 }, () => rawFrom(viewerUrl, HOSTILE));
    const extraOutcomes = await Promise.all(extra.map((h) => h.outcome));
    const hostileHttp = await getFrom(`${server.url}/healthz`, HOSTILE);

    // Another address is not affected: it connects, syncs and relays, and loads pages.
    const honest = honestPair(board, server.syncUrl);
    await honest.ready();
    await honest.stillWorks();
    const honestHttp = await getFrom(`${server.url}/healthz`, HONEST);

    // A real provider from the full address is refused, retries with backoff, and gets in as
    // soon as one of that address's sockets closes.
    const late = providerFrom(HOSTILE, server.syncUrl, board.id, board.tokens.facilitator);
    await waitFor(() => late.closes.length > 0, 20_000, 'the late provider refused');
    held[0]!.close();
    const started = Date.now();
    await synced(late.provider, 30_000);
    const tookMs = Date.now() - started;

    console.log(
      `FAULTS connections per-address: cap=${CAP} admitted=${count(heldOutcomes, 'admitted')} ` +
        `refused=[${extraOutcomes}] http=${hostileHttp.status} retryAfter=${hostileHttp.retryAfter} ` +
        `otherAddressHttp=${honestHttp.status} honestCloses=[${honest.closes()}] ` +
        `lateCloses=[${late.closes}] latePermanent=[${late.permanent}] lateSyncedAfterFreeMs=${tookMs}`,
    );
    expect(heldOutcomes).toEqual(held.map(() => 'admitted'));
    expect(extraOutcomes).toEqual(extra.map(() => CloseCode.RateLimitedRetry));
    expect(hostileHttp).toEqual({ status: 429, retryAfter: '5' });
    expect(honestHttp.status).toBe(200);
    expect(honest.closes()).toEqual([]);
    expect(late.closes.every((c) => c === CloseCode.RateLimitedRetry)).toBe(true);
    expect(late.permanent).toEqual([]);
    for (const h of [...held, ...extra]) h.close();
    await destroyAll(honest.a.provider, honest.b.provider, late.provider);
  });

  it('sockets that send nothing, or never finish their request headers, are closed after SETUP_TIMEOUT_MS', async () => {
    const DEADLINE = 500;
    const server = await startTestServer({ env: { SETUP_TIMEOUT_MS: String(DEADLINE) } });
    servers.push(server);
    const caps = server.app.transport.caps;
    await waitFor(() => caps.counts.admitted === 0, 10_000, 'keep-alive sockets gone');
    const partials = [
      'GET / HTTP/1.1\r\nHost: x\r\n',
      'GET /sync/board?token=x HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n',
      'POST /api/forums HTTP/1.1\r\nContent-Type: application/json\r\nContent',
      'G',
    ];
    const SILENT = 40;
    const started = Date.now();
    const closedAfter = await Promise.all(
      Array.from({ length: SILENT + partials.length * 5 }, (_, i) => {
        const socket = net.connect({ port: server.app.port, host: '127.0.0.1' });
        sockets.push({ close: () => socket.destroy() });
        if (i >= SILENT) socket.once('connect', () => socket.write(partials[i % partials.length]!));
        socket.on('error', () => undefined);
        socket.resume();
        // Bounded: a socket still open after 30 s fails the test below as "not closed".
        return new Promise<number | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), 30_000);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve(Date.now() - started);
          });
        });
      }),
    );
    // A request that does finish its headers is answered as usual.
    const answered = await getFrom(`${server.url}/healthz`);
    await waitFor(() => caps.counts.admitted === 0, 10_000, 'every socket released');
    const times = closedAfter.filter((t): t is number => t !== null);
    console.log(
      `FAULTS connections idle: deadline=${DEADLINE}ms sockets=${closedAfter.length} ` +
        `closedByServer=${times.length} closedAfterMs=${Math.min(...times)}..${Math.max(...times)} ` +
        `completeRequest=${answered.status} admittedAfter=${caps.counts.admitted}`,
    );
    expect(times.length).toBe(closedAfter.length);
    // Never before the deadline: the server waits for honest slow starts.
    expect(Math.min(...times)).toBeGreaterThanOrEqual(DEADLINE - 50);
    expect(answered.status).toBe(200);
  });

  it('a WebSocket whose board cannot load before SETUP_TIMEOUT_MS is closed 4508, and its provider syncs by itself once the store answers', async () => {
    if (!(await postgresAvailable())) return;
    const DEADLINE = 1000;
    const schema = testSchema();
    const server = await startTestServer({
      env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, SETUP_TIMEOUT_MS: String(DEADLINE) },
    });
    servers.push(server);
    const locker = new pg.Client({ connectionString: PG_URL });
    await locker.connect();
    try {
      const board = await server.board();
      const honest = honestPair(board, server.syncUrl, '127.0.0.1');
      await honest.ready();
      // The boards table is locked: every new socket's board lookup waits (a stalled store).
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${schema}.boards IN ACCESS EXCLUSIVE MODE`);
      const raw = rawFrom(boardUrl(server.syncUrl, board.id, board.tokens.viewer), '127.0.0.1');
      const waiting = providerFrom('127.0.0.1', server.syncUrl, board.id, board.tokens.facilitator);
      const rawOutcome = await raw.outcome;
      await waitFor(() => waiting.closes.length > 0, 20_000, 'the waiting provider closed');
      // People already on the board do not need the lookup: they carry on.
      await honest.stillWorks();
      await locker.query('ROLLBACK');
      await synced(waiting.provider, 30_000);
      console.log(
        `FAULTS connections setup-deadline: deadline=${DEADLINE}ms rawClose=${rawOutcome} ` +
          `providerCloses=[${waiting.closes}] permanent=[${waiting.permanent}] syncedAfterUnlock=true ` +
          `honestCloses=[${honest.closes()}]`,
      );
      expect(rawOutcome).toBe(CloseCode.NotReadyRetry);
      expect(waiting.closes.every((c) => c === CloseCode.NotReadyRetry)).toBe(true);
      expect(waiting.permanent).toEqual([]);
      expect(honest.closes()).toEqual([]);
      await destroyAll(honest.a.provider, honest.b.provider, waiting.provider);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
      await server.close();
      servers.splice(servers.indexOf(server), 1);
      await dropSchema(schema);
    }
  });

  it('with 300 descriptors, idle TCP floods are let go and the total cap refuses with 4503 (HTTP 503) before descriptors run out, while the people on a board carry on', async () => {
    const FD_LIMIT = 300;
    const ADMIN_TOKEN = 'connections-admin-token-0123456789';
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-connections-'));
    // What `npm start` runs (server/start.sh), under a shell that may open only 300 files.
    const child = spawn('sh', ['-c', `ulimit -n ${FD_LIMIT} && exec sh server/start.sh`], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        TALKOOT_ADMIN_TOKEN: ADMIN_TOKEN,
        LOG_LEVEL: 'warn',
        SETUP_TIMEOUT_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => /On this machine:.*\n[\s\S]*Sockets: /.test(out), 60_000, 'server start');
    const port = Number(/On this machine:\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)![1]);
    const cap = Number(/Sockets: up to (\d+)/.exec(out)![1]);
    const url = `http://127.0.0.1:${port}`;
    const syncUrl = `ws://127.0.0.1:${port}/sync`;
    const [board] = await adminApi(url, ADMIN_TOKEN).boards(1);
    const honest = honestPair(board!, syncUrl, '127.0.0.1');
    await honest.ready();

    const fds = () => fs.readdirSync(`/proc/${child.pid}/fd`).length;
    let maxFds = fds();
    // The server's descriptors, sampled throughout (a sample that misses a peak only lowers it).
    const sampler = setInterval(() => {
      if (child.exitCode === null) maxFds = Math.max(maxFds, fds());
    }, 10);

    // First 500 bare TCP connections that never send a byte (the cheapest way to hold
    // descriptors): past the cap they are dropped, and the rest are let go at the deadline.
    const IDLE = 500;
    const idle = Array.from({ length: IDLE }, () => {
      const socket = net.connect({ port, host: '127.0.0.1' });
      sockets.push({ close: () => socket.destroy() });
      socket.on('error', () => undefined);
      const connected = new Promise<void>((resolve) => {
        socket.once('connect', () => resolve());
        socket.once('close', () => resolve());
      });
      const closed = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 30_000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      return { connected, closed };
    });
    await Promise.all(idle.map((i) => i.connected));
    // While they are held, the people already on the board carry on.
    await honest.stillWorks();
    const idleClosed = await Promise.all(idle.map((i) => i.closed));
    const afterIdle = await getFrom(`${url}/healthz`);
    maxFds = Math.max(maxFds, fds());

    const ATTEMPTS = 400;
    const outcomes: Outcome[] = [];
    const flood: ReturnType<typeof rawFrom>[] = [];
    for (let i = 0; i < ATTEMPTS; i += 50) {
      const batch = Array.from({ length: 50 }, () =>
        rawFrom(boardUrl(syncUrl, board!.id, board!.tokens.viewer), '127.0.0.1'),
      );
      flood.push(...batch);
      outcomes.push(...(await Promise.all(batch.map((b) => b.outcome))));
      maxFds = Math.max(maxFds, fds());
    }
    const full = await getFrom(`${url}/healthz`);
    await honest.stillWorks();
    const alive = child.exitCode === null;

    // Some leave; a newcomer's provider is let in by itself (after its own refusals, if any).
    flood
      .filter((_, i) => outcomes[i] === 'admitted')
      .slice(0, 10)
      .forEach((f) => f.close());
    const newcomer = providerFrom('127.0.0.1', syncUrl, board!.id, board!.tokens.facilitator);
    await synced(newcomer.provider, 30_000);
    maxFds = Math.max(maxFds, fds());

    clearInterval(sampler);
    const admitted = count(outcomes, 'admitted');
    const refused = count(outcomes, CloseCode.Unavailable);
    const dropped = count(outcomes, 1006);
    const other = outcomes.filter((o) => o !== 'admitted' && o !== 1006 && o !== 4503);
    console.log(
      `FAULTS connections total: fdLimit=${FD_LIMIT} cap=${cap} idleTcp=${IDLE} idleClosedByServer=` +
        `${idleClosed.filter(Boolean).length} healthzAfterIdle=${afterIdle.status} ` +
        `wsAttempts=${ATTEMPTS} admitted=${admitted} ` +
        `refused4503=${refused} droppedUnanswered=${dropped} other=[${other}] maxServerFds=${maxFds} ` +
        `http=${full.status} retryAfter=${full.retryAfter} processAlive=${alive} ` +
        `honestCloses=[${honest.closes()}] newcomerCloses=[${newcomer.closes}] newcomerSynced=true`,
    );
    expect(cap).toBeLessThan(FD_LIMIT);
    expect(idleClosed.every(Boolean)).toBe(true);
    expect(afterIdle.status).toBe(200);
    // Two honest sockets (and the admin calls' keep-alive ones) share the cap with the flood.
    expect(admitted).toBeLessThanOrEqual(cap - 2);
    expect(refused).toBeGreaterThan(0);
    expect(other).toEqual([]);
    expect(maxFds).toBeLessThan(FD_LIMIT);
    expect(full).toEqual({ status: 503, retryAfter: '5' });
    expect(alive).toBe(true);
    expect(honest.closes()).toEqual([]);
    expect(newcomer.permanent).toEqual([]);
    for (const f of flood) f.close();
    await destroyAll(honest.a.provider, honest.b.provider, newcomer.provider);
  });
});

describe('transient closes', () => {
  it('a rate-limited y-websocket provider is closed 4529, reconnects by itself and loses nothing', async () => {
    const server = await startTestServer({ env: { MAX_MESSAGES_PER_SECOND: '5' } });
    servers.push(server);
    const board = await server.board();
    const fast = providerFrom('127.0.0.1', server.syncUrl, board.id, board.tokens.facilitator);
    const observer = providerFrom('127.0.0.1', server.syncUrl, board.id, board.tokens.viewer);
    await Promise.all([synced(fast.provider), synced(observer.provider)]);
    // Forty separate edits in one go: forty messages, far past a burst of ten.
    const commands = createBoardCommands(fast.doc, {});
    for (let i = 0; i < 40; i++) {
      commands.addNote({ text: `n${i}`, x: i, y: 0, authorId: null, authorName: null, lang: 'en' });
    }
    await waitFor(() => fast.closes.length > 0, 10_000, 'the rate limit');
    const started = Date.now();
    // The observer reads only what the server relays and stores, so this is the server's count too.
    await waitFor(
      () => boardRoots(observer.doc).notes.size === 40,
      30_000,
      'every note at the observer',
    );
    console.log(
      `FAULTS connections rate-limit-reconnect: limit=5/s edits=40 closes=[${fast.closes}] ` +
        `permanent=[${fast.permanent}] reconnectAndResyncMs=${Date.now() - started} ` +
        `observerNotes=${boardRoots(observer.doc).notes.size}`,
    );
    expect(fast.closes.every((c) => c === CloseCode.RateLimitedRetry)).toBe(true);
    expect(fast.permanent).toEqual([]);
    expect(fast.provider.shouldConnect).toBe(true);
    await destroyAll(fast.provider, observer.provider);
  });

  it('shutting down closes sockets with 4503, which the provider retries', async () => {
    const server = await startTestServer();
    servers.push(server);
    const board = await server.board();
    const p = providerFrom('127.0.0.1', server.syncUrl, board.id, board.tokens.facilitator);
    await synced(p.provider);
    await server.close();
    await waitFor(() => p.closes.length > 0, 10_000, 'the shutdown close');
    // Give the provider a moment in which it would give up if it took the code as permanent.
    await sleep(200);
    console.log(
      `FAULTS connections shutdown: closes=[${p.closes}] permanent=[${p.permanent}] ` +
        `stillTrying=${p.provider.shouldConnect}`,
    );
    expect(p.closes[0]).toBe(CloseCode.Unavailable);
    expect(p.permanent).toEqual([]);
    expect(p.provider.shouldConnect).toBe(true);
    p.provider.destroy();
  });
});
