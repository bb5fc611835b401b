import type http from 'node:http';
import type net from 'node:net';
import { addressKey } from '../auth/joinLimits';
import type { Logger } from '../log';

/** Why a socket is refused: the server holds its total, or the address its share. */
export type Refusal = 'total' | 'address';

export interface SocketCapsOptions {
  /** Sockets the server holds at once (0 or less: no cap). */
  maxConnections: number;
  /** Sockets one address holds at once (0: no cap). */
  maxConnectionsPerAddress: number;
  /** A socket must finish the headers of its first request within this (ms). */
  setupTimeoutMs: number;
}

/**
 * Sockets over a cap that may wait at once to be answered (a 503, or a WebSocket close with a code);
 * past this they are dropped unanswered, so refusing costs at most this many descriptors.
 */
export const MAX_REFUSING = 64;
/** How long a refused socket has to send its request before it is dropped unanswered (ms). */
const REFUSE_GRACE_MS = 2000;
/** Refusals are logged at most this often, with counts (ms). */
const LOG_EVERY_MS = 10_000;

const refusals = new WeakMap<net.Socket, Refusal>();

/** Why the socket a request arrived on was refused, or null when it was let in. */
export function refusalOf(socket: net.Socket): Refusal | null {
  return refusals.get(socket) ?? null;
}

/**
 * Caps on the sockets of one HTTP server, counted when the TCP connection is accepted (before a
 * byte is parsed, so idle connections count as much as WebSockets): a total kept below the
 * open-file limit and a share per remote address (IPv6 by its /64). A socket over a cap is still
 * answered — HTTP 503/429 with Retry-After, or a WebSocket close in the transient 45xx band — as
 * long as few are waiting for that; `refusalOf` tells the handlers. A socket that sends no
 * complete request headers within `setupTimeoutMs` is destroyed.
 */
export class SocketCaps {
  private admitted = 0;
  private refusing = 0;
  private readonly perAddress = new Map<string, number>();
  private readonly waiting = new WeakMap<net.Socket, NodeJS.Timeout>();
  private refusedSinceLog = { total: 0, address: 0, dropped: 0 };
  private lastLog = 0;

  constructor(
    server: http.Server,
    private readonly options: SocketCapsOptions,
    private readonly log: Logger,
  ) {
    // Node's own backstop: past this it closes new connections on accept, unanswered.
    if (options.maxConnections > 0) server.maxConnections = options.maxConnections + MAX_REFUSING;
    server.on('connection', (socket: net.Socket) => this.onConnection(socket));
    server.on('request', (req: http.IncomingMessage) => this.identified(req.socket));
    server.on('upgrade', (req: http.IncomingMessage) => this.identified(req.socket));
  }

  /** Sockets let in, sockets being refused, and addresses holding any (for tests and metrics). */
  get counts(): { admitted: number; refusing: number; addresses: number } {
    return { admitted: this.admitted, refusing: this.refusing, addresses: this.perAddress.size };
  }

  private onConnection(socket: net.Socket): void {
    const key = addressKey(socket.remoteAddress);
    const { maxConnections, maxConnectionsPerAddress } = this.options;
    if (maxConnections > 0 && this.admitted >= maxConnections) return this.refuse(socket, 'total');
    const held = this.perAddress.get(key) ?? 0;
    if (maxConnectionsPerAddress > 0 && held >= maxConnectionsPerAddress) {
      return this.refuse(socket, 'address');
    }
    this.admitted += 1;
    this.perAddress.set(key, held + 1);
    const deadline = setTimeout(() => socket.destroy(), this.options.setupTimeoutMs);
    this.waiting.set(socket, deadline);
    socket.once('close', () => {
      clearTimeout(deadline);
      this.admitted -= 1;
      const left = (this.perAddress.get(key) ?? 1) - 1;
      if (left > 0) this.perAddress.set(key, left);
      else this.perAddress.delete(key);
    });
  }

  /** The socket sent a whole request (or an upgrade): its setup deadline is over. */
  private identified(socket: net.Socket): void {
    const deadline = this.waiting.get(socket);
    if (!deadline) return;
    clearTimeout(deadline);
    this.waiting.delete(socket);
  }

  private refuse(socket: net.Socket, why: Refusal): void {
    if (this.refusing >= MAX_REFUSING) {
      this.note('dropped');
      socket.destroy();
      return;
    }
    this.note(why);
    this.refusing += 1;
    refusals.set(socket, why);
    const grace = setTimeout(
      () => socket.destroy(),
      Math.min(REFUSE_GRACE_MS, this.options.setupTimeoutMs),
    );
    socket.once('close', () => {
      clearTimeout(grace);
      this.refusing -= 1;
    });
  }

  private note(kind: 'total' | 'address' | 'dropped'): void {
    this.refusedSinceLog[kind] += 1;
    const now = Date.now();
    if (now - this.lastLog < LOG_EVERY_MS) return;
    this.lastLog = now;
    this.log.warn(
      { ...this.refusedSinceLog, admitted: this.admitted, ...this.options },
      'sockets refused at a connection cap',
    );
    this.refusedSinceLog = { total: 0, address: 0, dropped: 0 };
  }
}
