import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from '../../shared/board/commands';
import { readBoard } from '../../shared/board/read';
import type { RestoreResult, SnapshotInfo } from '../../shared/outcome/api';
import { apiCall } from '../helpers/api';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  // The tests run automatic rounds themselves with tick().
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const snapshotsPath = (board: CreatedBoard) => `/api/boards/${board.id}/snapshots`;
const list = async (board: CreatedBoard) =>
  (
    await apiCall<{ snapshots: SnapshotInfo[] }>(
      server.url,
      'GET',
      snapshotsPath(board),
      board.tokens.facilitator,
    )
  ).body.snapshots;
const take = (board: CreatedBoard, token: string | null = board.tokens.facilitator) =>
  apiCall<SnapshotInfo>(server.url, 'POST', snapshotsPath(board), token);
const restore = (
  board: CreatedBoard,
  id: string,
  token: string | null = board.tokens.facilitator,
) => apiCall<RestoreResult>(server.url, 'POST', `${snapshotsPath(board)}/${id}/restore`, token);

const content = (doc: Y.Doc) => JSON.stringify(readBoard(doc));
const note = { x: 0, y: 0, authorId: 'u1', authorName: 'Aino', lang: 'fi' } as const;

function serverDoc(boardId: string): Y.Doc {
  return server.app.rooms.peek(boardId)!.board.doc;
}

