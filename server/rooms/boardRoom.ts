import { controlRoomName, readControl, type ControlState } from '@shared/control/controlDoc';
import { migrateBoard } from '@shared/board/migrations';
import { sendsPresence } from '@shared/roles';
import type { BoardRecord } from '../persistence/store';
import * as Y from 'yjs';
import { Outgoing } from '../transport/outgoing';
import { DocRoom, type DocRoomDeps } from './docRoom';
import type { DocKind, Refusal, RoomHooks } from './hooks';
import { SERVER_ORIGIN } from './origins';
import type { Peer } from './peer';
import { Presence } from './presence';
import type { WritePolicy } from './writePolicy';

/** What a board room needs: its documents' dependencies and the rules registered for rooms. */
export interface BoardRoomDeps extends DocRoomDeps {
  hooks: RoomHooks<BoardRoom>;
}

/** The name of one person's private document on a board. */
export function privateDocName(boardId: string, personId: string): string {
  return `${boardId}/private/${personId}`;
}

/**
 * A loaded board: its document, its control document, the private documents of people writing
 * privately, and its presence.
 */
export class BoardRoom {
  readonly board: DocRoom;
  readonly control: DocRoom;
  readonly presence: Presence;
  readonly privateDocs = new Map<string, DocRoom>();
  private readonly privateLoading = new Map<string, Promise<DocRoom>>();
  private cachedControl: ControlState | null = null;
  /** One policy for every private document of the board. */
  private readonly privatePolicy: WritePolicy;
  /** Undoes what the onHydrated hook attached to the board's current Y.Doc. */
  private unwatch: (() => void) | null = null;
  idleTimer: NodeJS.Timeout | null = null;

  constructor(
    public record: BoardRecord,
    private readonly deps: BoardRoomDeps,
  ) {
    // Only the board goes quiet: what the hooks watch on it follows its Y.Doc.
    this.board = new DocRoom(
      record.id,
      deps,
      {
        hydrated: (doc) => this.attachWatchers(doc),
        dehydrating: () => this.detachWatchers(),
      },
      deps.hooks.writePolicy(this, 'board'),
    );
    this.privatePolicy = deps.hooks.writePolicy(this, 'private');
    this.control = new DocRoom(controlRoomName(record.id), deps);
    this.control.doc.on('afterTransaction', () => {
      this.cachedControl = null;
    });
    // Presence goes to those who publish it; viewers (a livestream audience can be thousands)
    // get none pushed and may ask for it with a query-awareness message.
    // Awareness needs a Y.Doc only for its client id; its own keeps it alive while the board's
    // is freed and loaded again.
    this.presence = new Presence(new Y.Doc(), deps.limits, record.id, deps.bridge, (m, except) => {
      const out = new Outgoing(m);
      for (const peer of this.board.peers) {
        if (peer !== except && sendsPresence(peer.role)) peer.send(out);
      }
    });
  }

  /** True when the board was written by a newer Talkoot: served, but never written to. */
  readOnlySchema = false;

  /**
   * Loads both documents and runs the board's migrations (their writes are persisted), then
   * asks the onLoad hook, which may refuse the room.
   */
  async load(): Promise<void> {
    await Promise.all([this.board.load(), this.control.load(), this.presence.connect()]);
    const result = migrateBoard(this.board.doc, SERVER_ORIGIN);
    this.readOnlySchema = result.status === 'too-new';
    this.attachWatchers(this.board.doc);
    await this.deps.hooks.onLoad?.(this);
  }

  /** Whether `peer` may join the document `doc` of this board (the beforeJoin hook). */
  refuseJoin(doc: DocKind, peer: Peer): Refusal | null {
    return this.deps.hooks.beforeJoin(this, doc, peer);
  }

  /** Whether a peer joining `doc` is asked for its edits (the acceptsWrites hook). */
  acceptsWrites(doc: DocKind, peer: Peer): boolean {
    return this.deps.hooks.acceptsWrites(this, doc, peer);
  }

  /**
   * A peer's update to the document `kind` (the room `doc`): the beforeWrite hook first, then
   * the document's write policy as it applies it. Returns the hook's refusal, if any; throws
   * what DocRoom.applyPeerUpdate throws (WriteRefused, AppError).
   */
  write(kind: DocKind, doc: DocRoom, update: Uint8Array, peer: Peer): Refusal | null {
    const refusal = this.deps.hooks.beforeWrite({ room: this, doc: kind, peer, update });
    if (refusal) return refusal;
    doc.applyPeerUpdate(update, peer);
    return null;
  }

  /** What the onHydrated hook watches follows the board's Y.Doc. */
  private attachWatchers(doc: Y.Doc): void {
    this.unwatch?.();
    this.unwatch = this.deps.hooks.onHydrated?.(this, doc) ?? null;
  }

  private detachWatchers(): void {
    this.unwatch?.();
    this.unwatch = null;
  }

  /** The private document of `personId`, loading it on first use. */
  async privateDoc(personId: string): Promise<DocRoom> {
    const loaded = this.privateDocs.get(personId);
    if (loaded) return loaded;
    let loading = this.privateLoading.get(personId);
    if (!loading) {
      loading = (async () => {
        const room = new DocRoom(
          privateDocName(this.id, personId),
          this.deps,
          undefined,
          this.privatePolicy,
        );
        await room.load();
        this.privateDocs.set(personId, room);
        return room;
      })().finally(() => this.privateLoading.delete(personId));
      this.privateLoading.set(personId, loading);
    }
    return loading;
  }

  /** Every private document stored for this board, loaded. */
  async allPrivateDocs(): Promise<DocRoom[]> {
    const prefix = privateDocName(this.id, '');
    const names = await this.deps.store.listDocNames(prefix);
    const ids = new Set([...names.map((n) => n.slice(prefix.length)), ...this.privateDocs.keys()]);
    return Promise.all(Array.from(ids, (id) => this.privateDoc(id)));
  }

  /** Participant updates refused by the rules so far. */
  get revertedByRules(): number {
    return this.board.refusedByRules;
  }

  /** Takes a changed board record (rename, archive, link rotation) while the room is loaded. */
  updateRecord(record: BoardRecord): void {
    this.record = record;
  }

  /** Closes every peer of every document of this board that `match` selects. */
  closePeers(match: (peer: Peer) => boolean, code: number, reason: string): void {
    for (const doc of this.docs()) {
      for (const peer of Array.from(doc.peers)) if (match(peer)) peer.close(code, reason);
    }
  }

  get id(): string {
    return this.record.id;
  }

  private docs(): DocRoom[] {
    return [this.board, this.control, ...this.privateDocs.values()];
  }

  get connectionCount(): number {
    return this.docs().reduce((sum, d) => sum + d.peers.size, 0);
  }

  get unsaved(): boolean {
    return this.docs().some((d) => d.unsaved);
  }

  /** The control state (parsed once per change of the control document). */
  controlState(): ControlState {
    this.cachedControl ??= readControl(this.control.doc);
    return this.cachedControl;
  }

  get frozen(): boolean {
    return this.controlState().frozen;
  }

  async whenSaved(): Promise<void> {
    await Promise.all(this.docs().map((d) => d.whenSaved()));
  }

  async compact(): Promise<void> {
    await Promise.all(this.docs().map((d) => d.compact()));
  }

  destroy(): void {
    this.detachWatchers();
    this.presence.destroy();
    for (const d of this.docs()) d.destroy();
  }
}
