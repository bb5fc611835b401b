/**
 * A countdown every device shows the same: times are the server's clock (epoch ms), and a device
 * corrects its own clock by the offset it measured against the server.
 */
export type TimerState =
  | { status: 'running'; endsAt: number; durationMs: number }
  | { status: 'paused'; remainingMs: number; durationMs: number }
  | { status: 'stopped' };

export const STOPPED_TIMER: TimerState = { status: 'stopped' };

/** Longest countdown a facilitator can set (4 hours). */
export const MAX_TIMER_MS = 4 * 60 * 60 * 1000;

/** Milliseconds left at server time `serverNow` (0 when stopped or over). */
export function remainingMs(timer: TimerState, serverNow: number): number {
  switch (timer.status) {
    case 'running':
      return Math.max(0, timer.endsAt - serverNow);
    case 'paused':
      return Math.max(0, timer.remainingMs);
    case 'stopped':
      return 0;
  }
}

/** Reads a timer from untrusted JSON, falling back to stopped. */
export function parseTimer(value: unknown): TimerState {
  if (typeof value !== 'object' || value === null) return STOPPED_TIMER;
  const v = value as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const durationMs = num(v.durationMs) ?? 0;
  if (v.status === 'running' && num(v.endsAt) !== null) {
    return { status: 'running', endsAt: num(v.endsAt)!, durationMs };
  }
  if (v.status === 'paused' && num(v.remainingMs) !== null) {
    return { status: 'paused', remainingMs: num(v.remainingMs)!, durationMs };
  }
  return STOPPED_TIMER;
}
