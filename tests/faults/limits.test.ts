import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { MessageType } from '../../shared/protocol/messageTypes';
import { addNote, hasNote, noteTexts, notesUpdate } from '../helpers/boardContent';
import {
  boardUrl,
  connectProvider,
  destroyAll,
  rawClient,
  synced,
  updateMessage,
  waitFor,
  type RawClient,
} from '../helpers/clients';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';

const PER_BOARD = 12;
const LOADED_ROOMS = 3;
const FRAME = 16 * 1024;
const IDLE_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: TestServer;
const servers: TestServer[] = [];

beforeAll(async () => {
  server = await startTestServer({
    env: {
      MAX_CONNECTIONS_PER_BOARD: String(PER_BOARD),
      MAX_LOADED_ROOMS: String(LOADED_ROOMS),
      MAX_FRAME_BYTES: String(FRAME),
      ROOM_IDLE_MS: String(IDLE_MS),
    },
  });
  servers.push(server);
});

afterAll(async () => {
  for (const s of servers) await s.close();
});

/** A participant provider that proves, on demand, that its board still relays. */
async function people(board: CreatedBoard, count = 2, on = server) {
  const list = Array.from({ length: count }, () =>
    connectProvider(on.syncUrl, board.id, board.tokens.participant),
  );
  await Promise.all(list.map((p) => synced(p.provider)));
  const closes: number[] = [];
  let leaving = false;
  for (const p of list) {
    p.provider.on('connection-close', (e) => {
      if (!leaving) closes.push(e?.code ?? 0);
    });
  }
  let n = 0;
  return {
    list,
    closes,
    async stillWorks() {
      n += 1;
      addNote(list[0]!.doc, `still works ${n}`);
      await waitFor(
        () => list.every((p) => hasNote(p.doc, `still works ${n}`)),
        5000,
        'board still relays',
      );
    },
    destroy: () => {
      leaving = true;
      return destroyAll(...list.map((p) => p.provider));
    },
  };
}

/** Waits until every room of earlier tests has idled out, so each test starts below the caps. */
const roomsIdle = () =>
  waitFor(() => server.app.rooms.loadedCount === 0, IDLE_MS * 20, 'idle rooms unloaded');

/** A raw socket that is let in (greeted or at least not refused within a moment). */
async function admitted(raw: RawClient): Promise<boolean> {
  await raw.opened.catch(() => undefined);
  const closed = await Promise.race([raw.closed.then(() => true), sleep(300).then(() => false)]);
  return !closed;
}

