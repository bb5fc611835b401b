import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Counters bumped on every message: plain numbers (the hot path pays one addition), read into
 * Prometheus only when /metrics is scraped.
 */
export interface HotCounters {
  messagesIn: number[];
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
}

/** Prometheus metrics of one server instance (its own registry, so tests can run several). */
export interface Metrics {
  registry: Registry;
  hot: HotCounters;
  connections: Gauge<'role'>;
  rooms: Gauge;
  messagesIn: Counter<'type'>;
  messagesOut: Counter;
  bytesIn: Counter;
  bytesOut: Counter;
  droppedWrites: Counter<'reason'>;
  closes: Counter<'code'>;
  persistSeconds: Histogram<'op'>;
  persistFailures: Counter<'op'>;
}

/** Creates the metric set; `defaults` adds process CPU/memory metrics. */
export function createMetrics(defaults = true): Metrics {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry, prefix: 'talkoot_' });
  const registers = [registry];
  const hot: HotCounters = { messagesIn: [0, 0, 0, 0], messagesOut: 0, bytesIn: 0, bytesOut: 0 };
  const fromHot = (read: () => number) =>
    function (this: Counter) {
      this.reset();
      this.inc(read());
    };
  return {
    registry,
    hot,
    connections: new Gauge({
      name: 'talkoot_connections',
      help: 'Open WebSocket connections by role',
      labelNames: ['role'],
      registers,
    }),
    rooms: new Gauge({ name: 'talkoot_rooms_loaded', help: 'Documents held in memory', registers }),
    messagesIn: new Counter({
      name: 'talkoot_messages_in_total',
      help: 'Messages received by type',
      labelNames: ['type'],
      registers,
      collect(this: Counter<'type'>) {
        this.reset();
        hot.messagesIn.forEach((n, type) => this.inc({ type: String(type) }, n));
      },
    }),
    messagesOut: new Counter({
      name: 'talkoot_messages_out_total',
      help: 'Messages sent',
      registers,
      collect: fromHot(() => hot.messagesOut),
    }),
    bytesIn: new Counter({
      name: 'talkoot_bytes_in_total',
      help: 'Bytes received',
      registers,
      collect: fromHot(() => hot.bytesIn),
    }),
    bytesOut: new Counter({
      name: 'talkoot_bytes_out_total',
      help: 'Bytes sent',
      registers,
      collect: fromHot(() => hot.bytesOut),
    }),
    droppedWrites: new Counter({
      name: 'talkoot_dropped_writes_total',
      help: 'Document writes refused (viewer, frozen)',
      labelNames: ['reason'],
      registers,
    }),
    closes: new Counter({
      name: 'talkoot_closes_total',
      help: 'Sockets closed by the server, by close code',
      labelNames: ['code'],
      registers,
    }),
    persistSeconds: new Histogram({
      name: 'talkoot_persist_seconds',
      help: 'Persistence latency',
      labelNames: ['op'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    persistFailures: new Counter({
      name: 'talkoot_persist_failures_total',
      help: 'Failed persistence operations (retried)',
      labelNames: ['op'],
      registers,
    }),
  };
}
