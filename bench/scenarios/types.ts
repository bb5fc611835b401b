import type { ServerHandle, ServerKind } from '../servers/launch';
import type { BenchContext } from './context';

/** One figure of a scenario, as printed in its table. */
export interface Metric {
  key: string;
  label: string;
  digits?: number;
  /** Print the Talkoot/peer ratio for this figure. */
  ratio?: boolean;
}

export interface RunOutcome {
  metrics: Record<string, number>;
  valid: boolean;
  problems: string[];
  /** False when other processes used much CPU during the run (this machine is shared). */
  quiet?: boolean;
  /** The measured window in µs of the monotonic clock (to cut profiles to it). */
  window?: [number, number];
}

/** One configuration of a scenario (e.g. "200 editors × 1/s"), run against each server. */
export interface Variant {
  id: string;
  label: string;
  reps: number;
  /** Defaults to every server of the run. */
  servers?: ServerKind[];
  /** Extra environment for the server processes (e.g. a raised connection cap). */
  env?: Record<string, string>;
  run(ctx: BenchContext, server: ServerHandle): Promise<RunOutcome>;
}

export interface Scenario {
  id: string;
  title: string;
  metrics: Metric[];
  variants(ctx: BenchContext): Variant[];
}
