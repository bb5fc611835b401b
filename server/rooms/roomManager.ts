import { AppError } from '../errors';
import type { Logger } from '../log';
import type { BoardRecord } from '../persistence/store';
import { BoardRoom, type BoardRoomDeps } from './boardRoom';

export interface RoomManagerOptions {
  idleMs: number;
  maxLoadedRooms: number;
}

/**
 * Loads boards on first use and unloads them when nobody has been connected for `idleMs` and
 * everything is saved. A room with unsaved work is never unloaded.
 */
export class RoomManager {
  private readonly rooms = new Map<string, BoardRoom>();
  private readonly loading = new Map<string, Promise<BoardRoom>>();
  private closing = false;

  constructor(
    private readonly deps: BoardRoomDeps & { log: Logger },
    private readonly options: RoomManagerOptions,
    private readonly onCountChange: (count: number) => void,
  ) {}

  get loadedCount(): number {
    return this.rooms.size;
  }

  /** Every room in memory now. */
  loaded(): BoardRoom[] {
    return Array.from(this.rooms.values());
  }

  /** The loaded room of a board, if it is in memory. */
  peek(boardId: string): BoardRoom | undefined {
    return this.rooms.get(boardId);
  }

  /** The room of `record`, loading it if needed. Cancels a pending unload. */
  async acquire(record: BoardRecord): Promise<BoardRoom> {
    if (this.closing) throw new AppError('unavailable', 'The server is shutting down');
    const loaded = this.rooms.get(record.id);
    if (loaded) {
      this.cancelIdle(loaded);
      return loaded;
    }
    const inFlight = this.loading.get(record.id);
    if (inFlight) return inFlight;
    if (this.rooms.size + this.loading.size >= this.options.maxLoadedRooms) {
      // At the cap, an empty and saved board waiting to unload makes room at once.
      const idle = Array.from(this.rooms.values()).find(
        (r) => r.connectionCount === 0 && !r.unsaved,
      );
      if (!idle) throw new AppError('unavailable', 'Too many boards are open on this server');
      await this.evict(idle);
      return this.acquire(record);
    }
    const promise = (async () => {
      const room = new BoardRoom(record, this.deps);
      try {
        await room.load();
      } catch (err) {
        room.destroy();
        throw err;
      }
      this.rooms.set(record.id, room);
      this.onCountChange(this.rooms.size);
      return room;
    })();
    this.loading.set(record.id, promise);
    try {
      return await promise;
    } finally {
      this.loading.delete(record.id);
    }
  }

  /**
   * Loads the room of `record`, runs `fn` with it and releases it: the one way to use a room
   * for a while without a peer holding it (requests, snapshots, the console). With `untilSaved`
   * it is released only once every change made meanwhile is durable (a request that wrote).
   */
  async withRoom<T>(
    record: BoardRecord,
    fn: (room: BoardRoom) => T | Promise<T>,
    options: { untilSaved?: boolean } = {},
  ): Promise<T> {
    const room = await this.acquire(record);
    try {
      return await fn(room);
    } finally {
      if (options.untilSaved) await room.whenSaved();
      this.released(room);
    }
  }

  /** Call when a peer leaves: an empty room is unloaded after the idle delay. */
  released(room: BoardRoom): void {
    if (room.connectionCount > 0 || room.idleTimer || this.closing) return;
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      void this.unload(room);
    }, this.options.idleMs);
  }

  private cancelIdle(room: BoardRoom): void {
    if (room.idleTimer) {
      clearTimeout(room.idleTimer);
      room.idleTimer = null;
    }
  }

  /** Unloads an empty, saved room now instead of after its idle delay. */
  private async evict(room: BoardRoom): Promise<void> {
    this.cancelIdle(room);
    await room.compact();
    if (room.connectionCount > 0 || room.unsaved || this.rooms.get(room.id) !== room) return;
    this.rooms.delete(room.id);
    room.destroy();
    this.onCountChange(this.rooms.size);
  }

  private async unload(room: BoardRoom): Promise<void> {
    await room.whenSaved();
    await room.compact();
    // Someone may have joined, or written, while we waited.
    if (room.connectionCount > 0 || room.unsaved || room.idleTimer) {
      if (room.connectionCount === 0) this.released(room);
      return;
    }
    if (this.rooms.get(room.id) !== room) return;
    this.rooms.delete(room.id);
    room.destroy();
    this.onCountChange(this.rooms.size);
    this.deps.log.debug({ board: room.id }, 'room unloaded');
  }

  /** Saves, compacts and frees every room (shutdown). */
  async closeAll(): Promise<void> {
    this.closing = true;
    await Promise.allSettled(Array.from(this.loading.values()));
    for (const room of this.rooms.values()) {
      this.cancelIdle(room);
      await room.whenSaved();
      await room.compact();
      room.destroy();
    }
    this.rooms.clear();
    this.onCountChange(0);
  }
}
