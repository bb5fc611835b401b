import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { MessageType } from '@shared/protocol/messageTypes';
import type { Limits } from '../config';
import { AppError } from '../errors';
import type { RoomBridge } from './bridge';
import { REMOTE_ORIGIN, isRemoteOrigin } from './origins';
import { Coalescer } from './coalesce';

/** Under load, presence leaves at most every this many ms (cursors move at ~10 Hz). */
const PRESENCE_WINDOW_MS = 3;
import type { Peer } from './peer';

/**
 * Awareness (cursors, names) of one board. A peer may only set or remove the states of client
 * ids it owns: the first time it speaks for an unowned id it claims it, up to a small number.
 * Presence is never persisted.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, Peer>();
  private readonly owned = new Map<Peer, Set<number>>();

  constructor(
    doc: Y.Doc,
    private readonly limits: Limits,
    private readonly boardId: string,
    private readonly bridge: RoomBridge | undefined,
    private readonly broadcast: (message: Uint8Array, except: unknown) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const changed = added.concat(updated, removed);
        if (changed.length === 0) return;
        for (const id of changed) {
          this.pendingIds.add(id);
          if (!isRemoteOrigin(origin)) this.publishIds.add(id);
        }
        this.pendingOrigins.add(origin);
        this.flusher.schedule();
      },
    );
  }

  private readonly pendingIds = new Set<number>();
  /** Changes made here, to pass on to other servers (theirs came from them). */
  private readonly publishIds = new Set<number>();
  /** Client ids whose presence lives on other servers: nobody here may speak for them. */
  private readonly remoteIds = new Set<number>();
  private unbridge: (() => void) | null = null;

  /** Joins the other servers' presence of this board (no-op on a single server). */
  async connect(): Promise<void> {
    if (!this.bridge) return;
    this.unbridge = await this.bridge.subscribe(`aw:${this.boardId}`, (update) => {
      if (this.destroyed) return;
      try {
        this.trackRemote(update);
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
      } catch (err) {
        void err; // a malformed message from another server changes nothing here
      }
    });
  }

  private trackRemote(update: Uint8Array): void {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (state === null) this.remoteIds.delete(clientId);
      else if (!this.owners.has(clientId)) this.remoteIds.add(clientId);
    }
  }
  private readonly pendingOrigins = new Set<unknown>();
  private readonly flusher = new Coalescer(PRESENCE_WINDOW_MS, () => this.flush());
  private destroyed = false;

  /**
   * Cursors of one event-loop turn (under load: of PRESENCE_WINDOW_MS) leave as one message per
   * receiver, encoded once: at 100 people moving cursors, that is one message per person per
   * window instead of one per cursor.
   */
  private flush(): void {
    if (this.destroyed || this.pendingIds.size === 0) return;
    const ids = Array.from(this.pendingIds);
    const origins = Array.from(this.pendingOrigins);
    this.pendingIds.clear();
    this.pendingOrigins.clear();
    if (this.bridge && this.publishIds.size > 0) {
      this.bridge.publish(
        `aw:${this.boardId}`,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, Array.from(this.publishIds)),
      );
      this.publishIds.clear();
    }
    // The owner frames it once for every receiver (transport/outgoing.ts).
    this.broadcast(this.encode(ids), origins.length === 1 ? origins[0] : undefined);
  }

  /**
   * Applies an awareness update from `peer` after checking every entry. The standard provider
   * echoes states it received back to the server, so an entry that would change nothing (its
   * clock is not newer) is harmless and ignored. An entry that would change the state of a client
   * id another connection owns throws AppError('forbidden'), as does claiming more ids than the
   * per-connection cap; an oversized state throws 'too_large'. Malformed bytes throw whatever the
   * decoder throws. Returns whether anything changed (false for a pure echo).
   */
  apply(peer: Peer, update: Uint8Array): boolean {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const mine = this.owned.get(peer) ?? new Set<number>();
    const claims = new Set<number>();
    let changes = 0;
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > this.limits.maxAwarenessStateBytes) {
        throw new AppError('too_large', 'Awareness state larger than the limit');
      }
      const state: unknown = JSON.parse(json); // a malformed state is a malformed frame
      if (!this.wouldChange(clientId, clock, state)) continue;
      changes += 1;
      if (clientId === this.awareness.clientID) {
        throw new AppError('forbidden', "Awareness for the server's own client id");
      }
      const owner = this.owners.get(clientId);
      if ((owner !== undefined && owner !== peer) || this.remoteIds.has(clientId)) {
        throw new AppError('forbidden', 'Awareness for a client id owned by another connection');
      }
      if (owner === undefined) {
        claims.add(clientId);
        if (mine.size + claims.size > this.limits.maxAwarenessIdsPerConnection) {
          throw new AppError('forbidden', 'Too many awareness client ids on one connection');
        }
      }
    }
    if (decoding.hasContent(decoder)) throw new AppError('bad_request', 'Trailing bytes');
    for (const id of claims) {
      mine.add(id);
      this.owners.set(id, peer);
    }
    this.owned.set(peer, mine);
    if (changes === 0) return false;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
    return true;
  }

  /** The same test y-protocols applies: would this entry change what we hold? */
  private wouldChange(clientId: number, clock: number, state: unknown): boolean {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    return (
      current < clock ||
      (current === clock && state === null && this.awareness.states.has(clientId))
    );
  }

  /** The full awareness message a newcomer receives, or null when nobody is present. */
  snapshot(): Uint8Array | null {
    const ids = Array.from(this.awareness.getStates().keys());
    return ids.length === 0 ? null : this.encode(ids);
  }

  /** Removes everything `peer` published (it left). */
  removePeer(peer: Peer): void {
    const mine = this.owned.get(peer);
    this.owned.delete(peer);
    if (!mine) return;
    for (const id of mine) this.owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(mine), peer);
  }

  destroy(): void {
    this.destroyed = true;
    this.unbridge?.();
    this.awareness.destroy();
  }

  private encode(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds),
    );
    return encoding.toUint8Array(encoder);
  }
}
