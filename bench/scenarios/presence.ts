import { trafficOutcome, TRAFFIC_METRICS } from './outcome';
import { trafficRun } from './traffic';
import type { Scenario } from './types';

/** Cursors: awareness updates at 10 Hz from every editor, relayed to everyone else. */
export const presence: Scenario = {
  id: 'presence',
  title: '3. Presence: editors moving cursors at 10 Hz',
  metrics: TRAFFIC_METRICS,
  variants(ctx) {
    // Quick mode halves the room: 100 × 10 Hz is ~100k deliveries/s, more than a shared
    // 2-core machine can generate and relay at once.
    const editors = ctx.full ? 100 : 50;
    return [
      {
        id: `c${editors}hz10`,
        label: `${editors} editors × 10 cursor moves/s`,
        reps: ctx.full ? 3 : 1,
        run: async (c, server) =>
          trafficOutcome(
            await trafficRun(c, server, {
              editors,
              viewers: 0,
              kind: 'cursor',
              ratePerClient: 10,
              warmupMs: ctx.full ? 1_000 : 500,
              measureMs: ctx.full ? 10_000 : 3_000,
            }),
          ),
      },
    ];
  },
};
