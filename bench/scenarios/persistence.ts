import { buildBoard } from '../board';
import type { ServerHandle } from '../servers/launch';
import type { BenchContext } from './context';
import { trafficOutcome } from './outcome';
import { trafficRun } from './traffic';
import type { RunOutcome, Scenario } from './types';

const WRITERS = 10;

/** Sum and count of one `talkoot_persist_seconds` series from Prometheus text. */
function persistSeries(text: string, op: string): { sum: number; count: number } {
  const read = (suffix: string) => {
    const m = new RegExp(
      `^talkoot_persist_seconds_${suffix}\\{op="${op}"\\} ([0-9.e+-]+)$`,
      'm',
    ).exec(text);
    return m ? Number(m[1]) : 0;
  };
  return { sum: read('sum'), count: read('count') };
}

/**
 * Sustained writes to a big board (5,000 notes): Talkoot appends every update to SQLite before
 * relaying it and compacts every COMPACT_EVERY appends. The reference relay, which keeps nothing,
 * runs the same load as context for what durability costs.
 */
async function sustained(
  ctx: BenchContext,
  server: ServerHandle,
  rate: number,
): Promise<RunOutcome> {
  const r = await trafficRun(ctx, server, {
    editors: WRITERS,
    viewers: 0,
    kind: 'edit',
    ratePerClient: rate,
    warmupMs: ctx.full ? 1_000 : 500,
    measureMs: ctx.full ? 8_000 : 3_000,
    seed: buildBoard(5_000).updates,
  });
  const outcome = trafficOutcome(r);
  const text = await server.metrics();
  const append = persistSeries(text, 'append');
  const compact = persistSeries(text, 'compact');
  outcome.metrics = {
    ...outcome.metrics,
    durablePerSec: server.kind === 'talkoot' && r.valid ? r.sendRate : Number.NaN,
    appendMeanMs: append.count > 0 ? (append.sum / append.count) * 1000 : Number.NaN,
    compactions: server.kind === 'talkoot' ? compact.count : Number.NaN,
    compactMeanMs: compact.count > 0 ? (compact.sum / compact.count) * 1000 : Number.NaN,
  };
  return outcome;
}

export const persistenceScenario: Scenario = {
  id: 'persistence',
  title: `6. Persistence: ${WRITERS} writers on a 5,000-note board, every update durable (Talkoot)`,
  metrics: [
    { key: 'sendRate', label: 'updates/s sent', digits: 0 },
    { key: 'durablePerSec', label: 'updates/s durable (valid run)', digits: 0 },
    { key: 'p50Ms', label: 'latency p50 (ms)', digits: 2, ratio: true },
    { key: 'p99Ms', label: 'latency p99 (ms)', digits: 2, ratio: true },
    { key: 'maxMs', label: 'latency max (ms)', digits: 1, ratio: true },
    { key: 'completeness', label: 'completeness', digits: 4 },
    { key: 'cpuUsPerSend', label: 'server CPU µs/update', digits: 1, ratio: true },
    { key: 'serverCores', label: 'server CPU (cores)', digits: 2, ratio: true },
    { key: 'appendMeanMs', label: 'SQLite append mean (ms)', digits: 3 },
    { key: 'compactions', label: 'compactions', digits: 0 },
    { key: 'compactMeanMs', label: 'compaction mean (ms)', digits: 1 },
    { key: 'rssMb', label: 'server RSS (MB)', digits: 1, ratio: true },
  ],
  variants(ctx) {
    const rates = ctx.full ? [50, 100, 150, 190] : [100];
    return rates.map((rate) => ({
      id: `w${WRITERS}r${rate}`,
      label: `${WRITERS} writers × ${rate}/s = ${WRITERS * rate} updates/s`,
      reps: ctx.full ? 3 : 1,
      servers: ['talkoot', 'reference'],
      run: (c, server) => sustained(c, server, rate),
    }));
  },
};
