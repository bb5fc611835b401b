import net from 'node:net';

/**
 * An in-process TCP proxy on 127.0.0.1 that a test steers to play a bad network between one
 * client and the server: latency, a black hole (stall), connections dropped in the middle of a
 * frame, and a cut (every connection dropped, new ones refused) until it is restored.
 */
export interface TcpProxy {
  readonly port: number;
  /** Connections currently carried (client and upstream both open). */
  readonly openCount: number;
  readonly stats: ProxyStats;
  /** Delays every chunk in both directions by `ms` plus up to `jitterMs`, keeping order. */
  setDelay(ms: number, jitterMs?: number): void;
  /** Black hole: nothing passes either way (not even a close) until `resume`. */
  stall(): void;
  resume(): void;
  /**
   * Drops every open connection. With `midFrame`, each connection forwards only the first half
   * of its next chunk (in whichever direction comes first) and is then destroyed, so the peer is
   * left holding a truncated WebSocket frame.
   */
  dropAll(options?: { midFrame?: boolean }): number;
  /** Drops every connection and refuses new ones until `restore`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export interface ProxyStats {
  accepted: number;
  refused: number;
  dropped: number;
  droppedMidFrame: number;
  bytesUp: number;
  bytesDown: number;
}

interface Item {
  at: number;
  chunk: Buffer | null; // null: the source ended
}

/** One direction of one connection: a queue that releases chunks when they are due. */
class Lane {
  private readonly queue: Item[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastAt = 0;

  constructor(
    private readonly proxy: ProxyState,
    private readonly dst: net.Socket,
    private readonly count: (n: number) => void,
    private readonly onChunk: (chunk: Buffer) => boolean,
  ) {}

  push(chunk: Buffer | null): void {
    const { delayMs, jitterMs } = this.proxy;
    const due = Date.now() + delayMs + (jitterMs > 0 ? Math.random() * jitterMs : 0);
    // Latency may vary, but TCP never reorders.
    this.lastAt = Math.max(this.lastAt, due);
    this.queue.push({ at: this.lastAt, chunk });
    this.pump();
  }

  pump(): void {
    if (this.timer || this.proxy.stalled) return;
    const now = Date.now();
    while (this.queue.length > 0 && this.queue[0]!.at <= now) {
      const item = this.queue.shift()!;
      if (this.dst.destroyed) return;
      if (item.chunk === null) {
        this.dst.end();
        return;
      }
      if (!this.onChunk(item.chunk)) return;
      this.count(item.chunk.byteLength);
      this.dst.write(item.chunk);
    }
    const next = this.queue[0];
    if (next) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, next.at - now);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }
}

interface ProxyState {
  delayMs: number;
  jitterMs: number;
  stalled: boolean;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  lanes: Lane[];
  dropMidFrame: boolean;
  destroy(): void;
}

/** Starts a proxy to `targetPort` on 127.0.0.1 and resolves once it listens. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const state: ProxyState = { delayMs: 0, jitterMs: 0, stalled: false };
  const stats: ProxyStats = {
    accepted: 0,
    refused: 0,
    dropped: 0,
    droppedMidFrame: 0,
    bytesUp: 0,
    bytesDown: 0,
  };
  const pairs = new Set<Pair>();
  let isCut = false;

  const server = net.createServer((client) => {
    client.on('error', () => undefined);
    if (isCut) {
      stats.refused += 1;
      client.destroy();
      return;
    }
    stats.accepted += 1;
    const upstream = net.connect(targetPort, '127.0.0.1');
    upstream.on('error', () => undefined);
    let destroyed = false;
    const pair: Pair = {
      client,
      upstream,
      lanes: [],
      dropMidFrame: false,
      destroy: () => {
        if (destroyed) return;
        destroyed = true;
        for (const lane of pair.lanes) lane.dispose();
        client.destroy();
        upstream.destroy();
        pairs.delete(pair);
      },
    };
    // A pending mid-frame drop cuts the next chunk in half, whichever way it travels.
    const cutHalf =
      (dst: net.Socket) =>
      (chunk: Buffer): boolean => {
        if (!pair.dropMidFrame) return true;
        if (chunk.byteLength >= 2) dst.write(chunk.subarray(0, chunk.byteLength >> 1));
        stats.droppedMidFrame += 1;
        // Let the half frame leave before the connection goes.
        setImmediate(() => pair.destroy());
        return false;
      };
    const up = new Lane(state, upstream, (n) => (stats.bytesUp += n), cutHalf(upstream));
    const down = new Lane(state, client, (n) => (stats.bytesDown += n), cutHalf(client));
    pair.lanes.push(up, down);
    pairs.add(pair);
    client.on('data', (chunk: Buffer) => up.push(chunk));
    upstream.on('data', (chunk: Buffer) => down.push(chunk));
    client.on('end', () => up.push(null));
    upstream.on('end', () => down.push(null));
    // An abrupt close (reset) on either side takes the whole connection down.
    client.on('close', (hadError) => (hadError ? pair.destroy() : undefined));
    upstream.on('close', (hadError) => (hadError ? pair.destroy() : undefined));
    const closedBoth = () => {
      if (client.destroyed && upstream.destroyed) pair.destroy();
    };
    client.on('close', closedBoth);
    upstream.on('close', closedBoth);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  const dropAll = (options: { midFrame?: boolean } = {}): number => {
    const victims = Array.from(pairs);
    for (const pair of victims) {
      stats.dropped += 1;
      if (!options.midFrame) {
        pair.destroy();
        continue;
      }
      pair.dropMidFrame = true;
      // An idle connection has no next chunk to cut; drop it plainly after a moment.
      setTimeout(() => pair.destroy(), 1000).unref();
    }
    return victims.length;
  };

  return {
    port,
    stats,
    get openCount() {
      return pairs.size;
    },
    setDelay(ms, jitterMs = 0) {
      state.delayMs = ms;
      state.jitterMs = jitterMs;
    },
    stall() {
      state.stalled = true;
    },
    resume() {
      state.stalled = false;
      for (const pair of pairs) for (const lane of pair.lanes) lane.pump();
    },
    dropAll,
    cut() {
      isCut = true;
      for (const pair of Array.from(pairs)) {
        stats.dropped += 1;
        pair.destroy();
      }
    },
    restore() {
      isCut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of Array.from(pairs)) pair.destroy();
        server.close(() => resolve());
      }),
  };
}
