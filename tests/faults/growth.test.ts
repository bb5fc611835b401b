import { afterAll, describe, expect, it } from 'vitest';
import { agree, spread, startFleet } from '../helpers/fleet';
import { testSeed } from '../helpers/random';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';
import type { ClientSpec } from '../helpers/workers/protocol';

const CLIENTS = 100;
const BOARDS = 10;
const WORKERS = 2;
const NOTES_PER_CLIENT = 3;
/** Default 30 s in CI; FAULTS_GROWTH_SECONDS=180 for three minutes. */
const SECONDS = Number(process.env.FAULTS_GROWTH_SECONDS ?? 30);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: TestServer | null = null;

afterAll(async () => {
  await server?.close();
});

describe('document growth', () => {
  it(`a hundred people dragging notes for ${SECONDS} s send positions as presence and write the board once per drop`, async () => {
    const seed = testSeed();
    // No compaction during the run, so every stored row is one write somebody made.
    server = await startTestServer({ env: { COMPACT_EVERY: '1000000' } });
    const app = server.app;
    const forum = await server.createForum('Growth');
    const boards: CreatedBoard[] = [];
    for (let i = 0; i < BOARDS; i++)
      boards.push(await server.createBoard(forum.id, `Table ${i + 1}`));
    const clients: ClientSpec[] = Array.from({ length: CLIENTS }, (_, i) => {
      const b = boards[i % BOARDS]!;
      return { name: `d${i}`, boardId: b.id, token: b.tokens.participant };
    });
    const fleet = await startFleet(
      spread(clients, WORKERS).map((group, index) => ({
        index,
        syncUrl: server!.syncUrl,
        seed: seed + index,
        editors: group,
        viewers: [],
        behaviour: {
          kind: 'drag',
          notesPerEditor: NOTES_PER_CLIENT,
          awarenessHz: 15,
          dragMs: [400, 1200],
          pauseMs: [500, 2000],
        },
      })),
    );
    try {
      const rowsAtStart = await Promise.all(
        boards.map(async (b) => (await app.store.loadDoc(b.id)).updates.length),
      );
      fleet.go();
      await sleep(SECONDS * 1000);
      const report = await fleet.stop();
      const { digests, ms: convergeMs } = await fleet.converged(30_000);
      // Everything relayed is saved; wait for the last batch.
      await Promise.all(boards.map((b) => app.rooms.peek(b.id)!.whenSaved()));

      const perBoard: Array<{
        board: number;
        drops: number;
        writes: number;
        rows: number;
        appendedBytes: number;
        compactedBytes: number;
      }> = [];
      for (const [i, b] of boards.entries()) {
        const stored = await app.store.loadDoc(b.id);
        const writes = report.workers.reduce((n, w) => n + (w.localWrites[b.id] ?? 0), 0);
        const drops = clients
          .filter((c) => c.boardId === b.id)
          .reduce((n, c) => n + (report.made[c.name] ?? 0), 0);
        const room = app.rooms.peek(b.id)!.board;
        await room.compact();
        const compacted = await app.store.loadDoc(b.id);
        perBoard.push({
          board: i + 1,
          drops,
          writes,
          rows: stored.updates.length - rowsAtStart[i]!,
          appendedBytes: stored.bytes,
          compactedBytes: compacted.bytes,
        });
      }
      const totalDrops = perBoard.reduce((n, b) => n + b.drops, 0);
      const awarenessSent = report.workers.reduce((n, w) => n + w.awarenessSent, 0);
      const awarenessReceived = report.workers.reduce((n, w) => n + w.awarenessReceived, 0);
      const avg = (f: (b: (typeof perBoard)[number]) => number) =>
        Math.round(perBoard.reduce((n, b) => n + f(b), 0) / perBoard.length);
      console.log(
        `FAULTS growth: seconds=${SECONDS} clients=${CLIENTS} boards=${BOARDS} drops=${totalDrops} ` +
          `awarenessSent=${awarenessSent} awarenessReceived=${awarenessReceived} ` +
          `storedBytesPerBoard appended≈${avg((b) => b.appendedBytes)} compacted≈${avg((b) => b.compactedBytes)} ` +
          `bytesPerDrop(compacted)≈${Math.round(perBoard.reduce((n, b) => n + b.compactedBytes, 0) / totalDrops)} ` +
          `disconnects=${JSON.stringify(report.disconnects)} convergeMs=${convergeMs}`,
      );
      console.log(
        `FAULTS growth per board: ${perBoard
          .map(
            (b) =>
              `#${b.board}{drops=${b.drops} rows=${b.rows} appended=${b.appendedBytes} compacted=${b.compactedBytes}}`,
          )
          .join(' ')}`,
      );

      expect(agree(digests)).toBe(true);
      expect(report.disconnects).toEqual({});
      expect(totalDrops).toBeGreaterThan(CLIENTS * (SECONDS / 4));
      // Positions while dragging travel as presence: the clients wrote the notes they created
      // and one update per drop, and the server stored no more rows than that.
      for (const b of perBoard) {
        expect(b.writes).toBe((CLIENTS / BOARDS) * NOTES_PER_CLIENT + b.drops);
        expect(b.rows).toBeGreaterThan(0);
        expect(b.rows).toBeLessThanOrEqual(b.writes);
      }
      expect(awarenessReceived).toBeGreaterThan(awarenessSent);
    } finally {
      await fleet.close();
    }
  });
});
