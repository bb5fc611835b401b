import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { boardRoots } from '../../shared/board/roots';
import {
  addNote,
  addNotes,
  boardJson,
  editNote,
  noteCount,
  noteTexts,
} from '../helpers/boardContent';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { startChildServer } from '../helpers/childServer';
import { startTestServer, type CreatedBoard } from '../helpers/server';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-persist-'));

function rowCount(dataDir: string, doc: string): number {
  const db = new Database(path.join(dataDir, 'talkoot.db'), { readonly: true });
  try {
    return (
      db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?').get(doc) as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

describe('persistence', () => {
  it('keeps every edit and the board across a clean restart on the same data directory', async () => {
    const dataDir = tmp();
    let server = await startTestServer({ dataDir });
    const board = await server.board('Mobility');
    const a = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    await synced(a.provider);
    addNotes(
      a.doc,
      Array.from({ length: 50 }, (_, i) => String(i)),
    );
    await waitFor(() => noteCount(server.app.rooms.peek(board.id)?.board.doc) === 50);
    await destroyAll(a.provider);
    await server.close();

    server = await startTestServer({ dataDir });
    const b = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    await synced(b.provider);
    expect(
      noteTexts(b.doc)
        .map(Number)
        .sort((x, y) => x - y),
    ).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(boardJson(b.doc)).toBe(boardJson(a.doc));
    const res = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: { Authorization: `Bearer ${board.tokens.viewer}` },
    });
    expect(((await res.json()) as { title: string }).title).toBe('Mobility');
    await destroyAll(b.provider);
    await server.close();
  });

  it('after kill -9 every update a client saw relayed is still there', async () => {
    const dataDir = tmp();
    const adminToken = 'admin-token-for-kill-test-0123456789';
    const env = { PORT: '0', DATA_DIR: dataDir, TALKOOT_ADMIN_TOKEN: adminToken };
    const first = await startChildServer(env);
    const api = (url: string, p: string, body: unknown) =>
      fetch(url + p, {
        method: 'POST',
        headers: { Authorization: `Bearer ${adminToken}` },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const forum = (await api(first.url, '/api/forums', { title: 'F' })) as { id: string };
    const board = (await api(first.url, `/api/forums/${forum.id}/boards`, {
      title: 'B',
    })) as CreatedBoard;
    const syncUrl = first.url.replace('http', 'ws') + '/sync';

    const writer = connectProvider(syncUrl, board.id, board.tokens.participant);
    const observer = connectProvider(syncUrl, board.id, board.tokens.viewer);
    await Promise.all([synced(writer.provider), synced(observer.provider)]);
    const seen: string[] = [];
    const observed = boardRoots(observer.doc).notes;
    observed.observe((e) => {
      e.changes.keys.forEach((change, id) => {
        if (change.action === 'add') seen.push(String(observed.get(id)?.get('text')));
      });
    });
    // Write continuously and kill the server in the middle of it.
    let n = 0;
    const writing = setInterval(() => {
      for (let k = 0; k < 5; k++) {
        const i = n++;
        addNote(writer.doc, String(i), i);
      }
    }, 2);
    await waitFor(() => seen.length >= 300, 15_000, 'observer sees 300 edits');
    first.process.kill('SIGKILL');
    await first.exited;
    clearInterval(writing);
    const seenAtKill = [...seen];
    await destroyAll(writer.provider, observer.provider);

    const second = await startChildServer(env);
    const reader = connectProvider(
      second.url.replace('http', 'ws') + '/sync',
      board.id,
      board.tokens.viewer,
    );
    await synced(reader.provider);
    const stored = new Set(noteTexts(reader.doc));
    const lost = seenAtKill.filter((v) => !stored.has(v));
    console.log(
      `kill -9: observer saw ${seenAtKill.length} relayed edits; ${lost.length} lost after restart`,
    );
    expect(lost).toEqual([]);
    await destroyAll(reader.provider);
    second.process.kill('SIGTERM');
    await second.exited;
  });

  it('compacts appended updates into one row without losing anything', async () => {
    const dataDir = tmp();
    const server = await startTestServer({
      dataDir,
      env: { COMPACT_EVERY: '50', ROOM_IDLE_MS: '50' },
    });
    const board = await server.board();
    const a = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    await synced(a.provider);
    addNotes(
      a.doc,
      Array.from({ length: 120 }, (_, i) => String(i)),
    );
    await waitFor(() => noteCount(server.app.rooms.peek(board.id)?.board.doc) === 120);
    await waitFor(() => rowCount(dataDir, board.id) < 60, 5000, 'background compaction');
    await destroyAll(a.provider);
    // Idle rooms unload after compacting into a single row.
    await waitFor(() => server.app.rooms.peek(board.id) === undefined, 5000, 'room unload');
    expect(rowCount(dataDir, board.id)).toBe(1);
    const b = connectProvider(server.syncUrl, board.id, board.tokens.viewer);
    await synced(b.provider);
    expect(noteCount(b.doc)).toBe(120);
    expect(boardJson(b.doc)).toBe(boardJson(a.doc));
    await destroyAll(b.provider);
    await server.close();
  });

  it('a clean shutdown compacts each board into one row that loads the same document', async () => {
    const dataDir = tmp();
    const server = await startTestServer({ dataDir, env: { COMPACT_EVERY: '100000' } });
    const board = await server.board();
    const a = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    await synced(a.provider);
    // One note whose text is edited 30 times: 31 updates, so 31 rows until compaction.
    const id = addNote(a.doc, '');
    let text = '';
    for (let i = 0; i < 30; i++) editNote(a.doc, id, (text = String(i % 10) + text));
    await waitFor(() => noteTexts(server.app.rooms.peek(board.id)?.board.doc).join() === text);
    await destroyAll(a.provider);
    expect(rowCount(dataDir, board.id)).toBeGreaterThan(1);
    await server.close();
    expect(rowCount(dataDir, board.id)).toBe(1);
    const again = await startTestServer({ dataDir });
    const b = connectProvider(again.syncUrl, board.id, board.tokens.viewer);
    await synced(b.provider);
    expect(noteTexts(b.doc)).toEqual([text]);
    expect(boardJson(b.doc)).toBe(boardJson(a.doc));
    await destroyAll(b.provider);
    await again.close();
  });
});