describe('resource limits', () => {
  it('past MAX_CONNECTIONS_PER_BOARD a newcomer is refused with 4503 while the board carries on', async () => {
    await roomsIdle();
    const board = await server.board();
    const other = await server.board();
    const writers = await people(board, 4);
    const viewers = Array.from({ length: PER_BOARD - 4 }, () =>
      rawClient(boardUrl(server.syncUrl, board.id, board.tokens.viewer)),
    );
    expect(await Promise.all(viewers.map(admitted))).toEqual(viewers.map(() => true));

    const refused = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.viewer));
    const refusedControl = rawClient(
      boardUrl(server.syncUrl, `${board.id}/control`, board.tokens.viewer),
    );
    const codes = [(await refused.closed).code, (await refusedControl.closed).code];
    await writers.stillWorks();
    // Another board is not affected by this one being full.
    const elsewhere = await people(other, 1);

    // One leaves: the next newcomer gets in.
    viewers[0]!.ws.close();
    await waitFor(
      () => server.app.rooms.peek(board.id)!.connectionCount < PER_BOARD,
      5000,
      'a seat frees',
    );
    const next = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.viewer));
    const nextAdmitted = await admitted(next);
    console.log(
      `FAULTS limits connections: cap=${PER_BOARD} refused=[${codes}] writersCloses=${writers.closes.length} ` +
        `admittedAfterLeave=${nextAdmitted}`,
    );
    expect(codes).toEqual([CloseCode.Unavailable, CloseCode.Unavailable]);
    expect(writers.closes).toEqual([]);
    expect(nextAdmitted).toBe(true);
    for (const v of [...viewers, next]) v.ws.close();
    await writers.destroy();
    await elsewhere.destroy();
  });

  it('past MAX_LOADED_ROOMS another board is refused (4503, HTTP 503) until an open board empties and idles out', async () => {
    await roomsIdle();
    const boards = [await server.board(), await server.board(), await server.board()];
    const extra = await server.board();
    const groups = [];
    for (const b of boards) groups.push(await people(b, 2));
    expect(server.app.rooms.loadedCount).toBe(LOADED_ROOMS);

    const raw = rawClient(boardUrl(server.syncUrl, extra.id, extra.tokens.participant));
    const socketCode = (await raw.closed).code;
    const http = await fetch(`${server.url}/api/boards/${extra.id}`, {
      headers: { Authorization: `Bearer ${extra.tokens.viewer}` },
    });
    await Promise.all(groups.map((g) => g.stillWorks()));

    // The first board's people leave; once it is idle and unloaded, the extra board opens.
    await groups[0]!.destroy();
    await waitFor(
      () => server.app.rooms.loadedCount < LOADED_ROOMS,
      IDLE_MS * 20,
      'the empty board unloads',
    );
    const late = await people(extra, 1);
    console.log(
      `FAULTS limits rooms: cap=${LOADED_ROOMS} socket=${socketCode} http=${http.status} ` +
        `othersCloses=${groups.reduce((n, g) => n + g.closes.length, 0)} loadedAfter=${server.app.rooms.loadedCount}`,
    );
    expect(socketCode).toBe(CloseCode.Unavailable);
    expect(http.status).toBe(503);
    expect(groups.flatMap((g) => g.closes)).toEqual([]);
    await late.destroy();
    for (const g of groups.slice(1)) await g.destroy();
  });

  it('a board nobody is on is unloaded to make room rather than a newcomer refused', async () => {
    const slow = await startTestServer({
      env: { MAX_LOADED_ROOMS: '2', ROOM_IDLE_MS: '30000' },
    });
    servers.push(slow);
    const [a, b, c] = [await slow.board(), await slow.board(), await slow.board()];
    const groupA = await people(a, 1, slow);
    const groupB = await people(b, 1, slow);
    await groupA.destroy();
    await waitFor(() => slow.app.rooms.peek(a.id)!.connectionCount === 0, 5000, 'A empty');
    await slow.app.rooms.peek(a.id)!.whenSaved();
    const raw = rawClient(boardUrl(slow.syncUrl, c.id, c.tokens.participant));
    const ok = await admitted(raw);
    console.log(`FAULTS limits idle-eviction: newcomerAdmitted=${ok}`);
    raw.ws.close();
    await groupB.destroy();
    expect(ok).toBe(true);
  });

  it('frames are capped by MAX_FRAME_BYTES: at the limit accepted, over it 4413, over twice it 1009', async () => {
    await roomsIdle();
    const board = await server.board();
    const group = await people(board, 2);
    const frameOf = (size: number) => {
      // A valid update (notes of board content) padded to exactly `size` bytes of frame.
      for (let text = size; ;) {
        const m = updateMessage(notesUpdate('f'.repeat(text)));
        if (m.byteLength <= size) return m;
        text -= Math.max(1, Math.floor((m.byteLength - size) / 2));
      }
    };
    const results: number[] = [];
    for (const size of [FRAME, FRAME + 1, FRAME * 2 + 1]) {
      const raw = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
      await raw.opened;
      await waitFor(() => raw.messages.length > 0, 5000, 'greeting');
      raw.send(size === FRAME ? frameOf(size) : new Uint8Array(size));
      if (size === FRAME) {
        // Accepted: a question afterwards is answered.
        raw.send(Uint8Array.from([MessageType.QueryAwareness, 0]));
        const fine = await Promise.race([
          raw.closed.then(() => false),
          sleep(300).then(() => true),
        ]);
        results.push(fine ? 0 : (await raw.closed).code);
        raw.ws.close();
      } else {
        results.push((await raw.closed).code);
      }
    }
    await group.stillWorks();
    console.log(
      `FAULTS limits frames: limit=${FRAME} atLimit=${results[0] === 0 ? 'accepted' : results[0]} over=${results[1]} overTwice=${results[2]}`,
    );
    expect(results).toEqual([0, CloseCode.TooLarge, 1009]);
    // The frame at the limit was board content, and it was applied.
    const room = server.app.rooms.peek(board.id);
    expect(noteTexts(room?.board.doc).some((t) => /^f+$/.test(t))).toBe(true);
    expect(group.closes).toEqual([]);
    await group.destroy();
  });

  // The standard y-websocket provider re-broadcasts every awareness update it receives, so each
  // participant sends its own pointer updates plus an echo of what it gets, and the server counts
  // the echoes against its rate limit (server/connection/connection.ts onMessage). With the
  // client's 20 Hz throttle (client/sync/presence.ts) and MAX_MESSAGES_PER_SECOND=200, a board of
  // more than ~10 people moving pointers got everyone closed with 4429 until presence was batched
  // per event-loop turn (server/rooms/presence.ts flush).
  it('twenty people moving their pointers at the client rate are not rate-limited', async () => {
    const busy = await startTestServer();
    servers.push(busy);
    const board = await busy.board();
    const group = await people(board, 20, busy);
    // Each person moves on their own clock (the client's 20 Hz throttle), out of step with the
    // others, as people at a table do.
    const started = Date.now();
    let moves = 0;
    const timers = group.list.map((p, i) => {
      let x = 0;
      const move = () => {
        x += 1;
        moves += 1;
        p.provider.awareness.setLocalStateField('pointer', { x, y: i });
      };
      return setTimeout(() => timers.push(setInterval(move, 50)), Math.random() * 50);
    });
    while (Date.now() - started < 12_000 && group.closes.length === 0) await sleep(100);
    for (const t of timers) clearInterval(t);
    console.log(
      `FAULTS limits presence-rate: people=20 hz=20 seconds=${((Date.now() - started) / 1000).toFixed(1)} ` +
        `moves=${moves} closes=[${group.closes}]`,
    );
    const closes = [...group.closes];
    await group.destroy();
    expect(closes).toEqual([]);
  });
});
