/**
 * A child process hosting simulated clients for the fault tests: real y-websocket providers that
 * edit (see editor.ts) and raw viewer sockets that only read. Driven over IPC by fleet.ts.
 */
import { WebSocket } from 'ws';
import { boardUrl, step1Message, synced } from '../clients';
import { seededRandom } from '../random';
import { checkTags, countTags } from '../tags';
import { Editor, newTally } from './editor';
import type { FromWorker, ToWorker, VerifyResult, WorkerConfig } from './protocol';

const send = (message: FromWorker) => process.send?.(message);

let config: WorkerConfig | null = null;
const editors: Editor[] = [];
const viewers: WebSocket[] = [];
const tally = newTally();
const viewerStats = { messages: 0, bytes: 0, closes: {} as Record<string, number> };
const errors: string[] = [];
let closing = false;

// Each provider adds a process 'exit' listener; dozens per process are expected here.
process.setMaxListeners(0);
process.on('uncaughtException', (err) => {
  send({ type: 'fatal', error: err.stack ?? String(err) });
  process.exit(1);
});
// The test that forked us is gone: never linger.
process.on('disconnect', () => process.exit(0));
process.on('message', (message: ToWorker) => {
  handle(message).catch((err: unknown) => {
    send({ type: 'fatal', error: (err as Error).stack ?? String(err) });
    process.exit(1);
  });
});

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'start':
      config = message.config;
      await start(config);
      return;
    case 'go':
      for (const e of editors) e.go();
      return;
    case 'stop':
      for (const e of editors) e.stop();
      send({ type: 'stopped', report: report() });
      return;
    case 'verify':
      await verify(message.expected, message.timeoutMs);
      return;
    case 'digest':
      send({ type: 'digests', digests: editors.map((e) => e.digest()) });
      return;
    case 'close':
      closing = true;
      for (const e of editors) e.destroy();
      for (const v of viewers) v.close();
      await new Promise((r) => setTimeout(r, 100));
      send({ type: 'closed' });
      setTimeout(() => process.exit(0), 50);
      return;
  }
}

async function start(cfg: WorkerConfig): Promise<void> {
  const started = Date.now();
  const random = seededRandom(cfg.seed);
  // Connect in small waves, as people arriving at a venue do, rather than in one burst.
  for (let i = 0; i < cfg.editors.length; i += 10) {
    const wave = cfg.editors
      .slice(i, i + 10)
      .map((spec) => new Editor(spec, cfg.syncUrl, cfg.behaviour, random, tally));
    editors.push(...wave);
    await Promise.all(wave.map((e) => synced(e.provider, 60_000)));
  }
  for (let i = 0; i < cfg.viewers.length; i += 50) {
    await Promise.all(cfg.viewers.slice(i, i + 50).map((spec) => openViewer(cfg, spec)));
  }
  send({ type: 'ready', ms: Date.now() - started });
}

/** A read-only socket that asks for the board once and then just reads what is relayed. */
function openViewer(cfg: WorkerConfig, spec: { boardId: string; token: string }): Promise<void> {
  const ws = new WebSocket(boardUrl(cfg.syncUrl, spec.boardId, spec.token));
  ws.binaryType = 'nodebuffer';
  viewers.push(ws);
  ws.on('message', (data: Buffer) => {
    viewerStats.messages += 1;
    viewerStats.bytes += data.byteLength;
  });
  ws.on('error', (err) => errors.push(`viewer: ${err.message}`));
  ws.on('close', (code) => {
    if (closing) return;
    viewerStats.closes[code] = (viewerStats.closes[code] ?? 0) + 1;
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.send(step1Message());
      resolve();
    });
    ws.once('close', (code) => reject(new Error(`viewer closed before open: ${code}`)));
  });
}

function report() {
  const made: Record<string, number> = {};
  for (const e of editors) made[e.spec.name] = e.made;
  return {
    index: config?.index ?? -1,
    made,
    localWrites: tally.localWrites,
    disconnects: tally.disconnects,
    latency: tally.latency,
    awarenessSent: tally.awarenessSent,
    awarenessReceived: tally.awarenessReceived,
    viewerMessages: viewerStats.messages,
    viewerBytes: viewerStats.bytes,
    viewerCloses: viewerStats.closes,
    errors,
  };
}

/** Waits until every editor holds every expected tag of its board once, then reports. */
async function verify(
  expected: Record<string, Record<string, number>>,
  timeoutMs: number,
): Promise<void> {
  const started = Date.now();
  const check = (): VerifyResult[] =>
    editors.map((e) => ({
      name: e.spec.name,
      boardId: e.spec.boardId,
      ...checkTags(countTags(e.doc), expected[e.spec.boardId] ?? {}),
    }));
  let results = check();
  while (results.some((r) => r.lost > 0) && Date.now() - started < timeoutMs) {
    if (process.env.FAULTS_DEBUG) {
      const behind = results.filter((r) => r.lost > 0);
      const offline = editors.filter((e) => !e.provider.synced).length;
      console.log(
        `worker ${config?.index}: ${behind.length} behind, ${offline} unsynced, +${Date.now() - started}ms`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
    results = check();
  }
  send({ type: 'verified', results, ms: Date.now() - started });
}
