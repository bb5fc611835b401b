import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminApi, readStoredDoc } from '../helpers/adminApi';
import { startChildServer, type ChildServer } from '../helpers/childServer';
import { spread, startFleet } from '../helpers/fleet';
import { seededRandom, testSeed } from '../helpers/random';
import { checkTags, countTags } from '../helpers/tags';

const EDITORS = 100;
const WORKERS = 4;
const ADMIN_TOKEN = 'fault-admin-token-0123456789abcdef';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A hundred people write tagged notes continuously while the server process is SIGKILLed at
 * seeded random moments and restarted on the same data directory and port. The providers
 * reconnect on their own; afterwards every client, and what is on disk, must hold every note
 * anyone made exactly once.
 */
async function crashScenario(label: string, options: { compactEvery: number; kills: number }) {
  const seed = testSeed();
  const random = seededRandom(seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-crash-'));
  const env = {
    PORT: '0',
    DATA_DIR: dataDir,
    TALKOOT_ADMIN_TOKEN: ADMIN_TOKEN,
    COMPACT_EVERY: String(options.compactEvery),
  };
  let server: ChildServer = await startChildServer(env);
  const port = server.port;
  const syncUrl = `ws://127.0.0.1:${port}/sync`;
  const [board] = await adminApi(server.url, ADMIN_TOKEN).boards(1);
  const editors = Array.from({ length: EDITORS }, (_, i) => ({
    name: `e${i}`,
    boardId: board!.id,
    token: board!.tokens.participant,
  }));
  const fleet = await startFleet(
    spread(editors, WORKERS).map((group, index) => ({
      index,
      syncUrl,
      seed: seed + index + 1,
      editors: group,
      viewers: [],
      behaviour: { kind: 'tagger', intervalMs: 700 },
    })),
  );
  const downtimes: number[] = [];
  const killedAt: number[] = [];
  try {
    const started = Date.now();
    fleet.go();
    for (let k = 0; k < options.kills; k++) {
      await sleep(1500 + random() * 2000);
      killedAt.push(Date.now() - started);
      server.process.kill('SIGKILL');
      await server.exited;
      const down = Date.now();
      // Editors keep writing offline while the server is down.
      await sleep(200 + random() * 800);
      server = await startChildServer({ ...env, PORT: String(port) });
      downtimes.push(Date.now() - down);
    }
    // Keep writing after the last restart, while the reconnect storm settles.
    await sleep(2000);
    const report = await fleet.stop();
    const expected = { [board!.id]: report.made };
    // Generous: a hundred re-syncs of a large board on two busy cores can take a while.
    const { results, ms } = await fleet.verifyTags(expected, 120_000);
    await fleet.close();

    // What is durable: kill once more and read the file, with no clean shutdown to help.
    server.process.kill('SIGKILL');
    await server.exited;
    const stored = readStoredDoc(dataDir, board!.id);
    const onDisk = checkTags(countTags(stored.doc), report.made);

    const edits = Object.values(report.made).reduce((a, b) => a + b, 0);
    const clientLost = results.reduce((n, r) => n + r.lost, 0);
    const clientDup = results.reduce((n, r) => n + r.duplicated, 0);
    const unexpected = results.reduce((n, r) => n + r.unexpected, 0);
    console.log(
      `FAULTS ${label}: seed=${seed} editors=${EDITORS} workers=${WORKERS} ` +
        `compactEvery=${options.compactEvery} kills=${options.kills} killedAtMs=[${killedAt}] ` +
        `downtimeMs=[${downtimes}] edits=${edits} clientLost=${clientLost} ` +
        `clientDuplicated=${clientDup} storedLost=${onDisk.lost} ` +
        `storedDuplicated=${onDisk.duplicated} storedRows=${stored.rows} ` +
        `storedBytes=${stored.bytes} convergeMs=${ms} disconnects=${JSON.stringify(report.disconnects)}`,
    );
    expect(edits).toBeGreaterThan(EDITORS * 3);
    expect({ clientLost, clientDup, unexpected }).toEqual({
      clientLost: 0,
      clientDup: 0,
      unexpected: 0,
    });
    expect(onDisk).toEqual({ expected: edits, lost: 0, duplicated: 0, unexpected: 0 });
    expect(stored.doc.store.pendingStructs).toBeNull();
    expect(report.errors).toEqual([]);
  } finally {
    await fleet.close();
    if (server.process.exitCode === null && server.process.signalCode === null) {
      server.process.kill('SIGKILL');
      await server.exited;
    }
  }
}

describe('crash durability', () => {
  it('a hundred editors lose and duplicate nothing when the server is killed with SIGKILL and restarted', async () => {
    await crashScenario('crash', { compactEvery: 500, kills: 1 });
  });

  it('nothing is lost or duplicated when the kills land while compaction runs constantly', async () => {
    await crashScenario('crash-compaction', { compactEvery: 20, kills: 3 });
  });
});
