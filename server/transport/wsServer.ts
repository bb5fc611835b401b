import type http from 'node:http';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CloseCode } from '@shared/protocol/closeCodes';
import { Connection, type ConnectionContext } from '../connection/connection';
import type { DocKind } from '../rooms/hooks';
import type { RoomManager } from '../rooms/roomManager';
import { refusalOf, SocketCaps } from './socketCaps';

export interface WebSocketTransport {
  readonly connections: ReadonlySet<Connection>;
  /** The socket caps of the server (counted for HTTP and WebSocket alike). */
  readonly caps: SocketCaps;
  close(): Promise<void>;
}

const SYNC_PATH = /^\/sync\/([^/]+)(?:\/(control|private))?\/?$/;

/**
 * Accepts WebSocket upgrades on `/sync/:boardId` (the board), `/sync/:boardId/control` (its
 * read-only control document) and `/sync/:boardId/private` (a person's private notes). Authentication happens on the open socket so that a refusal can
 * carry a close code the client understands, before any document data is sent. Also puts the
 * server's socket caps in place (server/transport/socketCaps.ts): a socket over a cap is
 * answered with a transient close, and one whose setup outlasts `setupTimeoutMs` is closed 4508.
 */
export function attachWebSocket(
  server: http.Server,
  ctx: ConnectionContext,
  heartbeatMs: number,
): WebSocketTransport {
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    // Frames up to the configured limit are read and refused with 4413 by the connection; ws
    // itself refuses anything claiming more than twice that (close 1009) before buffering it.
    maxPayload: ctx.limits.maxFrameBytes * 2,
    perMessageDeflate: false,
  });
  wss.on('error', (err) => ctx.log.error({ err }, 'websocket server error'));
  const caps = new SocketCaps(server, ctx.limits, ctx.log);

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = refusalOf(socket as net.Socket);
    if (refusal) {
      // A close code rather than an HTTP error, so a client can tell it to retry later.
      const [code, reason] =
        refusal === 'total'
          ? [CloseCode.Unavailable, 'The server is at its connection limit']
          : [CloseCode.RateLimitedRetry, 'Too many connections from this address'];
      wss.handleUpgrade(req, socket, head, (ws) => {
        ctx.metrics.closes.inc({ code: String(code) });
        ws.close(code, reason);
      });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = SYNC_PATH.exec(url.pathname);
    if (!match) {
      refuseUpgrade(socket, 404, 'not_found', 'WebSocket endpoint is /sync/:boardId');
      return;
    }
    const token = url.searchParams.get('token');
    const target = { boardId: match[1]!, doc: (match[2] ?? 'board') as DocKind };
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new Connection(ws, ctx, target, token);
      connections.add(conn);
      // A socket whose token check and board load have not finished by now is let go, with a
      // transient code: a slow store must not pile up waiting sockets.
      const deadline = setTimeout(() => {
        if (!joined(ctx.rooms, target.boardId, conn)) {
          conn.close(CloseCode.NotReadyRetry, 'The connection was not ready in time');
        }
      }, ctx.limits.setupTimeoutMs);
      ws.on('close', () => {
        clearTimeout(deadline);
        connections.delete(conn);
      });
    });
  });

  const timer = setInterval(() => {
    for (const conn of connections) conn.heartbeat();
  }, heartbeatMs);
  timer.unref();

  return {
    connections,
    caps,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        // 4503, not 1001 "going away": a transient code, so clients come back with backoff.
        for (const conn of connections) conn.close(CloseCode.Unavailable, 'Server shutting down');
        wss.close(() => resolve());
      }),
  };
}

/**
 * Whether `conn` has joined its document (its setup finished). The room has no lookup by peer;
 * `closePeers` with a predicate that selects nobody visits every document's peers, private ones
 * included, and closes none.
 */
function joined(rooms: RoomManager, boardId: string, conn: Connection): boolean {
  let found = false;
  rooms.peek(boardId)?.closePeers(
    (peer) => {
      if (peer === conn) found = true;
      return false;
    },
    CloseCode.InternalError,
    'unused',
  );
  return found;
}

function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Bad Request'}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
