import { trafficOutcome, TRAFFIC_METRICS } from './outcome';
import { trafficRun } from './traffic';
import type { Scenario } from './types';

/**
 * A livestream audience: a few editors, many read-only viewers (Talkoot's viewer token; a
 * read-only connection on Hocuspocus; plain clients on the reference relay, which has no roles).
 */
export const audience: Scenario = {
  id: 'audience',
  title: '2. Audience: 20 editors × 1 edit/s + read-only viewers',
  metrics: TRAFFIC_METRICS,
  variants(ctx) {
    const sizes = ctx.full ? [500, 2_000, 5_000] : [500];
    return sizes.map((viewers) => ({
      id: `v${viewers}`,
      label: `20 editors + ${viewers.toLocaleString('en')} viewers`,
      reps: ctx.full ? 3 : 1,
      // 5,000 viewers + 20 editors is over Talkoot's default per-board cap of 5,000.
      env: { MAX_CONNECTIONS_PER_BOARD: '10000' },
      run: async (c, server) =>
        trafficOutcome(
          await trafficRun(c, server, {
            editors: 20,
            viewers,
            kind: 'edit',
            ratePerClient: 1,
            warmupMs: ctx.full ? 1_000 : 500,
            measureMs: ctx.full ? 10_000 : 3_000,
          }),
        ),
    }));
  },
};
