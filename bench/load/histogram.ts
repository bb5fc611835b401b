/**
 * A fixed-bucket latency histogram in microseconds: cheap to record in the hot path of the load
 * generator, and mergeable across worker processes (plain counts, sent over IPC).
 * Resolution: 10 µs below 10 ms, 1 ms below 1 s, 100 ms below 60 s.
 */
const FINE_LIMIT = 10_000;
const MID_LIMIT = 1_000_000;
const COARSE_LIMIT = 60_000_000;
const FINE_BUCKETS = FINE_LIMIT / 10;
const MID_BUCKETS = (MID_LIMIT - FINE_LIMIT) / 1_000;
const COARSE_BUCKETS = (COARSE_LIMIT - MID_LIMIT) / 100_000;
const BUCKETS = FINE_BUCKETS + MID_BUCKETS + COARSE_BUCKETS + 1;

export interface HistogramData {
  counts: Uint32Array;
  count: number;
  sum: number;
  max: number;
}

export function createHistogram(): HistogramData {
  return { counts: new Uint32Array(BUCKETS), count: 0, sum: 0, max: 0 };
}

function bucketOf(us: number): number {
  if (us < FINE_LIMIT) return Math.max(0, Math.floor(us / 10));
  if (us < MID_LIMIT) return FINE_BUCKETS + Math.floor((us - FINE_LIMIT) / 1_000);
  if (us < COARSE_LIMIT) {
    return FINE_BUCKETS + MID_BUCKETS + Math.floor((us - MID_LIMIT) / 100_000);
  }
  return BUCKETS - 1;
}

// The middle of a bucket, so a percentile is off by at most half a bucket.
function valueOf(bucket: number): number {
  if (bucket < FINE_BUCKETS) return bucket * 10 + 5;
  if (bucket < FINE_BUCKETS + MID_BUCKETS)
    return FINE_LIMIT + (bucket - FINE_BUCKETS) * 1_000 + 500;
  if (bucket < BUCKETS - 1) {
    return MID_LIMIT + (bucket - FINE_BUCKETS - MID_BUCKETS) * 100_000 + 50_000;
  }
  return COARSE_LIMIT;
}

export function record(h: HistogramData, us: number): void {
  h.counts[bucketOf(us)]!++;
  h.count++;
  h.sum += us;
  if (us > h.max) h.max = us;
}

export function mergeInto(target: HistogramData, source: HistogramData): void {
  for (let i = 0; i < BUCKETS; i++) target.counts[i]! += source.counts[i]!;
  target.count += source.count;
  target.sum += source.sum;
  target.max = Math.max(target.max, source.max);
}

/** The q-quantile (0..1) in microseconds; the exact maximum for q = 1; NaN when empty. */
export function quantile(h: HistogramData, q: number): number {
  if (h.count === 0) return Number.NaN;
  if (q >= 1) return h.max;
  const rank = Math.ceil(q * h.count);
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    seen += h.counts[i]!;
    if (seen >= rank) return Math.min(valueOf(i), h.max);
  }
  return h.max;
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export function summarize(h: HistogramData): LatencySummary {
  const ms = (us: number) => Math.round(us) / 1000;
  return {
    count: h.count,
    p50Ms: ms(quantile(h, 0.5)),
    p95Ms: ms(quantile(h, 0.95)),
    p99Ms: ms(quantile(h, 0.99)),
    maxMs: ms(h.max),
    meanMs: h.count === 0 ? Number.NaN : ms(h.sum / h.count),
  };
}
