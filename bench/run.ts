import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBoard } from './board';
import { LoadPool } from './load/pool';
import { formatProfile, summarizeProfile, type ProfileSummary } from './profile';
import {
  formatScenario,
  ratiosFor,
  summarize,
  type ScenarioReport,
  type VariantReport,
} from './report';
import { audience } from './scenarios/audience';
import { clientScenario, clientUnavailable } from './scenarios/client';
import { coldJoinScenario } from './scenarios/coldJoin';
import { withServer, type BenchContext } from './scenarios/context';
import { fanout } from './scenarios/fanout';
import { memoryScenario } from './scenarios/memory';
import { persistenceScenario } from './scenarios/persistence';
import { presence } from './scenarios/presence';
import type { RunOutcome, Scenario, Variant } from './scenarios/types';
import { SERVER_LABELS, type ServerHandle, type ServerKind } from './servers/launch';

/**
 * `npm run bench` (quick) / `npm run bench:full`. Every scenario runs against Talkoot and the
 * peer relays, interleaved rep by rep, each server in a fresh process; prints a table per
 * scenario and writes bench/results/<timestamp>.json.
 *
 * Flags: --full, --only=fanout,presence, --variants=e100r5,v2000, --servers=talkoot,reference, --reps=N,
 * --profile (Talkoot only, with a V8 CPU profile per run; default scenarios fanout and presence).
 */
const SCENARIOS: Scenario[] = [
  fanout,
  audience,
  presence,
  coldJoinScenario,
  memoryScenario,
  persistenceScenario,
  clientScenario,
];
const RESULTS = fileURLToPath(new URL('./results', import.meta.url));
const WORKERS = 4;

function flag(name: string): string | null {
  const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!arg) return null;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : '';
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg(),
  };
}

