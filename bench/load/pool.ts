import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClientSpec } from './client';
import { createHistogram, mergeInto, quantile } from './histogram';
import type { JoinStats, LoadPlan, WorkerCommand, WorkerStats } from './protocol';
import { track } from '../servers/children';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

class WorkerHandle {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (m: { seq: number; ok: boolean; result?: unknown; error?: string }) => {
      const p = this.pending.get(m.seq);
      if (!p) return;
      this.pending.delete(m.seq);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    });
    child.once('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`worker exited with ${code}`));
      this.pending.clear();
    });
  }

  call<T>(cmd: WorkerCommand): Promise<T> {
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ seq, cmd });
    });
  }
}

/** Per-worker figures the controller keeps to judge whether the generator kept up. */
export interface GeneratorHealth {
  cpuFraction: number[];
  eventLoopP99Ms: number[];
  eventLoopMaxMs: number[];
  sendLagP99Ms: number;
}

export interface MergedStats extends Omit<WorkerStats, 'loadCpuFraction' | 'eventLoop'> {
  health: GeneratorHealth;
}

/**
 * The load-generator processes, seen from the controller. Clients are spread round-robin over the
 * workers; each call fans out to the workers that own the clients it concerns.
 */
export class LoadPool {
  private readonly owner = new Map<number, number>();
  private next = 0;

  private constructor(private readonly workers: WorkerHandle[]) {}

  static async start(count: number): Promise<LoadPool> {
    const workers = Array.from({ length: count }, () => {
      const child = fork(WORKER, [], {
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      track(child);
      return new WorkerHandle(child);
    });
    // A round trip proves each worker is up before timing anything.
    await Promise.all(workers.map((w) => w.call({ op: 'count' })));
    return new LoadPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Opens `specs` (spread over the workers) and resolves once each has synced or failed. */
  async open(specs: ClientSpec[], options: { batch?: number; timeoutMs?: number } = {}) {
    const groups = this.workers.map(() => [] as ClientSpec[]);
    for (const spec of specs) {
      const w = this.next++ % this.workers.length;
      this.owner.set(spec.id, w);
      groups[w]!.push(spec);
    }
    const results = await Promise.all(
      groups.map((clients, i) =>
        clients.length === 0
          ? null
          : this.workers[i]!.call<JoinStats>({
              op: 'open',
              clients,
              batch: options.batch ?? 200,
              timeoutMs: options.timeoutMs ?? 60_000,
            }),
      ),
    );
    const parts = results.filter((r): r is JoinStats => r !== null);
    return {
      synced: sum(parts.map((p) => p.synced)),
      failed: sum(parts.map((p) => p.failed)),
      joinUs: parts.flatMap((p) => p.joinUs),
      bytesIn: parts.flatMap((p) => p.bytesIn),
      bytesOut: parts.flatMap((p) => p.bytesOut),
      firstStartUs: Math.min(...parts.map((p) => p.firstStartUs)),
      lastSyncedUs: Math.max(...parts.map((p) => p.lastSyncedUs)),
    } satisfies JoinStats;
  }

  seed(clientId: number, updates: Uint8Array[]): Promise<{ ms: number }> {
    return this.workerOf(clientId).call({ op: 'seed', clientId, updates });
  }

  async mark(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call({ op: 'mark' })));
  }

  /** Runs `plan` with each worker sending for the clients it owns. */
  async load(plan: LoadPlan): Promise<void> {
    await Promise.all(
      this.workers.map((w, i) => {
        const senders = plan.senders.filter(([id]) => this.owner.get(id) === i);
        return w.call({ op: 'load', plan: { ...plan, senders } });
      }),
    );
  }

  /** Markers received and edits sent so far in the current window. */
  async progress(): Promise<{ delivered: number; sentInWindow: number }> {
    const counts = await Promise.all(
      this.workers.map((w) => w.call<{ delivered: number; sentInWindow: number }>({ op: 'count' })),
    );
    return {
      delivered: sum(counts.map((c) => c.delivered)),
      sentInWindow: sum(counts.map((c) => c.sentInWindow)),
    };
  }

  async collect(): Promise<MergedStats> {
    const parts = await Promise.all(
      this.workers.map((w) => w.call<WorkerStats>({ op: 'collect' })),
    );
    const latency = createHistogram();
    const lag = createHistogram();
    for (const p of parts) {
      mergeInto(latency, p.latency);
      mergeInto(lag, p.lag);
    }
    const total = (k: keyof WorkerStats) => sum(parts.map((p) => p[k] as number));
    return {
      latency,
      lag,
      delivered: total('delivered'),
      deliveredOutside: total('deliveredOutside'),
      sentInWindow: total('sentInWindow'),
      sent: total('sent'),
      planned: total('planned'),
      unexpectedCloses: total('unexpectedCloses'),
      cpuUs: total('cpuUs'),
      clients: total('clients'),
      health: {
        cpuFraction: parts.map((p) => p.loadCpuFraction),
        eventLoopP99Ms: parts.map((p) => p.eventLoop.p99Ms),
        eventLoopMaxMs: parts.map((p) => p.eventLoop.maxMs),
        sendLagP99Ms: lag.count > 0 ? quantile(lag, 0.99) / 1000 : 0,
      },
    };
  }

  /** Closes the given clients, or all of them. */
  async close(ids: number[] | null = null): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call({ op: 'close', ids })));
    if (ids === null) this.owner.clear();
    else for (const id of ids) this.owner.delete(id);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        const exited = new Promise((r) => w.child.once('exit', r));
        await w.call({ op: 'exit' }).catch(() => undefined);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
        if (w.child.exitCode === null) w.child.kill('SIGKILL');
      }),
    );
  }

  private workerOf(clientId: number): WorkerHandle {
    const w = this.owner.get(clientId);
    if (w === undefined) throw new Error(`client ${clientId} is not open`);
    return this.workers[w]!;
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
