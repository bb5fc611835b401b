import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_JOIN_LIMITS, type JoinLimits } from './auth/joinLimits';

/** Limits the relay enforces; each violation closes only the offending socket. */
export interface Limits {
  /** Largest WebSocket frame we read (bytes); larger closes with 4413. */
  maxFrameBytes: number;
  /** Largest single Yjs update (bytes). */
  maxUpdateBytes: number;
  /** Largest board (approximate encoded bytes) a room may grow to. */
  maxDocBytes: number;
  /** Bytes of updates whose dependencies have not arrived that a room may hold. */
  maxPendingBytes: number;
  /** Messages per second per connection (sustained) and burst. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Connections per board (all roles together). */
  maxConnectionsPerBoard: number;
  /** Boards held in memory at once. */
  maxLoadedRooms: number;
  /** Awareness: client ids one connection may own, bytes per state. */
  maxAwarenessIdsPerConnection: number;
  maxAwarenessStateBytes: number;
  /** Messages buffered while a connection is being set up. */
  maxEarlyMessages: number;
  /** Largest HTTP request body (bytes). */
  maxBodyBytes: number;
  /**
   * Sockets on the port (HTTP and WebSocket, counted per TCP connection): in total, kept below the
   * open-file limit so the server refuses (4503, HTTP 503) before descriptors run out, and per
   * remote address (0: no per-address cap). See server/transport/socketCaps.ts.
   */
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /**
   * A socket's first request must arrive, and a WebSocket's token check and board load finish,
   * within this (ms); otherwise it is dropped, or closed 4508.
   */
  setupTimeoutMs: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; when set, everything is stored there instead of SQLite. */
  databaseUrl: string | null;
  /** PostgreSQL schema to use (created if missing); default: the connection's search path. */
  databaseSchema: string | null;
  /** Redis for sharing rooms between several servers (needs DATABASE_URL). */
  redisUrl: string | null;
  publicUrl: string | null;
  adminToken: string | null;
  secret: string | null;
  staticDir: string;
  tokenTtlSeconds: number;
  heartbeatMs: number;
  roomIdleMs: number;
  roomQuietMs: number;
  compactEvery: number;
  /** Automatic snapshots of changed boards (ms); 0 turns them off. */
  snapshotEveryMs: number;
  logLevel: string;
  limits: Limits;
  /** The open-file limit the server started with (null where it cannot be read). */
  openFiles: OpenFileLimit | null;
  /** How fast joins may mint new people, per address and per link (server/auth/joinLimits.ts). */
  joins: JoinLimits;
}

export const DEFAULT_LIMITS: Limits = {
  maxFrameBytes: 1024 * 1024,
  maxUpdateBytes: 1024 * 1024,
  maxDocBytes: 64 * 1024 * 1024,
  maxPendingBytes: 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 400,
  maxConnectionsPerBoard: 5000,
  maxLoadedRooms: 1000,
  maxAwarenessIdsPerConnection: 4,
  maxAwarenessStateBytes: 8 * 1024,
  maxEarlyMessages: 64,
  maxBodyBytes: 64 * 1024,
  // Used only when the open-file limit cannot be read; configFromEnv derives it from that limit.
  maxConnections: 10_000,
  // About six sockets per person (board, control and private WebSockets, page loads with
  // keep-alive): a venue of some 150 people behind one NAT address fits.
  maxConnectionsPerAddress: 1000,
  setupTimeoutMs: 10_000,
};

/** The open-file limits of this process; `Infinity` when unlimited. */
export interface OpenFileLimit {
  soft: number;
  hard: number;
}

/** Reads "Max open files" from /proc/self/limits (Linux); null where there is no such file. */
export function readOpenFileLimit(
  read: () => string = () => fs.readFileSync('/proc/self/limits', 'utf8'),
): OpenFileLimit | null {
  let text: string;
  try {
    text = read();
  } catch {
    return null;
  }
  const match = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(text);
  if (!match) return null;
  const value = (v: string) => (v === 'unlimited' ? Infinity : Number(v));
  return { soft: value(match[1]!), hard: value(match[2]!) };
}

/**
 * The default total socket cap: the soft open-file limit less a reserve (a tenth of it, at least
 * 256) for the database, logs, the socket being refused and whatever else the process opens.
 */
export function defaultMaxConnections(limit: OpenFileLimit | null): number {
  if (!limit) return DEFAULT_LIMITS.maxConnections;
  if (!Number.isFinite(limit.soft)) return 1_000_000;
  const reserve = Math.max(256, Math.ceil(limit.soft / 10));
  return Math.max(64, limit.soft - reserve);
}

const int = (min: number) => z.coerce.number().int().min(min);

