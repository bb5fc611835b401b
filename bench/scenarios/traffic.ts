import { nowUs } from '../load/framing';
import { summarize, type LatencySummary } from '../load/histogram';
import type { ServerHandle } from '../servers/launch';
import { machineBusyUs, MB, sleep, type BenchContext } from './context';

export interface TrafficOptions {
  editors: number;
  viewers: number;
  kind: 'edit' | 'cursor';
  ratePerClient: number;
  burst?: { everyMs: number; count: number };
  warmupMs: number;
  measureMs: number;
  /** Preload the room with this board (sent by an extra, silent client that stays). */
  seed?: Uint8Array[];
}

export interface TrafficResult {
  latency: LatencySummary;
  expected: number;
  delivered: number;
  completeness: number;
  sentInWindow: number;
  /** Messages per second the editors sent in the window. */
  sendRate: number;
  deliveriesPerSec: number;
  serverCpuUsPerDelivery: number;
  serverCpuUsPerSend: number;
  /** Server CPU over the window, in cores (1 = one core busy). */
  serverCores: number;
  serverRssMb: number;
  generator: { cpu: number[]; eventLoopP99Ms: number[]; sendLagP99Ms: number; bound: boolean };
  /** Other processes' CPU on the machine during the window, in cores. */
  backgroundCores: number;
  joinFailures: number;
  unexpectedCloses: number;
  valid: boolean;
  problems: string[];
  quiet: boolean;
  window: [number, number];
}

const GENERATOR_CPU_LIMIT = 0.8;
const EVENT_LOOP_LIMIT_MS = 50;
const BACKGROUND_LIMIT = 0.3;

/**
 * One measured run: editors (and viewers) join a fresh room, editors send on a schedule spread
 * evenly over time, and every client records when each other client's marker reaches it. Counts
 * only if every marker stamped in the window reached every other client and the generator kept up.
 */
export async function trafficRun(
  ctx: BenchContext,
  server: ServerHandle,
  o: TrafficOptions,
): Promise<TrafficResult> {
  const { pool } = ctx;
  const room = await server.newRoom();
  let members = 0;
  if (o.seed) {
    const holder = room.client(ctx.nextClientId(), 'editor');
    const joined = await pool.open([holder]);
    if (joined.synced !== 1) throw new Error(`${server.kind}: seeding client did not sync`);
    await pool.seed(holder.id, o.seed);
    members++;
  }
  const editors = Array.from({ length: o.editors }, () =>
    room.client(ctx.nextClientId(), 'editor'),
  );
  const viewers = Array.from({ length: o.viewers }, () =>
    room.client(ctx.nextClientId(), 'viewer'),
  );
  const join = await pool.open([...editors, ...viewers], { batch: 250 });
  members += join.synced;
  await sleep(300);

  const intervalUs = o.burst ? o.burst.everyMs * 1000 : 1e6 / o.ratePerClient;
  const senders = editors.map((e, i): [number, number] => [
    e.id,
    o.burst ? 0 : Math.floor((i * intervalUs) / editors.length),
  ]);
  const startUs = nowUs() + 200_000;
  const windowStartUs = startUs + o.warmupMs * 1000;
  const windowEndUs = windowStartUs + o.measureMs * 1000;
  const loading = pool.load({
    kind: o.kind,
    ratePerClient: o.ratePerClient,
    burst: o.burst ?? null,
    senders,
    startUs,
    endUs: windowEndUs,
    windowStartUs,
    windowEndUs,
  });
  await sleep((windowStartUs - nowUs()) / 1000);
  const before = await server.sample();
  const busyBefore = machineBusyUs();
  const ownBefore = process.cpuUsage();
  const t0 = nowUs();
  await loading;

  // Drain: wait until every marker is in, or nothing new arrives for a while.
  let last = -1;
  let stalledSince = Date.now();
  const drainDeadline = Date.now() + 15_000;
  for (;;) {
    const p = await pool.progress();
    if (p.delivered >= p.sentInWindow * (members - 1) || Date.now() > drainDeadline) break;
    if (p.delivered !== last) {
      last = p.delivered;
      stalledSince = Date.now();
    } else if (Date.now() - stalledSince > 1_500) break;
    await sleep(50);
  }
  const after = await server.sample();
  const wallUs = nowUs() - t0;
  const busy = machineBusyUs() - busyBefore;
  const own = process.cpuUsage(ownBefore);
  const stats = await pool.collect();
  await pool.close();

  const serverCpu = after.cpuUs - before.cpuUs;
  const expected = stats.sentInWindow * (members - 1);
  const measureSec = o.measureMs / 1000;
  const backgroundCores =
    busy > 0 ? Math.max(0, busy - serverCpu - stats.cpuUs - own.user - own.system) / wallUs : 0;
  const cpuBound = stats.health.cpuFraction.some((c) => c > GENERATOR_CPU_LIMIT);
  const loopP99 = Math.max(...stats.health.eventLoopP99Ms, stats.health.sendLagP99Ms);
  const bound = cpuBound || loopP99 > EVENT_LOOP_LIMIT_MS;
  const problems: string[] = [];
  if (join.failed > 0) problems.push(`${join.failed} clients failed to join`);
  if (stats.delivered < expected) problems.push(`delivered ${stats.delivered}/${expected}`);
  if (stats.sent < stats.planned) problems.push(`sent ${stats.sent}/${stats.planned} planned`);
  if (stats.unexpectedCloses > 0) problems.push(`${stats.unexpectedCloses} sockets closed`);
  // Either way the generator did not keep time; the cause tells whether to blame it or the
  // machine (a generator with spare CPU but a late event loop was starved by other processes).
  if (cpuBound) problems.push('generator-bound (CPU)');
  else if (bound) problems.push(`generator late (event loop p99 ${loopP99.toFixed(0)} ms)`);
  const quiet = backgroundCores <= BACKGROUND_LIMIT;
  return {
    latency: summarize(stats.latency),
    expected,
    delivered: stats.delivered,
    completeness: expected === 0 ? 0 : stats.delivered / expected,
    sentInWindow: stats.sentInWindow,
    sendRate: stats.sentInWindow / measureSec,
    deliveriesPerSec: stats.delivered / measureSec,
    serverCpuUsPerDelivery: stats.delivered > 0 ? serverCpu / stats.delivered : Number.NaN,
    serverCpuUsPerSend: stats.sentInWindow > 0 ? serverCpu / stats.sentInWindow : Number.NaN,
    serverCores: serverCpu / wallUs,
    serverRssMb: after.rss / MB,
    generator: {
      cpu: stats.health.cpuFraction,
      eventLoopP99Ms: stats.health.eventLoopP99Ms,
      sendLagP99Ms: stats.health.sendLagP99Ms,
      bound,
    },
    backgroundCores,
    joinFailures: join.failed,
    unexpectedCloses: stats.unexpectedCloses,
    valid: problems.length === 0 && !bound,
    problems,
    quiet,
    window: [windowStartUs, windowEndUs],
  };
}
