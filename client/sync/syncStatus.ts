/**
 * Tracks whether this device's changes have reached the server.
 *
 * y-websocket has no acknowledgements, so we make one out of the sync protocol itself: the server
 * answers every sync step 1 with a step 2, in order, on the same socket, after applying what came
 * before it. So when we send a step 1 after our local updates and its step 2 comes back, the
 * server holds everything we had sent at that moment. A FIFO of "local sequence at the time of
 * the step 1" turns each step 2 into an acknowledgement.
 *
 * The server answers a step 1 only once what came before it is stored. While it cannot store
 * (a full disk) it says so with a SaveStatus message and answers with what is stored instead:
 * those answers acknowledge nothing, and the status says "not saved" until it can store again.
 */
import type { SaveState } from '@shared/protocol/saveStatus';
import { createStore, type ReadableStore } from './store';

export type Connection = 'offline' | 'connecting' | 'online';

export interface SyncStatus {
  /**
   * 'synced': connected, nothing waiting; 'syncing': connecting or work in flight; 'unsaved':
   * connected, but the server says it cannot store edits (they stay on this device); 'offline'.
   */
  state: 'synced' | 'syncing' | 'unsaved' | 'offline';
  /** Local changes (transactions) the server has not yet acknowledged. */
  pending: number;
  /** The server refused the link (close 4401/4403/4404): stop and show the error page. */
  refused: number | null;
}

export interface SyncTracker {
  readonly status: ReadableStore<SyncStatus>;
  /** A local transaction changed the document. */
  localChange(): void;
  /** The socket's connection state changed. */
  connection(state: Connection): void;
  /**
   * We are about to send a sync step 1. The provider's own step 1 on connect goes out before our
   * offline changes do (they travel in our answer to the server's step 1), so its answer
   * acknowledges nothing new: pass `acknowledges: false` for it.
   */
  step1Sent(acknowledges?: boolean): void;
  /** A sync step 2 arrived from the server. */
  step2Received(): void;
  /** The server closed the socket for good. */
  refused(code: number): void;
  /** The server says it cannot store this document's changes (`failing`), or can again. */
  saveStatus(state: SaveState): void;
  /** True when a probe would acknowledge something not yet acknowledged or requested. */
  wantsProbe(): boolean;
}

/** Creates a tracker in the offline state with nothing pending. */
export function createSyncTracker(): SyncTracker {
  let localSeq = 0;
  let ackedSeq = 0;
  // The first attempt counts as syncing, so a page does not flash "offline" while it connects.
  let connection: Connection = 'connecting';
  let synced = false;
  let refusedCode: number | null = null;
  // The server said it cannot store edits; forgotten with the socket (it says so again).
  let saveFailing = false;
  // Local sequence numbers at the time of each unanswered step 1, oldest first.
  let inFlight: number[] = [];
  const status = createStore<SyncStatus>({ state: 'syncing', pending: 0, refused: null });

  const publish = (): void => {
    const pending = localSeq - ackedSeq;
    const state =
      refusedCode !== null || connection === 'offline'
        ? 'offline'
        : connection === 'online' && saveFailing
          ? 'unsaved'
          : connection === 'online' && synced && pending === 0
            ? 'synced'
            : 'syncing';
    const prev = status.get();
    if (prev.state === state && prev.pending === pending && prev.refused === refusedCode) return;
    status.set({ state, pending, refused: refusedCode });
  };

  // `status` is only ever replaced through publish(); expose it read-only.
  const writable = status;
  return {
    status: { get: writable.get, subscribe: writable.subscribe },
    localChange() {
      localSeq += 1;
      publish();
    },
    connection(next) {
      connection = next;
      if (next !== 'online') {
        // Step 1s sent on a dead socket will never be answered.
        inFlight = [];
        synced = false;
        saveFailing = false;
      }
      publish();
    },
    step1Sent(acknowledges = true) {
      inFlight.push(acknowledges ? localSeq : ackedSeq);
    },
    step2Received() {
      const seq = inFlight.shift();
      // While saves fail the answer holds only what is stored: it acknowledges nothing.
      if (!saveFailing && seq !== undefined && seq > ackedSeq) ackedSeq = seq;
      synced = true;
      publish();
    },
    refused(code) {
      refusedCode = code;
      publish();
    },
    saveStatus(state) {
      saveFailing = state === 'failing';
      publish();
    },
    wantsProbe() {
      // Nothing can be acknowledged until the server can store again; it says when.
      if (saveFailing) return false;
      const requested = inFlight.length > 0 ? Math.max(...inFlight) : ackedSeq;
      return connection === 'online' && localSeq > Math.max(requested, ackedSeq);
    },
  };
}
