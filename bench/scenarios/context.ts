import fs from 'node:fs';
import type { LoadPool } from '../load/pool';
import {
  startServer,
  type ServerHandle,
  type ServerKind,
  type StartOptions,
} from '../servers/launch';

/** What every scenario gets from the runner. */
export interface BenchContext {
  pool: LoadPool;
  full: boolean;
  /** Servers to compare, Talkoot first. */
  servers: ServerKind[];
  nextClientId(): number;
  log(line: string): void;
}

/** Runs `fn` against a fresh server process and always stops it. */
export async function withServer<T>(
  kind: ServerKind,
  fn: (server: ServerHandle) => Promise<T>,
  options: StartOptions = {},
): Promise<T> {
  const server = await startServer(kind, options);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Busy CPU time of the whole machine so far, in µs (Linux /proc/stat; 0 elsewhere). */
export function machineBusyUs(): number {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    const busy = f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!;
    return (busy * 1e6) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

export function median(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

export const MB = 1024 * 1024;
