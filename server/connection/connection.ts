import type { WebSocket, RawData } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import { isValidId } from '@shared/ids';
import { CloseCode } from '@shared/protocol/closeCodes';
import { MessageType, SyncStep } from '@shared/protocol/messageTypes';
import { sendsPresence, type Role } from '@shared/roles';
import type { TokenService } from '../auth/tokens';
import type { Limits } from '../config';
import { AppError } from '../errors';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { ForumStore } from '../persistence/store';
import type { BoardRoom } from '../rooms/boardRoom';
import type { DocRoom } from '../rooms/docRoom';
import type { DocKind, Refusal } from '../rooms/hooks';
import type { Peer } from '../rooms/peer';
import type { RoomManager } from '../rooms/roomManager';
import { WriteRefused } from '../rooms/writePolicy';
import { closeFor } from './closeFor';
import { RateLimiter } from './rateLimiter';
import { asBuffer, corkForTurn } from '../transport/corking';
import { Outgoing, rawSocketOf } from '../transport/outgoing';

export interface ConnectionContext {
  rooms: RoomManager;
  store: ForumStore;
  tokens: TokenService;
  limits: Limits;
  metrics: Metrics;
  log: Logger;
}

export interface ConnectionTarget {
  boardId: string;
  /**
   * `board`: the board; `control`: its read-only control document (`<boardId>/control`);
   * `private`: the private notes of the person whose personal token opens it (`<boardId>/private`).
   */
  doc: DocKind;
}

/** A slow reader whose send buffer grows past this is cut off rather than hold memory. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

type Handler = (conn: Connection, decoder: decoding.Decoder) => void;

let nextId = 1;

/** How many more presence messages than others a connection may send (echoes of others'). */
const ECHO_ALLOWANCE = 10;

/**
 * One WebSocket speaking the y-websocket protocol for one document. The message listener is
 * attached before any await; messages that arrive while the token is checked and the room loads
 * are buffered (with a cap) and handled in order afterwards.
 */
