import { buildBoard } from '../board';
import type { ServerHandle } from '../servers/launch';
import { sleep, type BenchContext } from './context';
import type { RunOutcome, Scenario } from './types';

const KB = 1024;
const MB = 1024 * 1024;
/** Longer than Talkoot's default ROOM_QUIET_MS (10 s). */
const QUIET_WAIT_MS = 11_000;

/**
 * Memory that grows with use: per idle connection (one room) and per loaded 5,000-note room.
 * Each figure is the growth of the server's RSS (and of its JS heap) after a full GC on both
 * sides, divided by the count.
 */
async function memory(
  ctx: BenchContext,
  server: ServerHandle,
  idle: number,
  rooms: number,
): Promise<RunOutcome> {
  const { pool } = ctx;
  const base = await server.memory(true);
  const room = await server.newRoom();
  const specs = Array.from({ length: idle }, () => room.client(ctx.nextClientId(), 'editor'));
  const joined = await pool.open(specs, { batch: 250 });
  await sleep(1_000);
  const withIdle = await server.memory(true);
  await pool.close();
  await sleep(500);

  const board = buildBoard(5_000);
  const before = await server.memory(true);
  for (let i = 0; i < rooms; i++) {
    const r = await server.newRoom();
    const holder = r.client(ctx.nextClientId(), 'editor');
    await pool.open([holder]);
    await pool.seed(holder.id, board.updates);
  }
  await sleep(1_000);
  const after = await server.memory(true);
  // Talkoot frees a board's Y.Doc after ROOM_QUIET_MS (10 s by default) without a change and
  // keeps its encoding; the peers keep theirs. Both figures count: rooms being edited, and
  // rooms that are loaded, connected and quiet.
  await sleep(QUIET_WAIT_MS);
  const quiet = await server.memory(true);
  await pool.close();

  const problems = joined.failed > 0 ? [`${joined.failed} idle clients failed to join`] : [];
  return {
    metrics: {
      rssKbPerConn: (withIdle.rss - base.rss) / joined.synced / KB,
      heapKbPerConn:
        (withIdle.heapUsed + withIdle.external - base.heapUsed - base.external) /
        joined.synced /
        KB,
      rssMbPerRoom: (after.rss - before.rss) / rooms / MB,
      heapMbPerRoom:
        (after.heapUsed + after.external - before.heapUsed - before.external) / rooms / MB,
      rssMbPerQuietRoom: (quiet.rss - before.rss) / rooms / MB,
      heapMbPerQuietRoom:
        (quiet.heapUsed + quiet.external - before.heapUsed - before.external) / rooms / MB,
      baseRssMb: base.rss / MB,
    },
    valid: problems.length === 0,
    problems,
  };
}

export const memoryScenario: Scenario = {
  id: 'memory',
  title: '5. Memory: per idle connection and per loaded 5,000-note room',
  metrics: [
    { key: 'baseRssMb', label: 'RSS at start (MB)', digits: 1, ratio: true },
    { key: 'rssKbPerConn', label: 'RSS per idle connection (KB)', digits: 1, ratio: true },
    {
      key: 'heapKbPerConn',
      label: 'heap+buffers per idle connection (KB)',
      digits: 1,
      ratio: true,
    },
    { key: 'rssMbPerRoom', label: 'RSS per loaded room (MB)', digits: 1, ratio: true },
    { key: 'heapMbPerRoom', label: 'heap+buffers per loaded room (MB)', digits: 1, ratio: true },
    {
      key: 'rssMbPerQuietRoom',
      label: 'RSS per loaded room, quiet 11 s (MB)',
      digits: 1,
      ratio: true,
    },
    {
      key: 'heapMbPerQuietRoom',
      label: 'heap+buffers per loaded room, quiet 11 s (MB)',
      digits: 1,
      ratio: true,
    },
  ],
  variants(ctx) {
    const idle = ctx.full ? 2_000 : 500;
    const rooms = ctx.full ? 8 : 3;
    return [
      {
        id: `c${idle}r${rooms}`,
        label: `${idle.toLocaleString('en')} idle connections; ${rooms} rooms`,
        reps: ctx.full ? 2 : 1,
        run: (c, server) => memory(c, server, idle, rooms),
      },
    ];
  },
};
