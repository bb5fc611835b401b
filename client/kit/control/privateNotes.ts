/**
 * A person's private notes: a second Y.Doc with the board's layout, synced as room
 * `<boardId>/private` with the personal token and cached on the device. The server accepts writes
 * to it only in the "write" phase and, when the phase leaves "write", moves every note onto the
 * board and empties this document; nothing in it ever reaches another person's device before.
 * The socket opens only while the phase allows private writing (`setConnected`, driven by
 * facilitation.ts); edits meanwhile stay in the device's cache.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import { createBoardCommands, type BoardCommands } from '@shared/board/commands';
import { createBoardStore, type BoardStore } from '../../sync/boardStore';
import { syncUrl } from '../../sync/boardConnection';
import { createStore, type ReadableStore } from '../../sync/store';

export const PRIVATE_ROOM_SUFFIX = '/private';

export interface PrivateNotes {
  readonly doc: Y.Doc;
  readonly commands: BoardCommands;
  readonly board: BoardStore;
  /** Whether the private room is connected and synced with the server. */
  readonly synced: ReadableStore<boolean>;
  /** Opens (true) or closes (false) the socket; it starts closed. */
  setConnected(connected: boolean): void;
  destroy(): void;
}

/** Opens the private notes of the person `token` names. */
export function openPrivateNotes(opts: {
  boardId: string;
  personId: string;
  token: string;
  origin: string;
  /** This page's transaction origin (undo and the log see it as the person's own). */
  txOrigin: object;
}): PrivateNotes {
  const doc = new Y.Doc();
  const idb = new IndexeddbPersistence(`talkoot:private:${opts.boardId}:${opts.personId}`, doc);
  const awareness = new Awareness(doc);
  // Private rooms carry no presence.
  awareness.setLocalState(null);
  const provider = new WebsocketProvider(
    syncUrl(opts.origin),
    opts.boardId + PRIVATE_ROOM_SUFFIX,
    doc,
    { params: { token: opts.token }, awareness, disableBc: true, connect: false },
  );
  const synced = createStore(false);
  const onSync = (isSynced: boolean): void => synced.set(isSynced);
  provider.on('sync', onSync);
  const board = createBoardStore(doc);
  return {
    doc,
    commands: createBoardCommands(doc, opts.txOrigin),
    board,
    synced,
    setConnected(connected) {
      if (connected) provider.connect();
      else {
        provider.disconnect();
        synced.set(false);
      }
    },
    destroy() {
      provider.off('sync', onSync);
      board.destroy();
      provider.destroy();
      awareness.destroy();
      void idb.destroy();
      doc.destroy();
    },
  };
}
