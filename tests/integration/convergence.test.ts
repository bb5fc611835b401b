import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { seededRandom, testSeed } from '../helpers/random';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

/** One random edit of a map, an array or a text, the three shapes a board is made of. */
function randomEdit(doc: Y.Doc, rand: () => number, tag: string): void {
  const pick = rand();
  if (pick < 0.35) {
    const map = doc.getMap('notes');
    if (rand() < 0.8 || map.size === 0) map.set(`k${Math.floor(rand() * 20)}`, `${tag}`);
    else map.delete(Array.from(map.keys())[Math.floor(rand() * map.size)]!);
  } else if (pick < 0.7) {
    const arr = doc.getArray<string>('order');
    if (rand() < 0.7 || arr.length === 0) arr.insert(Math.floor(rand() * (arr.length + 1)), [tag]);
    else arr.delete(Math.floor(rand() * arr.length), 1);
  } else {
    const text = doc.getText('draft');
    if (rand() < 0.75 || text.length === 0)
      text.insert(Math.floor(rand() * (text.length + 1)), tag);
    else text.delete(Math.floor(rand() * text.length), Math.min(3, text.length));
  }
}

// Map keys are compared sorted: a Y.Map's iteration order is the order it learned its keys in.
const snapshot = (doc: Y.Doc) =>
  JSON.stringify([
    Object.entries(doc.getMap('notes').toJSON()).sort(([a], [b]) => a.localeCompare(b)),
    doc.getArray('order').toJSON(),
    doc.getText('draft').toString(),
  ]);

describe('seeded random edits', () => {
  it('five clients editing, disconnecting and reconnecting at random converge with the server', async () => {
    const seed = testSeed();
    console.log(`convergence seed: ${seed} (replay with TEST_SEED=${seed})`);
    const rand = seededRandom(seed);
    const board = await server.board();
    const clients = Array.from({ length: 5 }, () =>
      connectProvider(server.syncUrl, board.id, board.tokens.participant),
    );
    await Promise.all(clients.map((c) => synced(c.provider)));
    for (let round = 0; round < 40; round++) {
      for (const [i, c] of clients.entries()) {
        const edits = Math.floor(rand() * 4);
        for (let e = 0; e < edits; e++) randomEdit(c.doc, rand, `c${i}r${round}e${e};`);
        const toss = rand();
        if (toss < 0.08 && c.provider.wsconnected) c.provider.disconnect();
        else if (toss < 0.3 && !c.provider.shouldConnect) c.provider.connect();
      }
      await new Promise((r) => setTimeout(r, Math.floor(rand() * 15)));
    }
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
    await Promise.all(clients.map((c) => waitFor(() => c.provider.synced, 10_000, 'reconnect')));
    const serverDoc = () => server.app.rooms.peek(board.id)!.board.doc;
    await waitFor(
      () => clients.every((c) => snapshot(c.doc) === snapshot(serverDoc())),
      15_000,
      `convergence (seed ${seed})`,
    );
    expect(new Set(clients.map((c) => snapshot(c.doc))).size).toBe(1);
    await destroyAll(...clients.map((c) => c.provider));
  });
});
