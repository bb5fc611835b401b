import { LoadPool } from './load/pool';
import { withServer, type BenchContext } from './scenarios/context';
import { trafficRun } from './scenarios/traffic';
import type { ServerKind } from './servers/launch';

let id = 0;
const pool = await LoadPool.start(2);
const ctx: BenchContext = { pool, full: false, servers: ['talkoot', 'reference', 'hocuspocus'], profileDir: null, nextClientId: () => ++id, log: console.log };
for (const kind of ctx.servers as ServerKind[]) {
  const t = Date.now();
  const r = await withServer(ctx, kind, (s) => trafficRun(ctx, s, { editors: 20, viewers: 10, kind: process.argv[2] === 'cursor' ? 'cursor' : 'edit', ratePerClient: 2, warmupMs: 500, measureMs: 2000 }));
  console.log(kind, Date.now() - t, 'ms', JSON.stringify(r));
}
await pool.stop();
