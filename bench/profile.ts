import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and says where the time went: self time per
 * function and per package/folder. Run on its own: `node --import tsx bench/profile.ts FILE...`.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  busyMs: number;
  functions: Array<{ name: string; where: string; selfMs: number; share: number }>;
  places: Array<{ place: string; selfMs: number; share: number }>;
  /** Each sample charged to the innermost frame in server/ on its stack (what our code caused). */
  serverFrames: Array<{ name: string; where: string; ms: number; share: number }>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Group by npm package, our top-level folder, or Node internals.
function placeOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:'))
    return url
      .replace(/^node:internal\//, 'node:')
      .split('/')
      .slice(0, 2)
      .join('/');
  const rel = path.relative(ROOT, url.replace(/^file:\/\//, ''));
  return rel.split('/').slice(0, 2).join('/');
}

// tsx-compiled files report line 1 for everything: the file alone is the honest answer there.
function whereOf(url: string, lineNumber: number): string {
  if (!url) return '';
  const file = path.relative(ROOT, url.replace(/^file:\/\//, ''));
  return lineNumber > 0 ? `${file}:${lineNumber + 1}` : file;
}

/**
 * Summarizes `file`. With `window` ([from, to] in µs of the monotonic clock, which V8 profiles
 * and process.hrtime share on Linux) only samples inside it count, leaving out start-up.
 */
export function summarizeProfile(
  file: string,
  window?: [number, number],
  top = 25,
): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (window && (t < window[0] || t > window[1])) continue;
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + delta);
  }
  const serverFrames = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of self) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    let at: number | undefined = id;
    while (at !== undefined && !byId.get(at)!.callFrame.url.includes('/server/'))
      at = parent.get(at);
    const frame = at === undefined ? null : byId.get(at)!.callFrame;
    const name = frame ? frame.functionName || '(anonymous)' : '(outside server/)';
    const where = frame ? whereOf(frame.url, frame.lineNumber) : '';
    const key = `${name} ${where}`;
    const entry = serverFrames.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    serverFrames.set(key, entry);
  }
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const places = new Map<string, number>();
  let idle = 0;
  let total = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    total += us;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const name = functionName || '(anonymous)';
    const where = url
      ? `${path.relative(ROOT, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}`
      : '';
    const key = `${name} ${where}`;
    const f = functions.get(key) ?? { name, where, us: 0 };
    f.us += us;
    functions.set(key, f);
    const place = placeOf(url, name);
    places.set(place, (places.get(place) ?? 0) + us);
  }
  const busy = total - idle;
  return {
    file,
    totalMs: total / 1000,
    busyMs: busy / 1000,
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: f.us / 1000, share: f.us / busy })),
    places: [...places.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([place, us]) => ({ place, selfMs: us / 1000, share: us / busy })),
    serverFrames: [...serverFrames.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 15)
      .map((f) => ({ name: f.name, where: f.where, ms: f.us / 1000, share: f.us / busy })),
  };
}

export function formatProfile(s: ProfileSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  const lines = [
    `${path.basename(s.file)}: ${s.busyMs.toFixed(0)} ms busy of ${s.totalMs.toFixed(0)} ms`,
    '  self time by place:',
    ...s.places.map((p) => `    ${pct(p.share)}  ${p.place}`),
    '  self time by function:',
    ...s.functions.map((f) => `    ${pct(f.share)}  ${f.name}  ${f.where}`),
    '  time by innermost server/ frame on the stack (inclusive of what it called):',
    ...s.serverFrames.map((f) => `    ${pct(f.share)}  ${f.name}  ${f.where}`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const file of process.argv.slice(2)) console.log(formatProfile(summarizeProfile(file)));
}
