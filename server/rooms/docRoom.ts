import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '@shared/protocol/messageTypes';
import { saveStatusMessage } from '@shared/protocol/saveStatus';
import { canWriteBoard } from '@shared/roles';
import { AppError } from '../errors';
import { Outgoing } from '../transport/outgoing';
import { DocLog, type Pending } from './docLog';
import { applyStoredRows } from './storedRows';
import { syncStep2Message, syncUpdateMessage } from './syncMessages';
import { REMOTE_ORIGIN } from './bridge';
import type { Peer } from './peer';
import { encodeApplied, hasPending } from './yjsInternals';
import { WriteAdmission } from './writeAdmission';
import type { WritePolicy } from './writePolicy';

import type { DocRoomDeps } from './roomDeps';

export type { DocRoomDeps };

/** What the owner of a room does when its Y.Doc is created again or about to be freed. */
export interface DocLifecycle {
  hydrated(doc: Y.Doc): void;
  dehydrating(doc: Y.Doc): void;
}

const LOAD_ORIGIN = { load: true };

/**
 * One Yjs document in memory with its peers. Every change is appended to the store before it
 * is relayed ("persist before you acknowledge", see DocLog); a failed save keeps the change
 * queued and is retried, and the room reports itself unsaved so it is never unloaded meanwhile.
 *
 * A room with a lifecycle and `quietMs` goes quiet when nobody changed it for that long: it frees its Y.Doc
 * and keeps the encoded document, its state vector and delete set. Quiet rooms still serve
 * joins (a cached encoding, or a diff of it against the joiner's state vector) and skip updates
 * that bring nothing new; the first real change, or any reader of `doc`, loads the Y.Doc again.
 */
export class DocRoom {
  private current: Y.Doc | null = null;
  /** What a quiet room knows without its Y.Doc: state vector and delete set. */
  private quietSnapshot: Y.Snapshot | null = null;
  private quietStateVector: Uint8Array | null = null;
  private quietTimer: NodeJS.Timeout | null = null;
  private lastTouched = 0;
  /** Changes applied since the room was loaded: equal counts mean equal content. */
  version = 0;
  /** How often the Y.Doc was loaded again after going quiet. */
  hydrations = 0;
  readonly peers = new Set<Peer>();
  /** Judges and applies peers' updates (schema, rules, client-id owners). */
  private readonly admission: WriteAdmission;
  /** The stored rows: append queue, retries, compaction. */
  private readonly rows: DocLog;
  private destroyed = false;
  /** When the document last changed (epoch ms), or null since it was loaded. */
  lastActivity: number | null = null;
  /** The whole document encoded, for joins from empty state vectors; null once it changes. */
  private encodedState: Uint8Array | null = null;

  constructor(
    readonly name: string,
    private readonly deps: DocRoomDeps,
    private readonly lifecycle?: DocLifecycle,
    policy?: WritePolicy,
  ) {
    this.admission = new WriteAdmission(policy);
    this.rows = new DocLog(name, deps, {
      saved: (batch) => {
        this.relay(batch);
        this.armQuiet();
      },
      // The same encoding serves joins until the next change.
      encoded: () => (this.encodedState ??= encodeApplied(this.doc)),
      savesFailing: (failing) => this.tellWriters(failing),
    });
    this.current = this.createDoc();
  }

  /** The document, loaded again first if the room is quiet. */
  get doc(): Y.Doc {
    return this.current ?? this.hydrate();
  }

  /** False while the room is quiet (only its encoded state is in memory). */
  get hydrated(): boolean {
    return this.current !== null;
  }

