import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore } from '../../server/persistence/sqliteStore';
import { addNote, hasNote, noteTexts } from '../helpers/boardContent';
import { apiCall } from '../helpers/api';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { deepNestingUpdate } from '../helpers/hostileUpdates';
import { startTestServer, type TestServer } from '../helpers/server';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('a board whose stored content is damaged', () => {
  it('opens from what is good, freezes, restores and shows on the dashboard; the bad rows are logged once and compacted away', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-wedge-'));
    const first = await startTestServer({ dataDir });
    const board = await first.board();
    const writer = connectProvider(first.syncUrl, board.id, board.tokens.participant);
    await synced(writer.provider);
    addNote(writer.doc, 'written before the damage');
    await waitFor(
      () => hasNote(first.app.rooms.peek(board.id)!.board.doc, 'written before the damage'),
      5000,
      'stored',
    );
    const snapshot = await apiCall<{ id: string }>(
      first.url,
      'POST',
      `/api/boards/${board.id}/snapshots`,
      board.tokens.facilitator,
    );
    expect(snapshot.status).toBe(201);
    await destroyAll(writer.provider);
    await first.close();

    // What an older server let through, and a row the disk mangled, written behind its back.
    const store = openSqliteStore(path.join(dataDir, 'talkoot.db'));
    await store.appendUpdates(board.id, [
      deepNestingUpdate(50_000),
      Uint8Array.from([1, 200, 3, 7, 255, 255, 255, 255, 1, 9, 9]),
    ]);
    await store.close();

    const lines: string[] = [];
    const second = await startTestServer({ dataDir, logLines: lines });
    servers.push(second);
    const reader = connectProvider(second.syncUrl, board.id, board.tokens.participant);
    await synced(reader.provider);
    addNote(reader.doc, 'written after the damage');
    const room = () => second.app.rooms.peek(board.id)!;
    await waitFor(() => hasNote(room().board.doc, 'written after the damage'), 5000, 'writable');
    const overview = await apiCall(
      second.url,
      'GET',
      `/api/forums/${board.forumId}/overview`,
      second.adminToken,
    );
    const session = await apiCall(
      second.url,
      'GET',
      `/api/boards/${board.id}`,
      board.tokens.participant,
    );
    const restore = await apiCall(
      second.url,
      'POST',
      `/api/boards/${board.id}/snapshots/${snapshot.body.id}/restore`,
      board.tokens.facilitator,
    );
    await waitFor(
      () => !hasNote(room().board.doc, 'written after the damage'),
      5000,
      'restored content',
    );
    const freeze = await apiCall(
      second.url,
      'POST',
      `/api/boards/${board.id}/freeze`,
      board.tokens.facilitator,
    );
    await room().compact();
    const stored = await second.app.store.loadDoc(board.id);
    const storedDoc = new Y.Doc();
    Y.applyUpdate(storedDoc, Y.mergeUpdates(stored.updates));
    const incidents = lines.filter((l) => l.includes('stored rows could not be read')).length;
    console.log(
      `FAULTS wedge: damagedRows=${room().board.damagedRows} incidents=${incidents} ` +
        `overview=${overview.status} session=${session.status} restore=${restore.status} ` +
        `freeze=${freeze.status} storedRows=${stored.updates.length} notes=${JSON.stringify(noteTexts(room().board.doc))}`,
    );
    expect(overview.status).toBe(200);
    expect(session.status).toBe(200);
    expect(restore.status).toBe(200);
    expect(freeze.status).toBe(201);
    expect(incidents).toBe(1);
    expect(room().board.damagedRows).toBeGreaterThanOrEqual(1);
    expect(noteTexts(room().board.doc)).toEqual(['written before the damage']);
    expect(noteTexts(storedDoc)).toEqual(['written before the damage']);
    await destroyAll(reader.provider);
  });
});
