import type { ClientSpec } from './client';
import type { HistogramData } from './histogram';

/** Messages between the controller and a load-generator worker (IPC, structured clone). */
export interface LoadPlan {
  kind: 'edit' | 'cursor';
  /** Sends per second per sender (ignored for bursts). */
  ratePerClient: number;
  /** Every `everyMs`, each sender sends `count` messages at once. */
  burst: { everyMs: number; count: number } | null;
  /** [client id, offset of its sends in µs]: offsets spread senders evenly over an interval. */
  senders: Array<[number, number]>;
  startUs: number;
  endUs: number;
  /** Only markers stamped in this window count (warm-up is excluded). */
  windowStartUs: number;
  windowEndUs: number;
}

export type WorkerCommand =
  | { op: 'open'; clients: ClientSpec[]; batch: number; timeoutMs: number }
  | { op: 'seed'; clientId: number; updates: Uint8Array[] }
  | { op: 'mark' }
  | { op: 'load'; plan: LoadPlan }
  | { op: 'count' }
  | { op: 'collect' }
  | { op: 'close'; ids: number[] | null }
  | { op: 'exit' };

export interface JoinStats {
  synced: number;
  failed: number;
  joinUs: number[];
  bytesIn: number[];
  bytesOut: number[];
  firstStartUs: number;
  lastSyncedUs: number;
}

export interface WorkerStats {
  latency: HistogramData;
  /** How late sends left against their schedule. */
  lag: HistogramData;
  delivered: number;
  deliveredOutside: number;
  sentInWindow: number;
  sent: number;
  planned: number;
  unexpectedCloses: number;
  cpuUs: number;
  /** CPU time over wall time while the plan ran: 1.0 is a whole core. */
  loadCpuFraction: number;
  eventLoop: { p99Ms: number; maxMs: number };
  clients: number;
}
