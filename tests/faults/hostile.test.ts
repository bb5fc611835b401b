import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_LIMITS } from '../../server/config';
import { CloseCode } from '../../shared/protocol/closeCodes';
import {
  boardUrl,
  connectProvider,
  destroyAll,
  rawClient,
  synced,
  updateMessage,
  waitFor,
} from '../helpers/clients';
import { awarenessFrame } from '../helpers/protocolFrames';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';

const PENDING_CAP = 1024 * 1024;
const UPDATE_LIMIT = 64 * 1024;
const DOC_LIMIT = 256 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    configure: (config) => {
      config.limits.maxFrameBytes = 1024 * 1024;
      config.limits.maxUpdateBytes = UPDATE_LIMIT;
      config.limits.maxPendingBytes = PENDING_CAP;
      config.limits.maxDocBytes = DOC_LIMIT;
    },
  });
});

afterAll(async () => {
  await server.close();
});

/** Two honest participants on a board and a way to measure that the room still relays. */
async function honestPair(board: CreatedBoard) {
  const a = connectProvider(server.syncUrl, board.id, board.tokens.participant);
  const b = connectProvider(server.syncUrl, board.id, board.tokens.participant);
  await Promise.all([synced(a.provider), synced(b.provider)]);
  let n = 0;
  let worstMs = 0;
  const roundTrip = async () => {
    n += 1;
    const started = Date.now();
    a.doc.getMap('honest').set('n', n);
    await waitFor(() => b.doc.getMap('honest').get('n') === n, 10_000, 'honest round trip');
    worstMs = Math.max(worstMs, Date.now() - started);
  };
  return {
    a,
    b,
    roundTrip,
    worstMs: () => worstMs,
    destroy: () => destroyAll(a.provider, b.provider),
  };
}

/**
 * Someone whose first edit never reaches the server: every later update they send depends on it
 * and can never be applied. Each is `size` bytes of text.
 */
function orphanWriter(size: number) {
  const doc = new Y.Doc();
  const text = doc.getText('orphan');
  text.insert(0, 'never sent');
  return () => {
    const before = Y.encodeStateVector(doc);
    text.insert(0, 'o'.repeat(size));
    return Y.encodeStateAsUpdate(doc, before);
  };
}

const pendingBytes = (doc: Y.Doc) =>
  (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);

