import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { createBoardCommands } from '../../shared/board/commands';
import { readBoard } from '../../shared/board/read';
import { MessageType } from '../../shared/protocol/messageTypes';
import { readSaveStatus, type SaveState } from '../../shared/protocol/saveStatus';
import { attachProbe } from '../../client/sync/probe';
import { createSyncTracker, type SyncStatus } from '../../client/sync/syncStatus';
import { WAL_LIMIT_BYTES } from '../../server/persistence/sqlite/checkpointer';
import type { SqliteStore } from '../../server/persistence/sqliteStore';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';

type Handler = (encoder: unknown, decoder: decoding.Decoder, ...rest: unknown[]) => void;

const texts = (doc: Y.Doc): string[] =>
  readBoard(doc)
    .notes.map((n) => n.text)
    .sort();

/** Records every SaveStatus message a provider reads, keeping whatever handler it had. */
function recordSaveStatus(provider: WebsocketProvider): SaveState[] {
  const seen: SaveState[] = [];
  // reason: messageHandlers is public but typed loosely in y-websocket's generated d.ts.
  const handlers = provider.messageHandlers as unknown as Handler[];
  const previous = handlers[MessageType.SaveStatus];
  handlers[MessageType.SaveStatus] = (encoder, decoder, ...rest) => {
    seen.push(readSaveStatus({ ...decoder }));
    previous?.(encoder, decoder, ...rest);
  };
  return seen;
}

/** A writer wired like the board page: the real sync tracker, probes and commands. */
function pageLikeWriter(server: TestServer, board: CreatedBoard) {
  const { doc, provider } = connectProvider(server.syncUrl, board.id, board.tokens.participant);
  const tracker = createSyncTracker();
  const probeSoon = attachProbe(provider, tracker);
  const saveStates = recordSaveStatus(provider);
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider) return;
    tracker.localChange();
    probeSoon();
  });
  const statuses: SyncStatus['state'][] = [];
  tracker.status.subscribe(() => statuses.push(tracker.status.get().state));
  const commands = createBoardCommands(doc, { writer: true });
  let n = 0;
  const write = (text: string): void => {
    n += 1;
    commands.addNote({ text, x: 20 * n, y: 0, authorId: null, authorName: null, lang: 'en' });
  };
  return { doc, provider, tracker, saveStates, statuses, write };
}

async function facilitatorCall(server: TestServer, board: CreatedBoard, route: string) {
  const started = Date.now();
  const res = await fetch(`${server.url}/api/boards/${board.id}/${route}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${board.tokens.facilitator}` },
  });
  return { status: res.status, body: (await res.json()) as unknown, ms: Date.now() - started };
}

async function health(server: TestServer) {
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; reason?: string } };
}

