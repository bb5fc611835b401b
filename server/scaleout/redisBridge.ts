import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../log';
import type { RoomBridge } from '../rooms/bridge';

const PREFIX = 'talkoot:';
const ID_BYTES = 8;

/**
 * A RoomBridge over Redis pub/sub. Each message starts with the sending server's id so a server
 * ignores its own. Pub/sub drops messages while a link is down; rooms therefore resync from the
 * shared store whenever the subscriber reconnects.
 */
export class RedisBridge implements RoomBridge {
  private readonly id = randomBytes(ID_BYTES);
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<(payload: Uint8Array) => void>>();
  private readonly reconnectListeners = new Set<() => void>();
  private readyOnce = false;

  private constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.pub = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
    this.sub = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
    for (const client of [this.pub, this.sub]) {
      client.on('error', (err: Error) => this.log.warn({ err: err.message }, 'redis link error'));
    }
    this.sub.on('ready', () => {
      if (this.readyOnce) for (const listener of this.reconnectListeners) listener();
      this.readyOnce = true;
    });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.deliver(channel, message),
    );
  }

  /** Connects both links; rejects when Redis cannot be reached. */
  static async connect(url: string, log: Logger): Promise<RedisBridge> {
    const bridge = new RedisBridge(url, log);
    await Promise.all([bridge.pub.connect(), bridge.sub.connect()]);
    return bridge;
  }

  private deliver(channel: Buffer, message: Buffer): void {
    if (message.byteLength < ID_BYTES || message.subarray(0, ID_BYTES).equals(this.id)) return;
    const handlers = this.handlers.get(channel.toString().slice(PREFIX.length));
    if (!handlers) return;
    const payload = new Uint8Array(
      message.buffer,
      message.byteOffset + ID_BYTES,
      message.byteLength - ID_BYTES,
    );
    for (const handler of handlers) handler(payload);
  }

  async subscribe(channel: string, onMessage: (payload: Uint8Array) => void): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.sub.subscribe(PREFIX + channel);
    }
    set.add(onMessage);
    return () => {
      const current = this.handlers.get(channel);
      if (!current) return;
      current.delete(onMessage);
      if (current.size === 0) {
        this.handlers.delete(channel);
        void this.sub.unsubscribe(PREFIX + channel).catch(() => undefined);
      }
    };
  }

  publish(channel: string, payload: Uint8Array): void {
    void this.pub
      .publish(PREFIX + channel, Buffer.concat([this.id, payload]))
      .catch((err: Error) => {
        // The other servers resync from the store when their link comes back.
        this.log.warn({ err: err.message, channel }, 'redis publish failed');
      });
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
