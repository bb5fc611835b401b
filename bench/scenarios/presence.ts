import { trafficOutcome, TRAFFIC_METRICS } from './outcome';
import { trafficRun } from './traffic';
import type { Scenario } from './types';

/** Cursors: awareness updates at 10 Hz from every editor, relayed to everyone else. */
export const presence: Scenario = {
  id: 'presence',
  title: '3. Presence: 100 editors moving cursors at 10 Hz',
  metrics: TRAFFIC_METRICS,
  variants(ctx) {
    return [
      {
        id: 'c100hz10',
        label: '100 editors × 10 cursor moves/s',
        reps: ctx.full ? 3 : 1,
        run: async (c, server) =>
          trafficOutcome(
            await trafficRun(c, server, {
              editors: 100,
              viewers: 0,
              kind: 'cursor',
              ratePerClient: 10,
              warmupMs: 1_000,
              measureMs: ctx.full ? 10_000 : 4_000,
            }),
          ),
      },
    ];
  },
};
