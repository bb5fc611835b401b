import { performance } from 'node:perf_hooks';

/**
 * Runs `run` soon after `schedule()`: right after the current turn of the event loop when the
 * last run is at least `windowMs` ago, otherwise when that window ends. At low rates nothing
 * waits; under load, everything of one window leaves together (one store transaction, one
 * message per receiver) instead of one write per receiver for every turn.
 */
export class Coalescer {
  private scheduled = false;
  private lastRun = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly windowMs: number,
    private readonly run: () => void,
  ) {}

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastRun + this.windowMs - performance.now();
    if (wait <= 0) setImmediate(this.fire);
    else setTimeout(this.fire, wait);
  }

  private readonly fire = (): void => {
    this.scheduled = false;
    this.lastRun = performance.now();
    this.run();
  };
}