describe('disk full', () => {
  it('writers are told and keep their edits, joiners still sync, /healthz and freeze answer 503 at once, and when space returns every edit is stored', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-diskfull-'));
    let server = await startTestServer({ dataDir });
    const sqlite = server.app.store as SqliteStore;
    const board = await server.board('Disk full');

    const writer = pageLikeWriter(server, board);
    const other = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    const otherStates = recordSaveStatus(other.provider);
    await Promise.all([synced(writer.provider), synced(other.provider)]);
    writer.write('stored before');
    await waitFor(() => texts(other.doc).includes('stored before'), 20_000, 'the first note');
    await waitFor(() => writer.tracker.status.get().state === 'synced', 20_000, 'synced');

    // The disk fills up. Every note written from now on is refused by SQLite (SQLITE_FULL).
    sqlite.simulateDiskFullForTests(true);
    const seenBefore = writer.statuses.length;
    const whileFull = ['written while full 1', 'written while full 2', 'written while full 3'];
    for (const text of whileFull) writer.write(text);

    // 1. The writer is told, and its status says "unsaved", never "synced".
    await waitFor(() => writer.saveStates.includes('failing'), 20_000, 'the not-saved signal');
    await waitFor(() => writer.tracker.status.get().state === 'unsaved', 20_000, 'unsaved');
    expect(otherStates).toContain('failing');
    expect(writer.tracker.status.get().pending).toBeGreaterThan(0);
    expect(texts(writer.doc)).toEqual([...whileFull, 'stored before'].sort());

    // 2. A new joiner (a stock provider: it logs the unknown message type and goes on) syncs
    // the stored board; nothing unsaved is served to it or relayed to the others.
    const joiner = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    await synced(joiner.provider, 20_000);
    expect(texts(joiner.doc)).toEqual(['stored before']);
    expect(texts(other.doc)).toEqual(['stored before']);
    expect(joiner.provider.wsconnected).toBe(true);

    // 3. /healthz says so; freeze and snapshots answer 503 at once.
    const sick = await health(server);
    expect(sick.status).toBe(503);
    expect(sick.body).toMatchObject({ ok: false });
    expect(sick.body.reason).toContain('SQLITE_FULL');
    const freeze = await facilitatorCall(server, board, 'freeze');
    expect(freeze.status).toBe(503);
    expect(freeze.body).toMatchObject({ error: { code: 'unavailable' } });
    expect(JSON.stringify(freeze.body)).toContain('storage');
    const snapshot = await facilitatorCall(server, board, 'snapshots');
    expect(snapshot.status).toBe(503);
    // More edits while full stay on the device too.
    writer.write('written while full 4');
    whileFull.push('written while full 4');
    expect(writer.statuses.slice(seenBefore)).not.toContain('synced');

    // 4. Space returns: the server recovers by itself (a retry, or the health probe).
    sqlite.simulateDiskFullForTests(false);
    const freedAt = Date.now();
    await waitFor(() => writer.saveStates.at(-1) === 'saving', 60_000, 'the saved-again signal');
    await waitFor(
      () => writer.tracker.status.get().state === 'synced',
      60_000,
      'synced after recovery',
    );
    const recoveredMs = Date.now() - freedAt;
    expect(writer.tracker.status.get().pending).toBe(0);
    expect(writer.statuses.slice(seenBefore)).toContain('unsaved');
    const all = [...whileFull, 'stored before'].sort();
    await waitFor(() => texts(other.doc).length === all.length, 20_000, 'relayed after recovery');
    await waitFor(() => texts(joiner.doc).length === all.length, 20_000, 'joiner after recovery');
    expect(texts(other.doc)).toEqual(all);
    expect(texts(joiner.doc)).toEqual(all);
    await waitFor(() => server.app.storage.ok, 20_000, 'storage ok');
    expect((await health(server)).status).toBe(200);
    const freezeAfter = await facilitatorCall(server, board, 'freeze');
    expect(freezeAfter.status).toBe(201);

    // 5. A burst grows the WAL past its limit; once checkpointed the file is cut back.
    // One transaction, so no checkpoint can restart the WAL halfway through it.
    const chunk = new Uint8Array(64 * 1024).fill(1);
    await server.app.store.appendUpdates(
      'wal-burst',
      Array.from({ length: 96 }, () => chunk),
    );
    const walFile = path.join(dataDir, 'talkoot.db-wal');
    const walPeak = fs.statSync(walFile).size;
    expect(walPeak).toBeGreaterThan(WAL_LIMIT_BYTES);
    await waitFor(() => fs.statSync(walFile).size <= WAL_LIMIT_BYTES, 30_000, 'WAL truncated');
    const walAfter = fs.statSync(walFile).size;

    await destroyAll(writer.provider, other.provider, joiner.provider);
    await server.close();

    // 6. Nothing acknowledged, or written while full, is lost: a restart serves all of it.
    server = await startTestServer({ dataDir });
    const reader = connectProvider(server.syncUrl, board.id, board.tokens.viewer);
    await synced(reader.provider, 20_000);
    expect(texts(reader.doc)).toEqual(all);
    await destroyAll(reader.provider);
    await server.close();

    console.log(
      `FAULTS diskfull: editsWhileFull=${whileFull.length} freezeMs=${freeze.ms} ` +
        `snapshotMs=${snapshot.ms} recoveredMs=${recoveredMs} walPeak=${walPeak} ` +
        `walAfter=${walAfter} walLimit=${WAL_LIMIT_BYTES} restoredNotes=${all.length}`,
    );
  });
});
