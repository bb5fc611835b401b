/**
 * The server's clock as seen from this device. Timers are set on the server clock, so every
 * device shows the same remaining time however wrong its own clock is. The offset is measured a
 * few times against `GET /api/time`; the sample with the shortest round trip wins (its midpoint
 * is the best estimate of when the server read its clock).
 */
import { createStore, type ReadableStore } from '../../sync/store';
import { fetchServerTime } from './api';

const SAMPLES = 3;
const REMEASURE_MS = 5 * 60 * 1000;

export interface ServerClock {
  /** Server time minus device time, ms (0 until measured). */
  readonly offset: ReadableStore<number>;
  /** The server's time now, by this device's estimate. */
  now(): number;
  destroy(): void;
}

/** Picks the offset of the sample with the shortest round trip. */
export function bestOffset(
  samples: readonly { sent: number; received: number; server: number }[],
): number | null {
  let best: { rtt: number; offset: number } | null = null;
  for (const s of samples) {
    const rtt = s.received - s.sent;
    const offset = s.server - (s.sent + rtt / 2);
    if (!best || rtt < best.rtt) best = { rtt, offset };
  }
  return best ? Math.round(best.offset) : null;
}

/** Starts measuring; re-measures now and then and whenever the device comes back online. */
export function createServerClock(): ServerClock {
  const offset = createStore(0);
  let stopped = false;
  const measure = async (): Promise<void> => {
    const samples: { sent: number; received: number; server: number }[] = [];
    for (let i = 0; i < SAMPLES && !stopped; i++) {
      const sent = performance.now();
      try {
        const server = await fetchServerTime();
        const received = performance.now();
        // performance.now() is monotonic; convert the midpoint back to wall-clock time.
        const wall = Date.now() - (performance.now() - received);
        samples.push({ sent: wall - (received - sent), received: wall, server });
      } catch {
        return;
      }
    }
    const best = bestOffset(samples);
    if (best !== null && !stopped) offset.set(best);
  };
  void measure();
  const timer = setInterval(() => void measure(), REMEASURE_MS);
  const onOnline = (): void => void measure();
  window.addEventListener('online', onOnline);
  return {
    offset,
    now: () => Date.now() + offset.get(),
    destroy() {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
    },
  };
}
