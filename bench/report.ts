import { SERVER_LABELS, type ServerKind } from './servers/launch';
import { median } from './scenarios/context';
import type { RunOutcome, Scenario } from './scenarios/types';

export interface ServerSummary {
  reps: RunOutcome[];
  validReps: number;
  /** Valid repetitions during which other processes stayed off the CPU. */
  quietReps: number;
  /**
   * Median of each figure over the valid repetitions, the quiet ones if there are any (over all
   * repetitions when none is valid).
   */
  median: Record<string, number>;
  /** The median is over repetitions that did not all count. */
  flagged: boolean;
}

export interface VariantReport {
  id: string;
  label: string;
  servers: Partial<Record<ServerKind, ServerSummary>>;
  /** Talkoot's figure divided by each peer's, for the figures marked `ratio`. */
  ratios: Partial<Record<ServerKind, Record<string, number>>>;
}

export interface ScenarioReport {
  id: string;
  title: string;
  skipped?: string;
  variants: VariantReport[];
}

export function summarize(reps: RunOutcome[]): ServerSummary {
  const valid = reps.filter((r) => r.valid);
  const quiet = valid.filter((r) => r.quiet !== false);
  const basis = quiet.length > 0 ? quiet : valid.length > 0 ? valid : reps;
  const keys = new Set(basis.flatMap((r) => Object.keys(r.metrics)));
  const med: Record<string, number> = {};
  for (const k of keys) med[k] = median(basis.map((r) => r.metrics[k] ?? Number.NaN));
  return {
    reps,
    validReps: valid.length,
    quietReps: quiet.length,
    median: med,
    flagged: valid.length === 0,
  };
}

export function ratiosFor(scenario: Scenario, servers: VariantReport['servers']) {
  const ratios: VariantReport['ratios'] = {};
  const ours = servers.talkoot?.median;
  if (!ours) return ratios;
  for (const kind of ['reference', 'hocuspocus'] as const) {
    const theirs = servers[kind]?.median;
    if (!theirs) continue;
    const r: Record<string, number> = {};
    for (const m of scenario.metrics) {
      if (m.ratio) r[m.key] = (ours[m.key] ?? Number.NaN) / (theirs[m.key] ?? Number.NaN);
    }
    ratios[kind] = r;
  }
  return ratios;
}

function fmt(value: number | undefined, digits = 2): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function ratio(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(2)}×`;
}

/** One table per variant: a column per server, then Talkoot/peer ratios. */
export function formatScenario(scenario: Scenario, report: ScenarioReport): string {
  const lines = [`\n${report.title}`];
  if (report.skipped) {
    lines.push(`  ${report.skipped}`);
    return lines.join('\n');
  }
  for (const v of report.variants) {
    const kinds = (['talkoot', 'reference', 'hocuspocus'] as const).filter((k) => v.servers[k]);
    const peers = kinds.filter((k) => k !== 'talkoot' && v.servers.talkoot);
    const header = [
      'figure',
      ...kinds.map((k) => SERVER_LABELS[k]),
      ...peers.map((k) => `Talkoot/${k === 'reference' ? 'ref' : 'Hocus'}`),
    ];
    const rows: string[][] = [header];
    for (const m of scenario.metrics) {
      rows.push([
        m.label,
        ...kinds.map((k) => fmt(v.servers[k]!.median[m.key], m.digits)),
        ...peers.map((k) => (m.ratio ? ratio(v.ratios[k]?.[m.key]) : '')),
      ]);
    }
    rows.push([
      'runs that count (of them quiet)',
      ...kinds.map((k) => {
        const s = v.servers[k]!;
        return `${s.validReps}/${s.reps.length} (${s.quietReps})${s.flagged ? ' !' : ''}`;
      }),
      ...peers.map(() => ''),
    ]);
    lines.push(`  ${v.label}`);
    lines.push(...table(rows).map((l) => `    ${l}`));
    for (const k of kinds) {
      const problems = [...new Set(v.servers[k]!.reps.flatMap((r) => r.problems))];
      if (problems.length > 0) lines.push(`    ${SERVER_LABELS[k]}: ${problems.join('; ')}`);
    }
  }
  return lines.join('\n');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