export class Connection implements Peer {
  readonly id = nextId++;
  role: Role = 'viewer';
  displayName = 'viewer';
  personId: string | null = null;
  linkGen = 0;
  alive = true;
  private state: 'authenticating' | 'open' | 'closed' = 'authenticating';
  private early: Uint8Array[] = [];
  private room: BoardRoom | null = null;
  private doc: DocRoom | null = null;
  private readonly limiter: RateLimiter;
  private readonly echoLimiter: RateLimiter;
  private deniedSent = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: ConnectionContext,
    private readonly target: ConnectionTarget,
    token: string | null,
  ) {
    this.limiter = new RateLimiter(ctx.limits.messagesPerSecond, ctx.limits.messageBurst);
    this.echoLimiter = new RateLimiter(
      ctx.limits.messagesPerSecond * ECHO_ALLOWANCE,
      ctx.limits.messageBurst * ECHO_ALLOWANCE,
    );
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.onClose());
    ws.on('error', (err) => {
      ctx.log.debug({ conn: this.id, err: err.message }, 'socket error');
    });
    ws.on('pong', () => {
      this.alive = true;
    });
    void this.start(token);
  }

  /** A method, so TypeScript does not narrow the state across awaits. */
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  /** Heartbeat tick: a socket that did not answer the last ping is dropped. */
  heartbeat(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.ws.terminate();
    }
  }

  send(message: Uint8Array | Outgoing): void {
    if (this.state !== 'open' || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ctx.log.warn({ conn: this.id }, 'reader too slow; dropping it');
      this.ws.terminate();
      return;
    }
    const socket = rawSocketOf(this.ws);
    // Corking batches this turn's writes to one receiver into one system call.
    if (socket) corkForTurn(socket);
    const hot = this.ctx.metrics.hot;
    hot.messagesOut += 1;
    if (message instanceof Outgoing) {
      // A broadcast: the frame was built once for every receiver.
      if (socket) socket.write(message.frame);
      else this.ws.send(message.payload, { binary: true });
      hot.bytesOut += message.payload.byteLength;
      return;
    }
    this.ws.send(asBuffer(message), { binary: true });
    hot.bytesOut += message.byteLength;
  }

  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    this.ctx.metrics.closes.inc({ code: String(code) });
    this.ctx.log.info(
      { conn: this.id, board: this.target.boardId, code, reason },
      'closing socket',
    );
    this.ws.close(code, reason.slice(0, 120));
    if (wasOpen) this.detach();
  }

  private async start(token: string | null): Promise<void> {
    const { ctx, target } = this;
    try {
      if (!isValidId(target.boardId)) throw new AppError('not_found', 'No such board');
      const claims = await ctx.tokens.verifyBoardToken(token, target.boardId);
      const record = await ctx.store.getBoard(target.boardId);
      if (!record) throw new AppError('not_found', 'No such board');
      if (claims.gen !== record.linkGen) throw new AppError('unauthorized', 'The link has expired');
      const room = await ctx.rooms.acquire(record);
      if (this.state === 'closed') {
        ctx.rooms.released(room);
        return;
      }
      if (room.connectionCount >= ctx.limits.maxConnectionsPerBoard) {
        ctx.rooms.released(room);
        throw new AppError('unavailable', 'The board is full');
      }
      this.role = claims.role;
      this.personId = claims.personId;
      this.linkGen = claims.gen;
      this.displayName = claims.name ?? claims.role;
      this.room = room;
      this.doc = await this.pickDoc(room);
      if (this.isClosed()) {
        ctx.rooms.released(room);
        return;
      }
      this.doc.peers.add(this);
      this.state = 'open';
      ctx.metrics.connections.inc({ role: this.role });
      this.greet();
      const early = this.early;
      this.early = [];
      for (const message of early) {
        if (this.state !== 'open') break;
        this.handle(message);
      }
    } catch (err) {
      if (!(err instanceof AppError)) ctx.log.error({ err }, 'connection setup failed');
      const { code, reason } =
        err instanceof AppError
          ? closeFor(err)
          : { code: CloseCode.InternalError, reason: 'Server error' };
      this.close(code, reason);
    }
  }

  private async pickDoc(room: BoardRoom): Promise<DocRoom> {
    const refusal = room.refuseJoin(this.target.doc, this);
    if (refusal) throw new AppError('forbidden', refusal.message ?? 'Forbidden');
    switch (this.target.doc) {
      case 'board':
        return room.board;
      case 'control':
        return room.control;
      case 'private':
        return room.privateDoc(this.personId!);
    }
  }

  /** First messages: our state vector to writers (so they send what we lack), then presence. */
  private greet(): void {
    const doc = this.doc!;
    if (this.room!.acceptsWrites(this.target.doc, this)) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Sync);
      doc.writeStep1(encoder);
      this.send(encoding.toUint8Array(encoder));
    }
    if (this.target.doc === 'board' && sendsPresence(this.role)) {
      const snapshot = this.room!.presence.snapshot();
      if (snapshot) this.send(snapshot);
    }
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.state === 'closed') return;
    const bytes = toBytes(data);
    this.ctx.metrics.hot.bytesIn += bytes.byteLength;
    // Presence is metered after it is read: standard providers echo every presence update they
    // receive, and an echo that changes nothing must not cost its sender the rate limit (it has
    // its own, looser bucket, so a flood of echoes still ends).
    const presence = isBinary && bytes[0] === MessageType.Awareness;
    if (!(presence ? this.echoLimiter : this.limiter).take()) {
      this.close(CloseCode.RateLimitedRetry, 'Too many messages');
      return;
    }
    if (!isBinary) {
      this.close(CloseCode.BadRequest, 'Text frames are not part of the protocol');
      return;
    }
    if (bytes.byteLength > this.ctx.limits.maxFrameBytes) {
      this.close(CloseCode.TooLarge, 'Frame larger than the limit');
      return;
    }
    if (this.state === 'authenticating') {
      if (this.early.length >= this.ctx.limits.maxEarlyMessages) {
        this.close(CloseCode.NotReadyRetry, 'Too many messages before the connection was ready');
        return;
      }
      this.early.push(bytes);
      return;
    }
    this.handle(bytes);
  }

  private handle(message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      const handler = HANDLERS[type];
      if (!handler) throw new AppError('bad_request', `Unknown message type ${type}`);
      this.ctx.metrics.hot.messagesIn[type]! += 1;
      handler(this, decoder);
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    const { code, reason } = closeFor(err);
    if (!(err instanceof AppError)) {
      this.ctx.log.warn({ conn: this.id, err: (err as Error)?.message }, 'malformed message');
    }
    this.close(code, reason);
  }

  /** @internal dispatch target */
  onSync(decoder: decoding.Decoder): void {
    const doc = this.doc!;
    const step = decoding.readVarUint(decoder);
    switch (step) {
      case SyncStep.Step1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        Y.decodeStateVector(stateVector); // malformed vectors fail here, not later
        doc.replyToStep1(this, stateVector).catch((err: unknown) => this.fail(err));
        return;
      }
      case SyncStep.Step2:
      case SyncStep.Update: {
        const update = decoding.readVarUint8Array(decoder);
        this.write(doc, update);
        return;
      }
      default:
        throw new AppError('bad_request', `Unknown sync step ${step}`);
    }
  }

  /**
   * The room decides (server/rooms/hooks.ts: the room's rules, then the document's write
   * policy); the connection only tells the writer: a refusal keeps the socket open with a
   * "permission denied", anything else thrown closes it (closeFor).
   */
  private write(doc: DocRoom, update: Uint8Array): void {
    let refusal: Refusal | null;
    try {
      refusal = this.room!.write(this.target.doc, doc, update, this);
    } catch (err) {
      if (!(err instanceof WriteRefused)) throw err;
      this.refused(doc, err);
      return;
    }
    if (refusal) {
      if (refusal.reason) this.ctx.metrics.droppedWrites.inc({ reason: refusal.reason });
      if (refusal.message) this.denyOnce(refusal.message);
      return;
    }
    this.deniedSent = false;
    this.resyncAsked = false;
  }

  /**
   * A write the room refused whole, the socket staying open: the sender hears why, and when the
   * update needed something the server lacks, it is asked (once per run) for everything it has
   * that the server does not, which then arrives as one complete update.
   */
  private refused(doc: DocRoom, err: WriteRefused): void {
    this.ctx.metrics.droppedWrites.inc({ reason: err.kind === 'rule' ? 'rule' : 'missing' });
    this.denyOnce(err.message);
    if (err.kind === 'missing' && !this.resyncAsked) {
      this.resyncAsked = true;
      doc.requestMissing([this]);
    }
  }

  private resyncAsked = false;

  /** One y-protocols "permission denied" per run of refused writes. */
  private denyOnce(reason: string): void {
    if (this.deniedSent) return;
    this.deniedSent = true;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Auth);
    authProtocol.writePermissionDenied(encoder, reason);
    this.send(encoding.toUint8Array(encoder));
  }

  /** @internal dispatch target */
  onAwareness(decoder: decoding.Decoder): void {
    const update = decoding.readVarUint8Array(decoder);
    if (this.target.doc !== 'board' || !sendsPresence(this.role)) return;
    const changed = this.room!.presence.apply(this, update);
    if (changed && !this.limiter.take()) {
      throw new AppError('rate_limited', 'Too many messages');
    }
  }

  /** @internal dispatch target */
  onQueryAwareness(): void {
    if (this.target.doc !== 'board') return;
    const snapshot = this.room!.presence.snapshot();
    if (snapshot) this.send(snapshot);
  }

  private onClose(): void {
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    this.early = [];
    if (wasOpen) this.detach();
  }

  private detach(): void {
    const room = this.room;
    if (!room || !this.doc) return;
    this.doc.peers.delete(this);
    if (this.target.doc === 'board') room.presence.removePeer(this);
    this.ctx.metrics.connections.dec({ role: this.role });
    this.doc = null;
    this.room = null;
    this.ctx.rooms.released(room);
  }
}

const HANDLERS: Record<number, Handler> = {
  [MessageType.Sync]: (conn, decoder) => conn.onSync(decoder),
  [MessageType.Awareness]: (conn, decoder) => conn.onAwareness(decoder),
  // Clients never need to send auth messages; one is read and ignored.
  [MessageType.Auth]: () => undefined,
  [MessageType.QueryAwareness]: (conn) => conn.onQueryAwareness(),
};

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
