import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  Digest,
  FromWorker,
  ToWorker,
  VerifyResult,
  WorkerConfig,
  WorkerReport,
} from './workers/protocol';
import { LATENCY_BUCKETS } from './workers/protocol';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./workers/clientWorker.ts', import.meta.url));

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** One forked client worker, spoken to one request at a time. */
class WorkerHandle {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  private readonly waiters = new Map<string, (m: FromWorker) => void>();
  private failure: Error | null = null;

  constructor(readonly index: number) {
    this.child = fork(WORKER, [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.child.on('message', (m: FromWorker) => {
      if (m.type === 'fatal') {
        this.fail(new Error(`client worker ${index} failed: ${m.error}`));
        return;
      }
      const waiter = this.waiters.get(m.type);
      this.waiters.delete(m.type);
      waiter?.(m);
    });
    this.child.once('exit', (code) => {
      if (this.waiters.size > 0) this.fail(new Error(`client worker ${index} exited (${code})`));
    });
  }

  request<T extends FromWorker['type']>(
    message: ToWorker,
    reply: T,
    timeoutMs: number,
  ): Promise<Reply<T>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(reply);
        reject(new Error(`client worker ${this.index}: no '${reply}' in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(reply, (m) => {
        clearTimeout(timer);
        if (m.type === 'fatal') reject(new Error(m.error));
        else resolve(m as Reply<T>);
      });
      if (!this.child.connected) {
        clearTimeout(timer);
        this.waiters.delete(reply);
        reject(new Error(`client worker ${this.index} is gone`));
        return;
      }
      this.child.send(message);
    });
  }

  post(message: ToWorker): void {
    if (this.child.connected) this.child.send(message);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const waiters = Array.from(this.waiters.values());
    this.waiters.clear();
    for (const w of waiters) w({ type: 'fatal', error: err.message });
  }
}

export interface FleetReport {
  workers: WorkerReport[];
  made: Record<string, number>;
  disconnects: Record<string, number>;
  latency: number[];
  errors: string[];
}

/** Simulated people spread over forked worker processes. */
export interface Fleet {
  readonly pids: number[];
  /** Starts every editor writing. */
  go(): void;
  /** Stops writing and collects what each worker made and measured. */
  stop(): Promise<FleetReport>;
  /** Waits until each editor holds every expected tag; one result per editor. */
  verifyTags(
    expected: Record<string, Record<string, number>>,
    timeoutMs: number,
  ): Promise<{ results: VerifyResult[]; ms: number }>;
  /** Polls until every editor of each board holds the same notes; resolves with the digests. */
  converged(timeoutMs: number): Promise<{ digests: Digest[]; ms: number }>;
  close(): Promise<void>;
}

/** Forks one worker per config and resolves once every client in them is connected and synced. */
export async function startFleet(
  configs: WorkerConfig[],
  readyTimeoutMs = 120_000,
): Promise<Fleet> {
  const workers = configs.map((c) => new WorkerHandle(c.index));
  const all = <T>(fn: (w: WorkerHandle, i: number) => Promise<T>) => Promise.all(workers.map(fn));
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await Promise.allSettled(workers.map((w) => w.request({ type: 'close' }, 'closed', 5_000)));
      for (const w of workers) {
        // Only the processes this fleet forked, by their own handle.
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      }
      await Promise.all(workers.map((w) => w.exited));
    })());
  try {
    await all((w, i) => w.request({ type: 'start', config: configs[i]! }, 'ready', readyTimeoutMs));
  } catch (err) {
    await close();
    throw err;
  }

  const digests = async () =>
    (await all((w) => w.request({ type: 'digest' }, 'digests', 30_000))).flatMap((r) => r.digests);

  return {
    pids: workers.map((w) => w.child.pid!),
    go: () => workers.forEach((w) => w.post({ type: 'go' })),
    async stop() {
      const reports = (await all((w) => w.request({ type: 'stop' }, 'stopped', 30_000))).map(
        (r) => r.report,
      );
      const latency = new Array<number>(LATENCY_BUCKETS).fill(0);
      const disconnects: Record<string, number> = {};
      for (const r of reports) {
        r.latency.forEach((n, i) => (latency[i] = latency[i]! + n));
        for (const [code, n] of Object.entries(r.disconnects)) {
          disconnects[code] = (disconnects[code] ?? 0) + n;
        }
      }
      return {
        workers: reports,
        made: Object.assign({}, ...reports.map((r) => r.made)) as Record<string, number>,
        disconnects,
        latency,
        errors: reports.flatMap((r) => r.errors),
      };
    },
    async verifyTags(expected, timeoutMs) {
      const replies = await all((w) =>
        w.request({ type: 'verify', expected, timeoutMs }, 'verified', timeoutMs + 30_000),
      );
      return {
        results: replies.flatMap((r) => r.results),
        ms: Math.max(...replies.map((r) => r.ms)),
      };
    },
    async converged(timeoutMs) {
      const started = Date.now();
      for (;;) {
        const list = await digests();
        if (agree(list) || Date.now() - started > timeoutMs) {
          return { digests: list, ms: Date.now() - started };
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    close,
  };
}

/** True when every editor of each board is synced and holds the same notes. */
export function agree(digests: Digest[]): boolean {
  const byBoard = new Map<string, Set<string>>();
  for (const d of digests) {
    if (!d.synced) return false;
    const set = byBoard.get(d.boardId) ?? new Set<string>();
    set.add(d.digest);
    byBoard.set(d.boardId, set);
  }
  return Array.from(byBoard.values()).every((s) => s.size === 1);
}

/** The q-quantile (0..1) of a 1 ms histogram, in ms. */
export function quantile(histogram: number[], q: number): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return NaN;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= q * total) return i;
  }
  return histogram.length - 1;
}

/** Splits `items` into `n` nearly equal parts, round robin. */
export function spread<T>(items: T[], n: number): T[][] {
  const parts: T[][] = Array.from({ length: n }, () => []);
  items.forEach((item, i) => parts[i % n]!.push(item));
  return parts;
}