const EnvSchema = z.object({
  PORT: int(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  TALKOOT_ADMIN_TOKEN: z
    .string()
    .min(16, 'TALKOOT_ADMIN_TOKEN must be at least 16 characters')
    .optional(),
  TALKOOT_SECRET: z.string().min(32, 'TALKOOT_SECRET must be at least 32 characters').optional(),
  STATIC_DIR: z.string().min(1).optional(),
  TOKEN_TTL_DAYS: z.coerce.number().positive().default(365),
  HEARTBEAT_MS: int(100).default(30_000),
  ROOM_IDLE_MS: int(0).default(30_000),
  ROOM_QUIET_MS: int(0).default(10_000),
  COMPACT_EVERY: int(1).default(500),
  SNAPSHOT_EVERY_MS: int(0)
    .refine((ms) => ms === 0 || ms >= 1000, 'a whole number ≥ 1000, or 0')
    .default(10 * 60 * 1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_FRAME_BYTES: int(1024).default(DEFAULT_LIMITS.maxFrameBytes),
  MAX_UPDATE_BYTES: int(1024).optional(),
  MAX_DOC_BYTES: int(1024).default(DEFAULT_LIMITS.maxDocBytes),
  MAX_MESSAGES_PER_SECOND: int(1).default(DEFAULT_LIMITS.messagesPerSecond),
  MAX_CONNECTIONS_PER_BOARD: int(1).default(DEFAULT_LIMITS.maxConnectionsPerBoard),
  MAX_LOADED_ROOMS: int(1).default(DEFAULT_LIMITS.maxLoadedRooms),
  MAX_CONNECTIONS: int(16).optional(),
  MAX_CONNECTIONS_PER_ADDRESS: int(0).default(DEFAULT_LIMITS.maxConnectionsPerAddress),
  SETUP_TIMEOUT_MS: int(100).default(DEFAULT_LIMITS.setupTimeoutMs),
  JOIN_BURST_PER_ADDRESS: int(1).default(DEFAULT_JOIN_LIMITS.perAddress.burst),
  JOINS_PER_MINUTE_PER_ADDRESS: int(1).default(DEFAULT_JOIN_LIMITS.perAddress.perMinute),
  JOIN_BURST_PER_LINK: int(1).default(DEFAULT_JOIN_LIMITS.perLink.burst),
  JOINS_PER_MINUTE_PER_LINK: int(1).default(DEFAULT_JOIN_LIMITS.perLink.perMinute),
});

/**
 * Reads the configuration from environment variables; throws a readable error when one is invalid.
 * `openFiles` is the process's open-file limit, which the default socket cap is derived from.
 */
export function configFromEnv(
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
  openFiles: OpenFileLimit | null = readOpenFileLimit(),
): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error(
      'Invalid configuration:\n  REDIS_URL: servers sharing rooms must share a database; set DATABASE_URL too',
    );
  }
  const maxFrameBytes = e.MAX_FRAME_BYTES;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    databaseSchema: e.DATABASE_SCHEMA ?? null,
    redisUrl: e.REDIS_URL ?? null,
    publicUrl: e.PUBLIC_URL ?? null,
    adminToken: e.TALKOOT_ADMIN_TOKEN ?? null,
    secret: e.TALKOOT_SECRET ?? null,
    staticDir: path.resolve(cwd, e.STATIC_DIR ?? 'dist/client'),
    tokenTtlSeconds: Math.round(e.TOKEN_TTL_DAYS * 86_400),
    heartbeatMs: e.HEARTBEAT_MS,
    roomIdleMs: e.ROOM_IDLE_MS,
    roomQuietMs: e.ROOM_QUIET_MS,
    compactEvery: e.COMPACT_EVERY,
    snapshotEveryMs: e.SNAPSHOT_EVERY_MS,
    logLevel: e.LOG_LEVEL,
    limits: {
      ...DEFAULT_LIMITS,
      maxFrameBytes,
      maxUpdateBytes: e.MAX_UPDATE_BYTES ?? maxFrameBytes,
      maxDocBytes: e.MAX_DOC_BYTES,
      messagesPerSecond: e.MAX_MESSAGES_PER_SECOND,
      messageBurst: e.MAX_MESSAGES_PER_SECOND * 2,
      maxConnectionsPerBoard: e.MAX_CONNECTIONS_PER_BOARD,
      maxLoadedRooms: e.MAX_LOADED_ROOMS,
      maxConnections: e.MAX_CONNECTIONS ?? defaultMaxConnections(openFiles),
      maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
      setupTimeoutMs: e.SETUP_TIMEOUT_MS,
    },
    openFiles,
    joins: {
      perAddress: { burst: e.JOIN_BURST_PER_ADDRESS, perMinute: e.JOINS_PER_MINUTE_PER_ADDRESS },
      perLink: { burst: e.JOIN_BURST_PER_LINK, perMinute: e.JOINS_PER_MINUTE_PER_LINK },
    },
  };
}
