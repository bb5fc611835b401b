import {
  ControlKey,
  controlMap,
  controlRoomName,
  readControl,
  type ControlState,
} from '@shared/control/controlDoc';
import { migrateBoard } from '@shared/board/migrations';
import { canWriteBoard, sendsPresence } from '@shared/roles';
import type { BoardRecord } from '../persistence/store';
import { DocRoom, type DocRoomDeps } from './docRoom';
import { SERVER_ORIGIN } from './peer';
import { Presence } from './presence';

/** A loaded board: its document, its control document and its presence. */
export class BoardRoom {
  readonly board: DocRoom;
  readonly control: DocRoom;
  readonly presence: Presence;
  idleTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly record: BoardRecord,
    deps: DocRoomDeps,
  ) {
    this.board = new DocRoom(record.id, deps);
    this.control = new DocRoom(controlRoomName(record.id), deps);
    // Presence goes to those who publish it; viewers (a livestream audience can be thousands)
    // get none pushed and may ask for it with a query-awareness message.
    this.presence = new Presence(this.board.doc, deps.limits, (m, except) => {
      for (const peer of this.board.peers) {
        if (peer !== except && sendsPresence(peer.role)) peer.send(m);
      }
    });
  }

  /** True when the board was written by a newer Talkoot: served, but never written to. */
  readOnlySchema = false;

  /** Loads both documents and runs the board's migrations (their writes are persisted). */
  async load(): Promise<void> {
    await Promise.all([this.board.load(), this.control.load()]);
    const result = migrateBoard(this.board.doc, SERVER_ORIGIN);
    this.readOnlySchema = result.status === 'too-new';
  }

  get id(): string {
    return this.record.id;
  }

  get connectionCount(): number {
    return this.board.peers.size + this.control.peers.size;
  }

  get unsaved(): boolean {
    return this.board.unsaved || this.control.unsaved;
  }

  controlState(): ControlState {
    return readControl(this.control.doc);
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
    await Promise.all([this.board.whenSaved(), this.control.whenSaved()]);
  }

  async compact(): Promise<void> {
    await Promise.all([this.board.compact(), this.control.compact()]);
  }

  destroy(): void {
    this.presence.destroy();
    this.board.destroy();
    this.control.destroy();
  }
}