async function main(): Promise<void> {
  const full = flag('full') !== null;
  const profiling = flag('profile') !== null;
  const only = flag('only')?.split(',') ?? (profiling ? ['fanout', 'presence'] : null);
  const servers = (flag('servers')?.split(',') ??
    (profiling ? ['talkoot'] : ['talkoot', 'reference', 'hocuspocus'])) as ServerKind[];
  const variantIds = flag('variants')?.split(',') ?? null;
  const repsOverride = flag('reps') ? Number(flag('reps')) : profiling ? 1 : null;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const profileRoot = profiling ? path.join(RESULTS, `profiles-${stamp}`) : null;
  const started = Date.now();

  console.log(
    `Talkoot benchmarks (${full ? 'full' : 'quick'}${profiling ? ', profiling Talkoot' : ''}) — ` +
      `${machine().cpus} × ${machine().cpuModel}, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  buildBoard(5_000);
  const pool = await LoadPool.start(WORKERS);
  let nextId = 0;
  const ctx: BenchContext = {
    pool,
    full,
    servers,
    nextClientId: () => ++nextId,
    log: (line) => console.log(line),
  };
  const reports: ScenarioReport[] = [];
  const profiles: Array<{ run: string; summary: ProfileSummary }> = [];
  try {
    for (const scenario of SCENARIOS) {
      if (only && !only.includes(scenario.id)) continue;
      const report: ScenarioReport = { id: scenario.id, title: scenario.title, variants: [] };
      reports.push(report);
      if (scenario === clientScenario) {
        const why = clientUnavailable();
        if (why) {
          report.skipped = `client scenario skipped: ${why}`;
          console.log(`\n${scenario.title}\n  ${report.skipped}`);
          continue;
        }
      }
      console.log(`\n${scenario.title}`);
      for (const variant of scenario.variants(ctx)) {
        if (variantIds && !variantIds.includes(variant.id)) continue;
        const kinds = (variant.servers ?? servers).filter((k) => servers.includes(k));
        const reps = repsOverride ?? variant.reps;
        const outcomes = new Map<ServerKind, RunOutcome[]>(kinds.map((k) => [k, []]));
        for (let rep = 1; rep <= reps; rep++) {
          for (const kind of kinds) {
            const tag = `${scenario.id}-${variant.id}-${rep}`;
            const profileDir =
              profileRoot && kind === 'talkoot' ? path.join(profileRoot, tag) : undefined;
            const t0 = Date.now();
            let outcome: RunOutcome;
            try {
              outcome = await withServer(kind, (server) => runChecked(variant, ctx, server), {
                ...(variant.env ? { env: variant.env } : {}),
                ...(profileDir ? { profileDir } : {}),
              });
            } catch (err) {
              await pool.close().catch(() => undefined);
              const message = (err as Error).message
                .split('\n')[0]!
                .replace(/token=[^\s&]+/g, 'token=…');
              outcome = { metrics: {}, valid: false, problems: [`failed: ${message}`] };
            }
            outcomes.get(kind)!.push(outcome);
            console.log(
              `  ${variant.label} · rep ${rep} · ${SERVER_LABELS[kind]}: ${brief(outcome)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
            );
            if (profileDir && fs.existsSync(profileDir)) {
              // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the event loop; the
              // others are tsx's module loader.
              const mains = fs
                .readdirSync(profileDir)
                .filter((n) => /\.\d+\.0\.\d+\.cpuprofile$/.test(n));
              for (const f of mains) {
                const summary = summarizeProfile(path.join(profileDir, f), outcome.window);
                profiles.push({ run: tag, summary });
              }
            }
          }
        }
        if (
          scenario === clientScenario &&
          kinds.every((k) => outcomes.get(k)!.every((o) => !o.valid))
        ) {
          const why = outcomes.get('talkoot')?.[0]?.problems.join('; ') ?? 'not run';
          report.skipped = `client scenario skipped: the board page did not render (${why})`;
          continue;
        }
        const summaries: VariantReport['servers'] = {};
        for (const [kind, list] of outcomes) summaries[kind] = summarize(list);
        report.variants.push({
          id: variant.id,
          label: `${variant.label} (median of ${reps} rep${reps > 1 ? 's' : ''})`,
          servers: summaries,
          ratios: ratiosFor(scenario, summaries),
        });
      }
    }
  } finally {
    await pool.stop();
  }

  const wallSec = (Date.now() - started) / 1000;
  console.log(`\n${'='.repeat(100)}\nResults (Talkoot/peer below 1.00× means Talkoot is better)`);
  for (const report of reports) {
    console.log(
      formatScenario(
        SCENARIOS.find((s) => s.id === report.id)!,
        report,
      ),
    );
  }
  for (const p of profiles)
    console.log(`\nCPU profile of Talkoot, ${p.run}\n${formatProfile(p.summary)}`);
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${stamp}${profiling ? '-profile' : ''}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        mode: full ? 'full' : 'quick',
        profiling,
        startedAt: new Date(started).toISOString(),
        wallSec,
        machine: machine(),
        servers,
        scenarios: reports,
        profiles,
      },
      (_k, v: unknown) =>
        v instanceof Uint32Array
          ? undefined
          : typeof v === 'number' && !Number.isFinite(v)
            ? null
            : v,
      2,
    ),
  );
  console.log(
    `\nWall time ${wallSec.toFixed(0)} s. Results: ${path.relative(process.cwd(), file)}`,
  );
}

/** Runs a variant; a server that died meanwhile is named in the error, with its last words. */
async function runChecked(
  variant: Variant,
  ctx: BenchContext,
  server: ServerHandle,
): Promise<RunOutcome> {
  try {
    const outcome = await variant.run(ctx, server);
    const died = server.exitReport();
    if (died) outcome.problems.push(died);
    return died ? { ...outcome, valid: false } : outcome;
  } catch (err) {
    const died = server.exitReport();
    throw died ? new Error(`${(err as Error).message.split('\n')[0]} — ${died}`) : err;
  }
}

function brief(o: RunOutcome): string {
  const m = o.metrics;
  const parts: string[] = [];
  if (m.p99Ms !== undefined) parts.push(`p99 ${m.p99Ms.toFixed(2)} ms`);
  if (m.cpuUsPerDelivery !== undefined) parts.push(`${m.cpuUsPerDelivery.toFixed(2)} µs/delivery`);
  if (m.completeness !== undefined) parts.push(`complete ${m.completeness.toFixed(4)}`);
  if (m.cpuMsPerJoin !== undefined) parts.push(`${m.cpuMsPerJoin.toFixed(2)} ms CPU/join`);
  if (m.rssKbPerConn !== undefined) parts.push(`${m.rssKbPerConn.toFixed(1)} KB/conn`);
  if (m.panP95Ms !== undefined) parts.push(`pan p95 ${m.panP95Ms.toFixed(1)} ms`);
  const busy =
    o.quiet === false ? ` [other processes used ${m.backgroundCores?.toFixed(2)} cores]` : '';
  return `${parts.join(', ')}${o.valid ? '' : ` — does not count: ${o.problems.join('; ')}`}${busy}`;
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
