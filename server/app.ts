import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { JoinLimiter } from './auth/joinLimits';
import { loadOrCreateSecret } from './auth/secrets';
import { TokenService } from './auth/tokens';
import { Boards } from './boards';
import { Entrance } from './console/entrance';
import { Facilitation } from './facilitation/facilitation';
import { facilitationRoomHooks } from './facilitation/roomHooks';
import type { Config } from './config';
import { createApiRouter } from './http/api';
import { createHttpServer } from './http/httpServer';
import { createLogger, type Logger } from './log';
import { createMetrics, type Metrics } from './metrics';
import { addOutcomeRoutes } from './outcomes/routes';
import { OutcomeService } from './outcomes/service';
import { openPostgresStore } from './persistence/postgres/postgresStore';
import { openSqliteStore } from './persistence/sqliteStore';
import { StorageHealth, watchStore } from './persistence/health';
import { Proposals } from './proposals/proposals';
import type { Store } from './persistence/store';
import { RoomManager } from './rooms/roomManager';
import { RedisBridge } from './scaleout/redisBridge';
import { attachWebSocket, type WebSocketTransport } from './transport/wsServer';

export interface Talkoot {
  server: http.Server;
  /** Base URL links are built from. */
  publicUrl: string;
  /** http://HOST:PORT as bound (127.0.0.1 when HOST is a wildcard). */
  localUrl: string;
  port: number;
  adminToken: string;
  store: Store;
  /** Whether the store can write (server/persistence/health.ts). */
  storage: StorageHealth;
  rooms: RoomManager;
  facilitation: Facilitation;
  /** Published outcomes and snapshots (server/outcomes). */
  outcomes: OutcomeService;
  transport: WebSocketTransport;
  metrics: Metrics;
  log: Logger;
  close(): Promise<void>;
}

/** Opens the store, binds HTTP + WebSocket on one port and resolves once it listens. */
export async function startTalkoot(
  config: Config,
  options: { logger?: Logger; snapshotEveryMs?: number } = {},
): Promise<Talkoot> {
  const log = options.logger ?? createLogger(config.logLevel);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const adminToken = config.adminToken ?? loadOrCreateSecret(config.dataDir, 'admin-token', 24);
  const secret = config.secret ?? loadOrCreateSecret(config.dataDir, 'secret', 32);
  const sqlite = config.databaseUrl
    ? null
    : openSqliteStore(path.join(config.dataDir, 'talkoot.db'), { log });
  const opened =
    sqlite ??
    (await openPostgresStore({
      connectionString: config.databaseUrl!,
      ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
    }));
  // Every write reports whether the store can write (a full disk): /healthz, fail-fast freezes.
  const storage = new StorageHealth(log, sqlite ? () => sqlite.probe() : undefined);
  const store = watchStore(opened, storage);
  const metrics = createMetrics();
  const tokens = new TokenService(secret, adminToken, config.tokenTtlSeconds);
  // A removed person's personal links open nothing, on every route and socket.
  tokens.useRemovals((boardId, personId) => store.isPersonRemoved(boardId, personId));
  // Several servers on one database share rooms through Redis.
  const bridge = config.redisUrl ? await RedisBridge.connect(config.redisUrl, log) : undefined;
  const rooms = new RoomManager(
    {
      store,
      limits: config.limits,
      metrics,
      log,
      compactEvery: config.compactEvery,
      bridge,
      quietMs: config.roomQuietMs,
      storage,
      // The rules of every room, registered once: who writes what and when, validate before
      // apply, the facilitator log.
      hooks: facilitationRoomHooks(),
    },
    { idleMs: config.roomIdleMs, maxLoadedRooms: config.limits.maxLoadedRooms },
    (count) => metrics.rooms.set(count),
  );

  // The public URL depends on the bound port (PORT=0 in tests), so routes read it lazily.
  let publicUrl = '';
  const boards = new Boards(store, tokens, rooms, () => publicUrl);
  // One limiter for board joins and the forum entrance: both mint people.
  const joinLimiter = new JoinLimiter(config.joins);
  const facilitation: Facilitation = new Facilitation(boards, store, tokens, rooms, {
    joinLimiter,
    maxDocBytes: config.limits.maxDocBytes,
    // Called on a phase change or a freeze, by which time the outcome service below exists.
    beforePhaseChange: async (room) => {
      // A failed snapshot is logged; it never blocks the facilitator.
      await outcomes.snapshots
        .snapshotRoom(room, 'before phase change')
        .catch((err: unknown) => log.error({ err, board: room.id }, 'phase snapshot failed'));
    },
    freezeBoard: async (room, actor) => {
      await outcomes.freezeBoard(room, room.record, actor);
    },
  });
  const outcomes: OutcomeService = new OutcomeService({
    store,
    rooms,
    boards,
    facilitation,
    log,
    publicUrl: () => publicUrl,
    snapshotEveryMs: options.snapshotEveryMs ?? config.snapshotEveryMs,
    storage,
  });
  const entrance = new Entrance(boards, store, tokens, joinLimiter);
  const router = createApiRouter({
    boards,
    console: { entrance, store, rooms, deviceCookieSeconds: config.tokenTtlSeconds },
    facilitation,
    outcomes,
    proposals: new Proposals(boards, rooms),
    tokens,
    metrics,
    maxBodyBytes: config.limits.maxBodyBytes,
    ready: () => true,
    storage,
  });
  addOutcomeRoutes(router, { boards, facilitation, store, outcomes });
  const server = createHttpServer(router, config.staticDir, log);
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  const transport = attachWebSocket(
    server,
    { rooms, store, tokens, limits: config.limits, metrics, log },
    config.heartbeatMs,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const localHost = isWildcard(config.host) ? '127.0.0.1' : config.host;
  const localUrl = `http://${formatHost(localHost)}:${port}`;
  publicUrl = (config.publicUrl ?? defaultPublicUrl(config.host, port)).replace(/\/+$/, '');
  outcomes.snapshots.start();

  let closing: Promise<void> | null = null;
  return {
    server,
    publicUrl,
    localUrl,
    port,
    adminToken,
    store,
    storage,
    rooms,
    facilitation,
    outcomes,
    transport,
    metrics,
    log,
    close: () =>
      (closing ??= (async () => {
        await transport.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await outcomes.snapshots.stop();
        await rooms.closeAll();
        await bridge?.close();
        await store.close();
      })()),
  };
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Links should work for people on the venue network: prefer the LAN address when bound to all. */
function defaultPublicUrl(host: string, port: number): string {
  if (!isWildcard(host)) return `http://${formatHost(host)}:${port}`;
  const lan = lanAddresses()[0];
  return `http://${lan ?? 'localhost'}:${port}`;
}

/** Non-internal IPv4 addresses of this machine. */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv4' && !a.internal) out.push(a.address);
    }
  }
  return out;
}