describe('hostile but well-formed updates', () => {
  it('thousands of 10 KB updates whose dependencies never arrive are refused past the cap, stall no room and are never relayed or appended', async () => {
    const boards = [await server.board(), await server.board(), await server.board()];
    const pairs = await Promise.all(boards.map(honestPair));
    const rooms = boards.map((b) => server.app.rooms.peek(b.id)!.board);
    const rowsBefore = await Promise.all(
      boards.map(async (b) => (await server.app.store.loadDoc(b.id)).updates.length),
    );
    const rssBefore = process.memoryUsage().rss;
    let maxPending = 0;
    const sampler = setInterval(() => {
      for (const room of rooms) maxPending = Math.max(maxPending, pendingBytes(room.doc));
    }, 10);

    // Each board is attacked by one socket after another: every socket sends 10 KB orphans until
    // it is refused, and the next one takes over.
    let sent = 0;
    let sockets = 0;
    const closes: Record<number, number> = {};
    const attack = async (board: CreatedBoard) => {
      let boardSent = 0;
      while (boardSent < 1100) {
        const next = orphanWriter(10 * 1024);
        const raw = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
        sockets += 1;
        await raw.opened;
        let open = true;
        void raw.closed.then(() => (open = false));
        for (let i = 0; open && i < 400; i++) {
          raw.send(updateMessage(next()));
          boardSent += 1;
          sent += 1;
          // Stay under the message rate limit: this test is about pending data, not floods.
          if (i % 20 === 19) await sleep(15);
        }
        const { code } = await raw.closed;
        closes[code] = (closes[code] ?? 0) + 1;
      }
    };
    const attacking = Promise.all(boards.map(attack));
    let done = false;
    void attacking.finally(() => (done = true));
    while (!done) {
      await Promise.all(pairs.map((p) => p.roundTrip()));
      await sleep(50);
    }
    await attacking;
    clearInterval(sampler);
    const rssAfter = process.memoryUsage().rss;

    const rowsAfter = await Promise.all(
      boards.map(async (b) => (await server.app.store.loadDoc(b.id)).updates),
    );
    // Everything stored for a board, applied together: no orphan text, nothing left pending.
    const orphanBytesStored = rowsAfter.reduce((n, rows) => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.mergeUpdates(rows));
      return n + d.getText('orphan').length + pendingBytes(d);
    }, 0);
    const honestSawOrphans = pairs.some(
      (p) =>
        p.a.doc.getText('orphan').length > 0 ||
        p.b.doc.getText('orphan').length > 0 ||
        p.a.doc.store.pendingStructs !== null ||
        p.b.doc.store.pendingStructs !== null,
    );
    const worstRoundTrip = Math.max(...pairs.map((p) => p.worstMs()));
    console.log(
      `FAULTS orphans: updates=${sent} of 10KB sockets=${sockets} closes=${JSON.stringify(closes)} ` +
        `maxPendingBytes=${maxPending} cap=${PENDING_CAP} honestWorstRoundTripMs=${worstRoundTrip} ` +
        `rssDeltaMiB=${Math.round((rssAfter - rssBefore) / 2 ** 20)} ` +
        `rowsAppended=${rowsAfter.map((r, i) => r.length - rowsBefore[i]!)} orphanBytesStored=${orphanBytesStored}`,
    );

    expect(sent).toBeGreaterThanOrEqual(3000);
    expect(Object.keys(closes)).toEqual([String(CloseCode.TooLarge)]);
    // One update past the cap is what trips it.
    expect(maxPending).toBeLessThanOrEqual(PENDING_CAP + 11 * 1024);
    expect(worstRoundTrip).toBeLessThan(2000);
    expect(honestSawOrphans).toBe(false);
    expect(orphanBytesStored).toBe(0);
    for (const room of rooms) expect(room.doc.store.pendingStructs).toBeNull();
    await Promise.all(pairs.map((p) => p.destroy()));
  });

  it('updates held for missing dependencies reach no joining client and no compacted row', async () => {
    const board = await server.board();
    const honest = await honestPair(board);
    const room = server.app.rooms.peek(board.id)!.board;
    const attacker = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await attacker.opened;
    const next = orphanWriter(10 * 1024);
    for (let i = 0; i < 20; i++) attacker.send(updateMessage(next()));
    await waitFor(() => pendingBytes(room.doc) > 100 * 1024, 5000, 'orphans held');
    // An honest edit, so any cached encoding of the document is dropped.
    await honest.roundTrip();

    const joiner = connectProvider(server.syncUrl, board.id, board.tokens.viewer);
    await synced(joiner.provider);
    await room.compact();
    const stored = await server.app.store.loadDoc(board.id);
    const storedDoc = new Y.Doc();
    Y.applyUpdate(storedDoc, Y.mergeUpdates(stored.updates));
    console.log(
      `FAULTS orphan leak: serverPending=${pendingBytes(room.doc)} ` +
        `joinerPending=${pendingBytes(joiner.doc)} storedPending=${pendingBytes(storedDoc)}`,
    );
    attacker.ws.close();
    await destroyAll(joiner.provider);
    await honest.destroy();
    expect(pendingBytes(joiner.doc)).toBe(0);
    expect(pendingBytes(storedDoc)).toBe(0);
  });

  it('a single valid update larger than the update limit is refused with 4413 and changes nothing', async () => {
    const board = await server.board();
    const honest = await honestPair(board);
    const before = Y.encodeStateVector(server.app.rooms.peek(board.id)!.board.doc);
    const big = new Y.Doc();
    big.getText('big').insert(0, 'b'.repeat(UPDATE_LIMIT + 1024));
    const raw = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await raw.opened;
    raw.send(updateMessage(Y.encodeStateAsUpdate(big)));
    const { code } = await raw.closed;
    const after = Y.encodeStateVector(server.app.rooms.peek(board.id)!.board.doc);
    await honest.roundTrip();
    console.log(
      `FAULTS update-limit: bytes=${UPDATE_LIMIT + 1024} limit=${UPDATE_LIMIT} close=${code}`,
    );
    expect(code).toBe(CloseCode.TooLarge);
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
    expect(honest.b.doc.getText('big').length).toBe(0);
    await honest.destroy();
  });

  it('an update that would take a board past its size limit is refused with 4413 and the board stays under it', async () => {
    const board = await server.board();
    const honest = await honestPair(board);
    const room = server.app.rooms.peek(board.id)!.board;
    const writer = new Y.Doc();
    const raw = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await raw.opened;
    let accepted = 0;
    let open = true;
    void raw.closed.then(() => (open = false));
    for (let i = 0; open && i < 40; i++) {
      const before = Y.encodeStateVector(writer);
      writer.getText('fill').insert(0, String(i % 10).repeat(40 * 1024));
      raw.send(updateMessage(Y.encodeStateAsUpdate(writer, before)));
      // One at a time, so each is saved before the next arrives.
      await sleep(60);
      if (open) accepted += 1;
    }
    const { code } = await raw.closed;
    const stored = await server.app.store.loadDoc(board.id);
    console.log(
      `FAULTS doc-limit: limit=${DOC_LIMIT} accepted=${accepted}x40KB storedBytes=${stored.bytes} ` +
        `roomBytes=${room.approxBytes} close=${code}`,
    );
    expect(code).toBe(CloseCode.TooLarge);
    expect(stored.bytes).toBeLessThanOrEqual(DOC_LIMIT);
    expect(honest.b.doc.getText('fill').length).toBe(room.doc.getText('fill').length);
    await honest.destroy();
  });

  it('updates arriving together cannot take a board past its size limit', async () => {
    const board = await server.board();
    const room = server.app.rooms.peek(board.id) ?? null;
    const sockets = Array.from({ length: 8 }, () =>
      rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant)),
    );
    await Promise.all(sockets.map((s) => s.opened));
    await sleep(100);
    // Eight writers, 60 KB each, sent in the same instant: 480 KB against a 256 KB limit.
    sockets.forEach((s, i) => {
      const d = new Y.Doc();
      d.getText(`burst${i}`).insert(0, 'z'.repeat(60 * 1024));
      s.send(updateMessage(Y.encodeStateAsUpdate(d)));
    });
    await sleep(500);
    const stored = await server.app.store.loadDoc(board.id);
    const refused = sockets.filter((s) => s.ws.readyState !== s.ws.OPEN).length;
    console.log(
      `FAULTS doc-limit burst: limit=${DOC_LIMIT} storedBytes=${stored.bytes} refused=${refused}/8`,
    );
    for (const s of sockets) s.ws.close();
    void room;
    expect(stored.bytes).toBeLessThanOrEqual(DOC_LIMIT);
  });

  it('a flood of 10,000 fake awareness entries closes the offender and reaches no one', async () => {
    const board = await server.board();
    const honest = await honestPair(board);
    honest.a.provider.awareness.setLocalStateField('user', { name: 'Aino' });
    const seen = new Set<number>();
    honest.b.provider.awareness.on('change', ({ added, updated }: Record<string, number[]>) => {
      for (const id of [...added!, ...updated!]) seen.add(id);
    });
    const fake = (i: number) => ({ clientId: 1_000_000 + i, clock: 1, json: '{"user":"fake"}' });
    const results: string[] = [];

    // All at once: one frame with 10,000 entries.
    const one = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await one.opened;
    one.send(awarenessFrame(Array.from({ length: 10_000 }, (_, i) => fake(i))));
    results.push(`oneFrame=${(await one.closed).code}`);

    // One entry per frame, as fast as the socket goes.
    const many = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await many.opened;
    // Wait until it is let in, so the flood meets presence and not the early-message buffer.
    await waitFor(() => many.messages.length > 0, 5000, 'greeting');
    for (let i = 0; i < 10_000 && many.ws.readyState === many.ws.OPEN; i++) {
      many.send(awarenessFrame([fake(20_000 + i)]));
    }
    results.push(`framePerEntry=${(await many.closed).code}`);

    await honest.roundTrip();
    await sleep(100);
    const isFake = (id: number) => id >= 1_000_000 && id < 1_030_000;
    const fakesSeen = Array.from(seen).filter(isFake).length;
    const fakesLeft = Array.from(honest.b.provider.awareness.getStates().keys()).filter(isFake);
    const presence = server.app.rooms.peek(board.id)!.presence.awareness.getStates().size;
    console.log(
      `FAULTS awareness-flood: ${results.join(' ')} fakesSeenByHonest=${fakesSeen} ` +
        `fakesLeftAfterClose=${fakesLeft.length} statesOnServer=${presence}`,
    );
    expect(results).toEqual([
      `oneFrame=${CloseCode.Forbidden}`,
      `framePerEntry=${CloseCode.Forbidden}`,
    ]);
    // A connection may own a few ids: the frame-per-entry flood gets that many seen, no more,
    // and they vanish with it.
    expect(fakesSeen).toBeLessThanOrEqual(DEFAULT_LIMITS.maxAwarenessIdsPerConnection);
    expect(fakesLeft).toEqual([]);
    await honest.destroy();
  });

  // The standard y-websocket provider re-broadcasts every awareness update it receives, and the
  // server counts those echoes against the echoing connection's rate limit. Before presence was
  // batched per event-loop turn (server/rooms/presence.ts), one flooder's burst came back from
  // every honest participant and got them closed with 4429, which y-websocket treats as final.
  it('a participant flooding its own presence gets only itself rate-limited', async () => {
    const board = await server.board();
    const honest = await honestPair(board);
    const honestCloses: number[] = [];
    for (const p of [honest.a.provider, honest.b.provider]) {
      p.on('connection-close', (e) => honestCloses.push(e?.code ?? 0));
    }
    const own = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await own.opened;
    await waitFor(() => own.messages.length > 0, 5000, 'greeting');
    let sent = 0;
    for (let i = 0; i < 10_000 && own.ws.readyState === own.ws.OPEN; i++) {
      own.send(awarenessFrame([{ clientId: 4_000_000, clock: i + 1, json: `{"i":${i}}` }]));
      sent += 1;
    }
    const { code } = await own.closed;
    await sleep(1500);
    // Taken before the honest pair leaves (leaving closes their sockets too).
    const closedHonest = [...honestCloses];
    console.log(
      `FAULTS presence-flood: sent=${sent} flooderClose=${code} honestCloses=[${closedHonest}]`,
    );
    await honest.destroy();
    expect(code).toBe(CloseCode.RateLimitedRetry);
    expect(closedHonest).toEqual([]);
  });
});
