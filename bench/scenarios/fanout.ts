import { trafficOutcome, TRAFFIC_METRICS } from './outcome';
import { trafficRun } from './traffic';
import type { Scenario, Variant } from './types';

/**
 * Edits fanned out to every other editor: the core job of a relay. Full mode adds a larger room,
 * a rate sweep and the "go!" burst when a facilitator starts an exercise.
 */
export const fanout: Scenario = {
  id: 'fanout',
  title: '1. Fan-out: edit → every other editor',
  metrics: TRAFFIC_METRICS,
  variants(ctx) {
    const reps = ctx.full ? 3 : 2;
    const measureMs = ctx.full ? 10_000 : 3_000;
    const variant = (
      id: string,
      label: string,
      editors: number,
      rate: number,
      burst?: { everyMs: number; count: number },
    ): Variant => ({
      id,
      label,
      reps,
      run: async (c, server) =>
        trafficOutcome(
          await trafficRun(c, server, {
            editors,
            viewers: 0,
            kind: 'edit',
            ratePerClient: rate,
            ...(burst ? { burst } : {}),
            warmupMs: ctx.full ? 1_000 : 500,
            measureMs,
          }),
        ),
    });
    const list = [variant('e100r1', '100 editors × 1 edit/s', 100, 1)];
    if (ctx.full) {
      list.push(variant('e200r1', '200 editors × 1 edit/s', 200, 1));
      for (const rate of [2, 5, 10, 20]) {
        list.push(variant(`e100r${rate}`, `100 editors × ${rate} edits/s`, 100, rate));
      }
      list.push(
        variant('burst', '200 editors × 5 edits at once, every 2 s', 200, 0, {
          everyMs: 2_000,
          count: 5,
        }),
      );
    }
    return list;
  },
};
