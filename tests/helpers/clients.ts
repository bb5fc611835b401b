import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../../shared/protocol/messageTypes';

/** A real y-websocket provider on Node (which has no global WebSocket). */
export function connectProvider(
  syncUrl: string,
  room: string,
  token: string,
  doc = new Y.Doc(),
  options: { connect?: boolean } = {},
): { doc: Y.Doc; provider: WebsocketProvider } {
  const provider = new WebsocketProvider(syncUrl, room, doc, {
    params: { token },
    // reason: ws's WebSocket is API-compatible with the browser one the provider expects
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    disableBc: true,
    resyncInterval: -1,
  });
  return { doc, provider };
}

/** Resolves once the provider has synced with the server. */
export function synced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync in time')), timeoutMs);
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

/** Polls `check` until it returns true. */
export async function waitFor(
  check: () => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface RawClient {
  ws: WebSocket;
  messages: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  send(bytes: Uint8Array | string): void;
}

/** A bare WebSocket that records every message and how it was closed. */
export function rawClient(url: string): RawClient {
  const ws = new WebSocket(url);
  ws.binaryType = 'nodebuffer';
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => reject(new Error('closed before open')));
  });
  opened.catch(() => undefined);
  return {
    ws,
    messages,
    closed,
    opened,
    send: (bytes) => ws.send(bytes),
  };
}

/** The URL a raw client uses for a board. */
export function boardUrl(syncUrl: string, boardId: string, token?: string): string {
  return (
    `${syncUrl}/${boardId}` + (token === undefined ? '' : `?token=${encodeURIComponent(token)}`)
  );
}

/** A sync "update" message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A sync step 1 message for an empty document. */
export function step1Message(doc = new Y.Doc()): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Destroys providers and waits a moment for their sockets to close. */
export async function destroyAll(...providers: WebsocketProvider[]): Promise<void> {
  for (const p of providers) p.destroy();
  await new Promise((r) => setTimeout(r, 20));
}
