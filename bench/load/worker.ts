import { monitorEventLoopDelay } from 'node:perf_hooks';
import { BenchClient, type ClientSink, type ClientSpec } from './client';
import { nowUs } from './framing';
import { createHistogram, record } from './histogram';
import type { JoinStats, LoadPlan, WorkerCommand, WorkerStats } from './protocol';

/**
 * A load-generator process: hosts protocol clients, runs send schedules on the shared monotonic
 * clock and measures what its clients receive. It also measures itself (CPU, event-loop delay),
 * so the controller can tell a slow relay from a slow generator.
 */
const clients = new Map<number, BenchClient>();
const closing = new Set<BenchClient>();
let window = { start: 0, end: 0 };
let stats = freshStats();
const loop = monitorEventLoopDelay({ resolution: 10 });
let mark = { cpu: process.cpuUsage(), at: nowUs() };
let loadEnd = { cpu: process.cpuUsage(), at: nowUs() };
let onSynced: (() => void) | null = null;

function freshStats() {
  return {
    latency: createHistogram(),
    lag: createHistogram(),
    delivered: 0,
    deliveredOutside: 0,
    sentInWindow: 0,
    sent: 0,
    planned: 0,
    unexpectedCloses: 0,
  };
}

const sink: ClientSink = {
  marker(self, sender, t, at) {
    if (sender === self.spec.id) return; // relays that echo to the sender
    if (t >= window.start && t < window.end) {
      stats.delivered++;
      record(stats.latency, at - t);
    } else {
      stats.deliveredOutside++;
    }
  },
  synced() {
    onSynced?.();
  },
  closed(self, _code, wasSynced) {
    if (!closing.has(self) && wasSynced) stats.unexpectedCloses++;
    clients.delete(self.spec.id);
    closing.delete(self);
    onSynced?.();
  },
};

function takeMark(): void {
  loop.reset();
  loop.enable();
  mark = { cpu: process.cpuUsage(), at: nowUs() };
}

async function open(specs: ClientSpec[], batch: number, timeoutMs: number): Promise<JoinStats> {
  const opened: BenchClient[] = [];
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < specs.length; i += batch) {
    const group = specs.slice(i, i + batch).map((s) => {
      const c = new BenchClient(s, sink);
      clients.set(s.id, c);
      return c;
    });
    opened.push(...group);
    await new Promise<void>((resolve) => {
      const check = () => {
        if (group.every((c) => c.synced || c.closed) || Date.now() > deadline) {
          onSynced = null;
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(check, Math.max(0, deadline - Date.now()) + 1);
      onSynced = check;
      check();
    });
  }
  const synced = opened.filter((c) => c.synced);
  return {
    synced: synced.length,
    failed: opened.length - synced.length,
    joinUs: synced.map((c) => c.syncedAt - c.startedAt),
    bytesIn: synced.map((c) => c.bytesIn),
    bytesOut: synced.map((c) => c.bytesOut),
    firstStartUs: Math.min(...opened.map((c) => c.startedAt)),
    lastSyncedUs: Math.max(0, ...synced.map((c) => c.syncedAt)),
  };
}

/** Runs a send plan to its end; resolves when the last scheduled send is done. */
function load(plan: LoadPlan): Promise<void> {
  stats = freshStats();
  window = { start: plan.windowStartUs, end: plan.windowEndUs };
  // Own CPU and event-loop delay are measured over the window, not the warm-up.
  setTimeout(takeMark, Math.max(0, (plan.windowStartUs - nowUs()) / 1000));
  const events = plan.senders
    .map(([id, phaseUs]) => ({ client: clients.get(id), phaseUs }))
    .sort((a, b) => a.phaseUs - b.phaseUs);
  const perEvent = plan.burst ? plan.burst.count : 1;
  const interval = plan.burst ? plan.burst.everyMs * 1000 : 1e6 / plan.ratePerClient;
  for (let round = 0; ; round++) {
    const due = events.filter((e) => plan.startUs + round * interval + e.phaseUs < plan.endUs);
    if (due.length === 0) break;
    stats.planned += due.length * perEvent;
  }
  let round = 0;
  let index = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = nowUs();
      for (;;) {
        if (index === events.length) {
          index = 0;
          round++;
        }
        const event = events[index]!;
        const due = plan.startUs + round * interval + event.phaseUs;
        if (due >= plan.endUs || events.length === 0) {
          loadEnd = { cpu: process.cpuUsage(), at: nowUs() };
          resolve();
          return;
        }
        if (due > now) {
          setTimeout(tick, Math.floor((due - now) / 1000));
          return;
        }
        record(stats.lag, now - due);
        for (let k = 0; k < perEvent; k++) {
          const t = plan.kind === 'edit' ? event.client?.edit() : event.client?.moveCursor();
          if (t === undefined || t < 0) continue;
          stats.sent++;
          if (t >= window.start && t < window.end) stats.sentInWindow++;
        }
        index++;
      }
    };
    tick();
  });
}

async function closeClients(ids: number[] | null): Promise<void> {
  const targets = ids
    ? ids.map((id) => clients.get(id)).filter((c) => c !== undefined)
    : [...clients.values()];
  for (const c of targets) {
    closing.add(c);
    c.close();
  }
  const deadline = Date.now() + 5_000;
  while (targets.some((c) => !c.closed) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const c of targets) {
    if (!c.closed) c.terminate();
    clients.delete(c.spec.id);
  }
}

function collect(): WorkerStats {
  const end = loadEnd.at > mark.at ? loadEnd : { cpu: process.cpuUsage(), at: nowUs() };
  const cpu = process.cpuUsage(mark.cpu);
  const windowCpu = end.cpu.user + end.cpu.system - mark.cpu.user - mark.cpu.system;
  loop.disable();
  const eld = {
    p99Ms: loop.count > 0 ? loop.percentile(99) / 1e6 : 0,
    maxMs: loop.count > 0 ? loop.max / 1e6 : 0,
  };
  return {
    latency: stats.latency,
    lag: stats.lag,
    delivered: stats.delivered,
    deliveredOutside: stats.deliveredOutside,
    sentInWindow: stats.sentInWindow,
    sent: stats.sent,
    planned: stats.planned,
    unexpectedCloses: stats.unexpectedCloses,
    cpuUs: cpu.user + cpu.system,
    loadCpuFraction: windowCpu / Math.max(1, end.at - mark.at),
    eventLoop: eld,
    clients: clients.size,
  };
}

async function handle(cmd: WorkerCommand): Promise<unknown> {
  switch (cmd.op) {
    case 'open':
      return open(cmd.clients, cmd.batch, cmd.timeoutMs);
    case 'seed': {
      const c = clients.get(cmd.clientId);
      if (!c) throw new Error(`no client ${cmd.clientId}`);
      const t0 = nowUs();
      c.sendUpdates(cmd.updates);
      await c.requestSync();
      return { ms: (nowUs() - t0) / 1000 };
    }
    case 'mark':
      stats = freshStats();
      takeMark();
      return null;
    case 'load':
      await load(cmd.plan);
      return null;
    case 'count':
      return { delivered: stats.delivered, sentInWindow: stats.sentInWindow };
    case 'collect':
      return collect();
    case 'close':
      await closeClients(cmd.ids);
      return null;
    case 'exit':
      await closeClients(null);
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: { seq: number; cmd: WorkerCommand }) => {
  handle(message.cmd).then(
    (result) => process.send!({ seq: message.seq, ok: true, result }),
    (err: unknown) => process.send!({ seq: message.seq, ok: false, error: String(err) }),
  );
});
// The controller is gone: nothing left to do.
process.on('disconnect', () => process.exit(0));