  private createDoc(): Y.Doc {
    const doc = new Y.Doc({ gc: true });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      // What load() applies is already stored.
      if (origin === LOAD_ORIGIN) return;
      this.encodedState = null;
      this.version += 1;
      this.lastActivity = Date.now();
      this.lastTouched = this.lastActivity;
      if (origin === REMOTE_ORIGIN) {
        // Another server stored it already: relay only.
        this.broadcast(syncUpdateMessage(update), undefined);
        return;
      }
      this.rows.enqueue(update, origin);
    });
    return doc;
  }

  private hydrate(): Y.Doc {
    const doc = this.createDoc();
    if (this.destroyed) {
      // Nothing may load a freed room again: readers that held on to it get an empty document.
      this.current = doc;
      return doc;
    }
    Y.applyUpdate(doc, this.encodedState!, LOAD_ORIGIN);
    this.current = doc;
    this.quietSnapshot = null;
    this.quietStateVector = null;
    this.hydrations += 1;
    this.lastTouched = Date.now();
    this.lifecycle?.hydrated(doc);
    this.armQuiet();
    return doc;
  }

  /** Checks after `quietMs` whether the room can go quiet; called again while it cannot. */
  private armQuiet(delay = this.deps.quietMs ?? 0): void {
    // Only a room whose owner re-attaches its watchers (the board) may swap its Y.Doc: listeners
    // others put on `doc` (the control document's) would silently stay on the freed one.
    if (!this.lifecycle || !this.deps.quietMs || this.quietTimer || this.destroyed) return;
    this.quietTimer = setTimeout(() => {
      this.quietTimer = null;
      if (!this.current) return;
      const quietFor = Date.now() - this.lastTouched;
      const quietMs = this.deps.quietMs ?? 0;
      if (quietFor < quietMs) this.armQuiet(quietMs - quietFor);
      else if (!this.dehydrate()) this.armQuiet();
    }, delay);
    this.quietTimer.unref();
  }

  /**
   * Frees the Y.Doc and keeps its encoding. Not while anything is unsaved or being compacted,
   * nor while Yjs holds updates waiting for missing dependencies (those live only in the doc).
   */
  dehydrate(): boolean {
    const doc = this.current;
    if (!doc || this.destroyed || this.unsaved || this.rows.compacting) return false;
    if (hasPending(doc)) return false;
    this.encodedState ??= encodeApplied(doc);
    this.quietSnapshot = Y.snapshot(doc);
    this.quietStateVector = Y.encodeStateVector(doc);
    this.lifecycle?.dehydrating(doc);
    this.current = null;
    doc.destroy();
    return true;
  }

  /** Loads stored updates; call once before any peer joins. */
  async load(): Promise<void> {
    const bridge = this.deps.bridge;
    if (bridge) {
      // Subscribe first, so nothing written elsewhere between the load and the subscription is
      // missed; what arrives meanwhile is applied after the load (Yjs ignores duplicates).
      const early: Uint8Array[] = [];
      let loading = true;
      this.unbridge = await bridge.subscribe(`doc:${this.name}`, (update) => {
        if (loading) early.push(update);
        else this.applyRemote(update);
      });
      this.unlisten = bridge.onReconnect(() => void this.resync());
      await this.loadStored();
      loading = false;
      for (const update of early) this.applyRemote(update);
      return;
    }
    await this.loadStored();
  }

  private unbridge: (() => void) | null = null;
  private unlisten: (() => void) | null = null;

  private applyRemote(update: Uint8Array): void {
    if (this.destroyed) return;
    try {
      if (this.quietSnapshot && Y.snapshotContainsUpdate(this.quietSnapshot, update)) return;
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    } catch (err) {
      this.deps.log.error({ err, doc: this.name }, 'update from another server did not apply');
    }
  }

  /** After the link to other servers was down: whatever they stored meanwhile, from the store. */
  private async resync(): Promise<void> {
    const stored = await this.deps.store.loadDoc(this.name);
    if (stored.updates.length > 0) this.applyRemote(Y.mergeUpdates(stored.updates));
  }

  private async loadStored(): Promise<void> {
    const stored = await this.deps.store.loadDoc(this.name);
    if (stored.updates.length > 0) this.applyStored(stored.updates);
    this.rows.loaded({ lastSeq: stored.lastSeq, bytes: stored.bytes, rows: stored.updates.length });
    this.lastTouched = Date.now();
    this.armQuiet();
  }

  /**
   * Applies the stored rows. A row that cannot be read (a damaged disk, or content an older
   * server let through) must not take the board down with it: the rows are then applied one by
   * one into a fresh document and those that fail are left out, so the board opens from what is
   * good, and the next compaction stores it without them. Logged once per load.
   */
  private applyStored(updates: Uint8Array[]): void {
    const result = applyStoredRows(this.doc, updates, LOAD_ORIGIN, () => this.createDoc());
    this.current = result.doc;
    if (result.error === null) return;
    this.deps.metrics.persistFailures.inc({ op: 'load' });
    this.deps.log.error(
      { err: result.error, doc: this.name, rows: updates.length, skipped: result.skipped },
      'stored rows could not be read; the document opens without them',
    );
    this.damagedRows += result.skipped;
  }

  /** Stored rows left out when the document was loaded (see applyStored). */
  damagedRows = 0;

  /** True while some change is not yet durable. */
  get unsaved(): boolean {
    return this.rows.unsaved;
  }

  /** Approximate size of the document as stored. */
  get approxBytes(): number {
    return this.rows.storedBytes;
  }

  /** Resolves once every change made so far is durable. */
  whenSaved(): Promise<void> {
    return this.rows.whenSaved();
  }

  /** True while this document's saves fail (see DocLog); its writers have been told. */
  get savesFailing(): boolean {
    return this.rows.failing;
  }

  /**
   * Resolves once every change made so far is durable; rejects with AppError('unavailable') as
   * soon as saves fail, or after `timeoutMs`. For requests that must answer, not wait for a disk.
   */
  whenStored(timeoutMs: number): Promise<void> {
    return this.rows.whenStored(timeoutMs);
  }

  /** Saves started failing or work again: every peer that writes here hears it. */
  private tellWriters(failing: boolean): void {
    const out = new Outgoing(saveStatusMessage(failing ? 'failing' : 'saving'));
    for (const peer of this.peers) if (canWriteBoard(peer.role)) peer.send(out);
  }

  /**
   * Applies an update from a peer. Throws AppError('too_large') past the limits and any other
   * error for a malformed update; the caller closes that peer and nobody else is affected.
   */
  applyPeerUpdate(update: Uint8Array, origin: Peer): void {
    const { limits } = this.deps;
    if (update.byteLength > limits.maxUpdateBytes) {
      throw new AppError('too_large', 'Update larger than the configured limit');
    }
    // Count what is applied but not yet saved too: a burst in one turn must not slip past.
    if (this.rows.storedBytes + this.rows.queuedBytes + update.byteLength > limits.maxDocBytes) {
      throw new AppError('too_large', 'The board has reached its size limit');
    }
    // A quiet room stays quiet for what it has already: the step 2 every writer answers a join
    // with is usually that (nothing new, and the delete set it knows).
    if (this.quietSnapshot && Y.snapshotContainsUpdate(this.quietSnapshot, update)) return;
    this.admission.admit(this.doc, update, origin);
  }

  /** Rule refusals so far (each taken back as soon as it was applied). */
  get refusedByRules(): number {
    return this.admission.refusedByRules;
  }

  /**
   * Sync step 2 for a peer that sent step 1: everything it lacks, once it is durable. Clients
   * take this reply as the acknowledgement of what they sent before the step 1.
   *
   * While saves fail the reply cannot wait for them (the disk may stay full for hours): the peer
   * gets what is stored, read back from the store, after a SaveStatus `failing` message, so a
   * joiner still opens the board, and nothing unsaved is served or acknowledged. The unsaved
   * changes reach it by the usual relay once they are stored.
   */
  async replyToStep1(peer: Peer, stateVector: Uint8Array): Promise<void> {
    for (;;) {
      const saved = await this.rows.savedOrFailing();
      if (!this.peers.has(peer)) return;
      if (saved) {
        peer.send(syncStep2Message(this.missingFor(stateVector)));
        return;
      }
      const stored = await this.deps.store.loadDoc(this.name);
      if (!this.peers.has(peer)) return;
      // Saving worked again meanwhile: answer (and acknowledge) only what is now stored.
      if (!this.rows.failing) continue;
      const merged =
        stored.updates.length === 1 ? stored.updates[0]! : Y.mergeUpdates(stored.updates);
      if (canWriteBoard(peer.role)) peer.send(saveStatusMessage('failing'));
      peer.send(syncStep2Message(Y.diffUpdate(merged, stateVector)));
      return;
    }
  }

  /**
   * What a peer with `stateVector` lacks. Most joins start from nothing: those share one cached
   * encoding of the document instead of re-encoding it for every joiner.
   */
  private missingFor(stateVector: Uint8Array): Uint8Array {
    if (stateVector.byteLength > 1) {
      return this.current
        ? encodeApplied(this.current, stateVector)
        : Y.diffUpdate(this.encodedState!, stateVector);
    }
    this.encodedState ??= encodeApplied(this.doc);
    return this.encodedState;
  }

  /** Sync step 1 (our state vector) into `encoder`, without loading a quiet room. */
  writeStep1(encoder: encoding.Encoder): void {
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(encoder, this.quietStateVector ?? Y.encodeStateVector(this.doc));
  }

  /**
   * Sends our state vector to `peers`, so each replies with whatever we lack: after a freeze,
   * edits the server refused are still on their devices and later edits depend on them.
   */
  requestMissing(peers: Iterable<Peer>): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    this.writeStep1(encoder);
    const message = encoding.toUint8Array(encoder);
    for (const peer of peers) peer.send(message);
  }

  /** Sends `message` to every peer but `except`, framed once for all of them. */
  broadcast(message: Uint8Array, except: unknown): void {
    const out = new Outgoing(message);
    for (const peer of this.peers) {
      if (peer !== except) peer.send(out);
    }
  }

  private relay(batch: Pending[]): void {
    if (batch.length === 0) return;
    const first = batch[0]!;
    const oneOrigin = batch.every((p) => p.origin === first.origin);
    // Several updates become one: receivers apply one message instead of many. A peer whose
    // own update is inside gets it back too, which Yjs ignores; a single origin is skipped.
    const update = batch.length === 1 ? first.update : Y.mergeUpdates(batch.map((p) => p.update));
    // Stored already, so other servers may relay it too.
    this.deps.bridge?.publish(`doc:${this.name}`, update);
    if (this.peers.size === 0) return;
    this.broadcast(syncUpdateMessage(update), oneOrigin ? first.origin : undefined);
  }

  /** Merges every stored row into one. Safe to call at any time; a no-op while saving. */
  compact(): Promise<void> {
    return this.rows.compact();
  }

  /** Frees the document. Only called once the room is saved and has no peers. */
  destroy(): void {
    this.destroyed = true;
    this.unbridge?.();
    this.unlisten?.();
    this.rows.destroy();
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.current?.destroy();
  }
}
