import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame, rawSocketOf } from './wsInternals';

interface Pair {
  server: WebSocket;
  client: WebSocket;
  request: IncomingMessage;
  received: Buffer[];
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A real ws server on 127.0.0.1 and one client connected to it. */
async function connectedPair(): Promise<Pair> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  cleanups.push(
    () =>
      new Promise((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  );
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as AddressInfo;
  const accepted = new Promise<[WebSocket, IncomingMessage]>((resolve) =>
    wss.once('connection', (ws, request) => resolve([ws, request])),
  );
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  cleanups.push(async () => {
    client.terminate();
  });
  const received: Buffer[] = [];
  client.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) received.push(data);
  });
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
  });
  const [server, request] = await accepted;
  return { server, client, request, received };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function payloadOf(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

// These tests guard the ws internals wsInternals.ts relies on: when one fails after a ws
// upgrade, the internal changed and wsInternals.ts (and the broadcast path) must change with it.
describe('the ws internals the server relies on', () => {
  it('ws exports Sender with a static frame function, under ESM and as a CommonJS property', () => {
    const exported = wsModule as unknown as {
      Sender?: { frame?: unknown };
      default?: { Sender?: { frame?: unknown } };
    };
    const sender = exported.Sender ?? exported.default?.Sender;
    expect(typeof sender?.frame).toBe('function');
  });

  it("a server WebSocket keeps its socket in _socket (the upgrade request's socket)", async () => {
    const { server, request } = await connectedPair();
    const internals = server as unknown as { _socket?: unknown };
    expect(internals._socket).toBe(request.socket);
  });

  it('a server WebSocket keeps its sender in _sender, whose _state is 0 when idle', async () => {
    const { server } = await connectedPair();
    const internals = server as unknown as { _sender?: { _state?: unknown } };
    expect(internals._sender).toBeTypeOf('object');
    expect(internals._sender!._state).toBe(0);
  });
});

describe('binaryFrame', () => {
  it.each([
    ['a small message', 10],
    ['a message with a 16-bit length', 300],
    ['a message with a 64-bit length', 70_000],
  ])('frames %s so that a ws client reads it whole as binary', async (_name, size) => {
    const pair = await connectedPair();
    const payload = payloadOf(size, size);
    const socket = rawSocketOf(pair.server);
    expect(socket).not.toBeNull();
    socket!.write(binaryFrame(payload));
    await until(() => pair.received.length === 1);
    expect(pair.received[0]!.equals(payload)).toBe(true);
  });

  it('is the same bytes ws would write for the message', async () => {
    const pair = await connectedPair();
    const payload = payloadOf(200, 7);
    const socket = rawSocketOf(pair.server)!;
    const written: Buffer[] = [];
    const write = socket.write.bind(socket);
    // reason: intercepts the socket's writes to compare bytes; restored right after
    (socket as unknown as { write: (chunk: Buffer) => boolean }).write = (chunk: Buffer) => {
      written.push(Buffer.from(chunk));
      return true;
    };
    try {
      pair.server.send(payload, { binary: true });
    } finally {
      (socket as unknown as { write: typeof write }).write = write;
    }
    expect(Buffer.concat(written).equals(binaryFrame(payload))).toBe(true);
  });
});

describe('rawSocketOf', () => {
  it("is the open socket of an idle WebSocket, and frames written to it keep order with ws's own sends", async () => {
    const pair = await connectedPair();
    const socket = rawSocketOf(pair.server);
    expect(socket).toBe(pair.request.socket);
    const messages = [1, 2, 3, 4].map((i) => payloadOf(50 * i, i));
    pair.server.send(messages[0]!, { binary: true });
    socket!.write(binaryFrame(messages[1]!));
    pair.server.send(messages[2]!, { binary: true });
    socket!.write(binaryFrame(messages[3]!));
    await until(() => pair.received.length === 4);
    pair.received.forEach((got, i) => expect(got.equals(messages[i]!)).toBe(true));
  });

  it('is null while ws has a send of its own in progress (a Blob being read), then the socket again', async () => {
    const pair = await connectedPair();
    pair.server.send(new Blob([new Uint8Array(payloadOf(64, 1))]));
    expect(rawSocketOf(pair.server)).toBeNull();
    await until(() => pair.received.length === 1);
    expect(rawSocketOf(pair.server)).toBe(pair.request.socket);
  });

  it('is null once the socket is destroyed', async () => {
    const pair = await connectedPair();
    pair.server.terminate();
    expect(rawSocketOf(pair.server)).toBeNull();
  });

  it('is null for something that is not a ws WebSocket', () => {
    expect(rawSocketOf({})).toBeNull();
  });
});