describe('snapshots and restore', () => {
  it('restores a live board to a snapshot: every connected client converges, and it can be undone', async () => {
    const board = await server.board();
    const a = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    const b = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
    const viewer = connectProvider(server.syncUrl, board.id, board.tokens.viewer);
    await Promise.all([synced(a.provider), synced(b.provider), synced(viewer.provider)]);
    const cmd = createBoardCommands(a.doc, { user: 'a' });
    const cluster = cmd.addCluster({ title: 'Luottamus', x: 0, y: 0 });
    const kept = cmd.addNote({ ...note, text: 'Avoimuus', clusterId: cluster });
    const gone = cmd.addNote({ ...note, text: 'Poistetaan', x: 900 });
    await waitFor(() => content(viewer.doc) === content(a.doc), 5000, 'first content everywhere');
    const saved = content(a.doc);

    const snap = await take(board);
    expect(snap.status).toBe(201);
    expect(snap.body).toMatchObject({ reason: 'manual', size: expect.any(Number) });

    cmd.updateNoteText(kept, 'Muutettu');
    cmd.deleteNotes([gone]);
    cmd.renameCluster(cluster, 'Uusi nimi');
    createBoardCommands(b.doc, { user: 'b' }).addNote({
      ...note,
      text: 'Facilitator later',
      x: 2000,
    });
    const settled = () => {
      const server = content(serverDoc(board.id));
      return (
        server.includes('Facilitator later') &&
        !server.includes('Poistetaan') &&
        [a, b, viewer].every((c) => content(c.doc) === server)
      );
    };
    await waitFor(settled, 5000, 'changes everywhere');
    const changed = content(serverDoc(board.id));
    expect(changed).not.toBe(saved);

    const r = await restore(board, snap.body.id);
    expect(r.status).toBe(200);
    expect(r.body.restored.id).toBe(snap.body.id);
    expect(r.body.undo.reason).toBe('before restore');
    for (const client of [a, b, viewer]) {
      await waitFor(() => content(client.doc) === saved, 5000, 'clients converge to the snapshot');
    }
    expect(content(serverDoc(board.id))).toBe(saved);

    // Nothing is deleted: every snapshot is still listed, newest first.
    expect((await list(board)).map((s) => s.reason)).toEqual(['before restore', 'manual']);

    // Restoring the "before restore" snapshot undoes the restore.
    expect((await restore(board, r.body.undo.id)).status).toBe(200);
    for (const client of [a, b, viewer]) {
      await waitFor(() => content(client.doc) === changed, 5000, 'clients converge to the undo');
    }
    // Clients keep editing normally afterwards.
    cmd.addNote({ ...note, text: 'After restore', x: 3000 });
    await waitFor(() => content(b.doc) === content(a.doc), 5000, 'edits still sync');
    expect(readBoard(b.doc).notes.some((n) => n.text === 'After restore')).toBe(true);
    await destroyAll(a.provider, b.provider, viewer.provider);
  });

  it('only a facilitator may list, take or restore snapshots', async () => {
    const board = await server.board();
    const other = await server.board();
    const { body: snap } = await take(board);
    for (const [token, status] of [
      [board.tokens.participant, 403],
      [board.tokens.viewer, 403],
      [null, 401],
      [other.tokens.facilitator, 401],
    ] as const) {
      const get = await apiCall(server.url, 'GET', snapshotsPath(board), token);
      expect({ token, status: get.status }).toEqual({ token, status });
      expect((await take(board, token)).status).toBe(status);
      expect((await restore(board, snap.id, token)).status).toBe(status);
    }
    expect((await list(board)).length).toBe(1);
    // Another board's snapshot is unknown here.
    const { body: foreign } = await take(other);
    expect((await restore(board, foreign.id)).status).toBe(404);
    expect((await restore(board, 'no-such-snapshot')).status).toBe(404);
  });

  it('refuses to restore a frozen board: its content is what was published', async () => {
    const board = await server.board();
    const { body: snap } = await take(board);
    await apiCall(server.url, 'POST', `/api/boards/${board.id}/freeze`, board.tokens.facilitator);
    const r = await restore(board, snap.id);
    expect(r.status).toBe(409);
    expect((await list(board)).length).toBe(1);
  });

  it('automatic rounds snapshot loaded boards that changed since their last snapshot, and only those', async () => {
    const board = await server.board();
    const quiet = await server.board();
    const a = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    const q = connectProvider(server.syncUrl, quiet.id, quiet.tokens.participant);
    await Promise.all([synced(a.provider), synced(q.provider)]);
    const cmd = createBoardCommands(a.doc, { user: 'a' });
    const id = cmd.addNote({ ...note, text: 'One' });
    await waitFor(() => serverDoc(board.id).getMap('notes').size === 1, 5000, 'note saved');

    const snapshots = server.app.outcomes.snapshots;
    await snapshots.tick();
    expect((await list(board)).map((s) => s.reason)).toEqual(['interval']);
    expect(await list(quiet)).toEqual([]); // empty and never snapshotted: nothing to keep
    await snapshots.tick();
    expect((await list(board)).length).toBe(1);

    // A delete changes no clock in the state vector; it still counts as a change.
    cmd.deleteNotes([id]);
    await waitFor(() => serverDoc(board.id).getMap('notes').size === 0, 5000, 'delete saved');
    await snapshots.tick();
    expect((await list(board)).length).toBe(2);
    await destroyAll(a.provider, q.provider);
  });

  it('takes a snapshot before every phase change', async () => {
    const board = await server.board();
    const command = (body: unknown) =>
      apiCall(
        server.url,
        'POST',
        `/api/boards/${board.id}/commands`,
        board.tokens.facilitator,
        body,
      );
    expect((await command({ type: 'setPhase', phase: 'write' })).status).toBe(200);
    expect((await command({ type: 'setPhase', phase: 'share' })).status).toBe(200);
    expect((await list(board)).map((s) => s.reason)).toEqual([
      'before phase change',
      'before phase change',
    ]);
  });

  it('takeSnapshot(boardId, reason) is exported for other features and refuses unknown boards', async () => {
    const board = await server.board();
    const info = await server.app.outcomes.snapshots.takeSnapshot(board.id, 'before vote reset');
    expect((await list(board))[0]).toEqual(info);
    await expect(server.app.outcomes.snapshots.takeSnapshot('nope', 'x')).rejects.toThrow(
      'No such board',
    );
  });
});
