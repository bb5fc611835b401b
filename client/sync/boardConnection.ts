/**
 * Everything one open board needs from the network and the device, without React: the board
 * Y.Doc with its offline cache and provider, the read-only control document, presence, and the
 * sync status. The UI reads it all through stores.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import {
  controlMap,
  controlRoomName,
  readControl,
  type ControlState,
} from '@shared/control/controlDoc';
import type { Role } from '@shared/roles';
import { sendsPresence } from '@shared/roles';
import { createStore, type ReadableStore } from './store';
import { createSyncTracker, type SyncStatus } from './syncStatus';
import { attachProbe, ignoreSaveStatus } from './probe';

export interface BoardConnectionOptions {
  boardId: string;
  token: string;
  role: Role;
  /** Origin of the page, e.g. `http://127.0.0.1:8080`; the socket URL is derived from it. */
  origin: string;
}

export interface BoardConnection {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly status: ReadableStore<SyncStatus>;
  /** Freeze state for the page shell (updates only when freezing changes). */
  readonly control: ReadableStore<ControlState>;
  /** The read-only control document itself (phase, timer, votes, log; see client/facilitation). */
  readonly controlDoc: Y.Doc;
  /** Resolves once the device's copy of the board has been loaded from IndexedDB. */
  readonly loaded: Promise<void>;
  /** Whether this device may publish presence (never for viewers). */
  readonly presence: boolean;
  destroy(): void;
}

/** The WebSocket base for sync: same host as the page, ws(s) instead of http(s). */
export function syncUrl(origin: string): string {
  return origin.replace(/^http/, 'ws') + '/sync';
}

/** Opens a board: offline cache first, then the server. */
export function openBoardConnection(opts: BoardConnectionOptions): BoardConnection {
  const doc = new Y.Doc();
  // Viewers keep their own cache so a viewer tab can never feed edits to a writer tab's cache.
  const cacheName = `talkoot:board:${opts.boardId}${opts.role === 'viewer' ? ':view' : ''}`;
  const idb = new IndexeddbPersistence(cacheName, doc);
  const tracker = createSyncTracker();
  const url = syncUrl(opts.origin);
  const params = { token: opts.token };
  // BroadcastChannel is off: every tab talks to the server itself, so the server sees (and
  // authorises) every write, and the status reflects the server, not a sibling tab.
  const presence = sendsPresence(opts.role);
  const awareness = new Awareness(doc);
  // Cleared before the provider exists, so not even an empty presence ever leaves a viewer.
  if (!presence) awareness.setLocalState(null);
  const provider = new WebsocketProvider(url, opts.boardId, doc, {
    params,
    awareness,
    disableBc: true,
  });
  const probeSoon = attachProbe(provider, tracker);

  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === idb) return;
    tracker.localChange();
    probeSoon();
  });

  const controlDoc = new Y.Doc();
  // The control room is read-only for everyone; it never carries presence.
  const controlAwareness = new Awareness(controlDoc);
  controlAwareness.setLocalState(null);
  const controlProvider = new WebsocketProvider(url, controlRoomName(opts.boardId), controlDoc, {
    params,
    awareness: controlAwareness,
    disableBc: true,
  });
  ignoreSaveStatus(controlProvider);
  const control = createStore<ControlState>(readControl(controlDoc));
  const onControl = (): void => {
    const next = readControl(controlDoc);
    const prev = control.get();
    if (prev.frozen !== next.frozen || prev.frozenAt !== next.frozenAt) control.set(next);
  };
  controlMap(controlDoc).observe(onControl);

  // The browser knows about a dropped network before the socket does; close at once so the
  // status says "offline" and reconnect as soon as it is back.
  const goOffline = (): void => {
    for (const p of [provider, controlProvider]) {
      p.shouldConnect = false;
      p.ws?.close();
    }
  };
  const goOnline = (): void => {
    if (tracker.status.get().refused !== null) return;
    provider.connect();
    controlProvider.connect();
  };
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);
  if (typeof navigator !== 'undefined' && navigator.onLine === false) goOffline();

  const loaded = idb.whenSynced.then(() => undefined);

  return {
    doc,
    awareness: provider.awareness,
    status: tracker.status,
    control,
    controlDoc,
    loaded,
    presence,
    destroy() {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      if (presence) provider.awareness.setLocalState(null);
      provider.destroy();
      controlProvider.destroy();
      awareness.destroy();
      controlAwareness.destroy();
      void idb.destroy();
      doc.destroy();
      controlDoc.destroy();
    },
  };
}
