import { buildBoard } from '../board';
import type { ServerHandle } from '../servers/launch';
import { median, sleep, type BenchContext } from './context';
import type { RunOutcome, Scenario } from './types';

const NOTES = 5_000;

function quantileOf(values: number[], q: number): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length === 0 ? Number.NaN : v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)]!;
}

/**
 * Joining a big board: one at a time (the server's cost per join, bytes on the wire) and a whole
 * room at once (a class opening the link together). The board stays loaded: a client that seeded
 * it stays connected, so every server answers from memory.
 */
async function coldJoin(
  ctx: BenchContext,
  server: ServerHandle,
  sequential: number,
  together: number,
): Promise<RunOutcome> {
  const { pool } = ctx;
  const board = buildBoard(NOTES);
  const room = await server.newRoom();
  const holder = room.client(ctx.nextClientId(), 'editor');
  await pool.open([holder]);
  await pool.seed(holder.id, board.updates);
  await sleep(300);

  const joinMs: number[] = [];
  const kbIn: number[] = [];
  let failures = 0;
  const s0 = await server.sample();
  for (let i = 0; i < sequential; i++) {
    const spec = room.client(ctx.nextClientId(), 'editor');
    const r = await pool.open([spec], { timeoutMs: 30_000 });
    failures += r.failed;
    joinMs.push(...r.joinUs.map((us) => us / 1000));
    kbIn.push(...r.bytesIn.map((b) => b / 1024));
    await pool.close([spec.id]);
  }
  const s1 = await server.sample();

  const crowd = Array.from({ length: together }, () => room.client(ctx.nextClientId(), 'editor'));
  const r = await pool.open(crowd, { batch: together, timeoutMs: 60_000 });
  const s2 = await server.sample();
  failures += r.failed;
  await pool.close();

  const problems: string[] = [];
  if (failures > 0) problems.push(`${failures} joins failed`);
  return {
    metrics: {
      joinP50Ms: median(joinMs),
      joinMaxMs: Math.max(...joinMs),
      kbPerJoin: median(kbIn),
      cpuMsPerJoin: (s1.cpuUs - s0.cpuUs) / sequential / 1000,
      crowdWallMs: (r.lastSyncedUs - r.firstStartUs) / 1000,
      crowdJoinP95Ms: quantileOf(r.joinUs, 0.95) / 1000,
      crowdCpuMsPerJoin: (s2.cpuUs - s1.cpuUs) / together / 1000,
      rssMb: s2.rss / (1024 * 1024),
      boardKb: board.bytes / 1024,
    },
    valid: problems.length === 0,
    problems,
  };
}

export const coldJoinScenario: Scenario = {
  id: 'coldjoin',
  title: `4. Cold join: a board of ${NOTES.toLocaleString('en')} notes`,
  metrics: [
    { key: 'boardKb', label: 'board size (KB, one update)', digits: 0 },
    { key: 'joinP50Ms', label: 'time to synced p50 (ms)', digits: 1, ratio: true },
    { key: 'joinMaxMs', label: 'time to synced max (ms)', digits: 1, ratio: true },
    { key: 'kbPerJoin', label: 'KB received per join', digits: 0, ratio: true },
    { key: 'cpuMsPerJoin', label: 'server CPU ms/join', digits: 2, ratio: true },
    { key: 'crowdWallMs', label: 'N at once: wall time (ms)', digits: 0, ratio: true },
    { key: 'crowdJoinP95Ms', label: 'N at once: join p95 (ms)', digits: 0, ratio: true },
    { key: 'crowdCpuMsPerJoin', label: 'N at once: server CPU ms/join', digits: 2, ratio: true },
    { key: 'rssMb', label: 'server RSS after (MB)', digits: 1, ratio: true },
  ],
  variants(ctx) {
    const sequential = ctx.full ? 20 : 10;
    return [
      {
        id: 'n5000',
        label: `${sequential} joins one by one, then 100 at once (N = 100)`,
        reps: ctx.full ? 3 : 1,
        run: (c, server) => coldJoin(c, server, sequential, 100),
      },
    ];
  },
};
