import {
  ControlKey,
  controlLog,
  controlMap,
  controlRoomName,
  readControl,
  type ControlState,
} from '@shared/control/controlDoc';
import { migrateBoard } from '@shared/board/migrations';
import { canWriteBoard, sendsPresence } from '@shared/roles';
import type { BoardRecord } from '../persistence/store';
import { FacilitatorActivity } from '../facilitation/activity';
import { ParticipantGuard, restrictsParticipants } from '../facilitation/guard';
import * as Y from 'yjs';
import { Outgoing } from '../transport/outgoing';
import { REMOTE_ORIGIN } from './bridge';
import { DocRoom, type DocRoomDeps } from './docRoom';
import { SERVER_ORIGIN, type Peer } from './peer';
import { Presence } from './presence';

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
  private guard: ParticipantGuard | null = null;
  private activity: FacilitatorActivity | null = null;
  idleTimer: NodeJS.Timeout | null = null;

  constructor(
    public record: BoardRecord,
    private readonly deps: DocRoomDeps,
  ) {
    // Only the board goes quiet: its rule guard and facilitator log follow its Y.Doc.
    this.board = new DocRoom(record.id, deps, {
      hydrated: () => this.attachWatchers(),
      dehydrating: () => this.detachWatchers(),
    });
    this.control = new DocRoom(controlRoomName(record.id), deps);
    this.control.doc.on('afterTransaction', (txn: Y.Transaction) => {
      this.cachedControl = null;
      // Another server's command changed the rules: start or stop enforcing them here too.
      if (txn.origin === REMOTE_ORIGIN) this.syncGuard();
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

  /** Loads both documents and runs the board's migrations (their writes are persisted). */
  async load(): Promise<void> {
    await Promise.all([this.board.load(), this.control.load(), this.presence.connect()]);
    const result = migrateBoard(this.board.doc, SERVER_ORIGIN);
    this.readOnlySchema = result.status === 'too-new';
    this.attachWatchers();
  }

  /** The rule guard (when the phase restricts participants) and the facilitator log. */
  private attachWatchers(): void {
    this.syncGuard();
    this.activity?.destroy();
    this.activity = new FacilitatorActivity(this.board.doc, (entry) => {
      this.control.doc.transact(() => {
        controlLog(this.control.doc).push([{ at: Date.now(), ...entry }]);
      }, SERVER_ORIGIN);
    });
  }

  private detachWatchers(): void {
    if (this.guard) {
      this.revertedBefore += this.guard.reverted;
      this.guard.destroy();
      this.guard = null;
    }
    this.activity?.destroy();
    this.activity = null;
  }

  private revertedBefore = 0;

  /** The private document of `personId`, loading it on first use. */
  async privateDoc(personId: string): Promise<DocRoom> {
    const loaded = this.privateDocs.get(personId);
    if (loaded) return loaded;
    let loading = this.privateLoading.get(personId);
    if (!loading) {
      loading = (async () => {
        const room = new DocRoom(privateDocName(this.id, personId), this.deps);
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

  /**
   * Starts or stops enforcing participant rules after the control state changed. Call after every
   * control command.
   */
  syncGuard(): void {
    // A quiet board has no participant edits to judge; the guard returns with its Y.Doc.
    if (!this.board.hydrated) return;
    const restricted = restrictsParticipants(this.controlState());
    if (restricted && !this.guard) {
      this.guard = new ParticipantGuard(
        this.board.doc,
        () => this.controlState(),
        () => this.deps.metrics.droppedWrites.inc({ reason: 'rule' }),
      );
    } else if (!restricted && this.guard) {
      this.revertedBefore += this.guard.reverted;
      this.guard.destroy();
      this.guard = null;
    }
  }

  /** Participant transactions reverted by the rules so far. */
  get revertedByRules(): number {
    return this.revertedBefore + (this.guard?.reverted ?? 0);
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

  /** Freezes or unfreezes the board; a server-side command, written to the control document. */
  setFrozen(frozen: boolean): ControlState {
    this.control.doc.transact(() => {
      const map = controlMap(this.control.doc);
      map.set(ControlKey.Frozen, frozen);
      map.set(ControlKey.FrozenAt, frozen ? new Date().toISOString() : null);
    }, SERVER_ORIGIN);
    if (!frozen) {
      this.board.requestMissing(Array.from(this.board.peers).filter((p) => canWriteBoard(p.role)));
    }
    return this.controlState();
  }

  async whenSaved(): Promise<void> {
    await Promise.all(this.docs().map((d) => d.whenSaved()));
  }

  async compact(): Promise<void> {
    await Promise.all(this.docs().map((d) => d.compact()));
  }

  destroy(): void {
    this.guard?.destroy();
    this.activity?.destroy();
    this.presence.destroy();
    for (const d of this.docs()) d.destroy();
  }
}
