import type { TrafficResult } from './traffic';
import type { Metric, RunOutcome } from './types';

/** The figures every traffic scenario reports, in table order. */
export const TRAFFIC_METRICS: Metric[] = [
  { key: 'p50Ms', label: 'latency p50 (ms)', digits: 2, ratio: true },
  { key: 'p95Ms', label: 'latency p95 (ms)', digits: 2, ratio: true },
  { key: 'p99Ms', label: 'latency p99 (ms)', digits: 2, ratio: true },
  { key: 'maxMs', label: 'latency max (ms)', digits: 1, ratio: true },
  { key: 'completeness', label: 'completeness', digits: 4 },
  { key: 'deliveriesPerSec', label: 'deliveries/s', digits: 0 },
  { key: 'cpuUsPerDelivery', label: 'server CPU µs/delivery', digits: 2, ratio: true },
  { key: 'serverCores', label: 'server CPU (cores)', digits: 2, ratio: true },
  { key: 'rssMb', label: 'server RSS (MB)', digits: 1, ratio: true },
  { key: 'generatorCpu', label: 'generator CPU (max core)', digits: 2 },
  { key: 'generatorLoopP99Ms', label: 'generator loop p99 (ms)', digits: 1 },
  { key: 'backgroundCores', label: 'other processes CPU (cores)', digits: 2 },
];

export function trafficOutcome(r: TrafficResult): RunOutcome {
  return {
    metrics: {
      p50Ms: r.latency.p50Ms,
      p95Ms: r.latency.p95Ms,
      p99Ms: r.latency.p99Ms,
      maxMs: r.latency.maxMs,
      completeness: r.completeness,
      deliveriesPerSec: r.deliveriesPerSec,
      sendRate: r.sendRate,
      cpuUsPerDelivery: r.serverCpuUsPerDelivery,
      cpuUsPerSend: r.serverCpuUsPerSend,
      serverCores: r.serverCores,
      rssMb: r.serverRssMb,
      generatorCpu: Math.max(...r.generator.cpu),
      generatorLoopP99Ms: Math.max(...r.generator.eventLoopP99Ms),
      sendLagP99Ms: r.generator.sendLagP99Ms,
      backgroundCores: r.backgroundCores,
    },
    valid: r.valid,
    problems: r.problems,
    quiet: r.quiet,
    window: r.window,
  };
}
