import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoardCommands } from '../../shared/board/commands';
import { readBoard } from '../../shared/board/read';
import { controlRoomName, readControl, readLog } from '../../shared/control/controlDoc';
import { apiCall } from '../helpers/api';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

describe('outcomes through the control document', () => {
  it('names the published version to every device, and logs a restore with who did it', async () => {
    const board = await server.board();
    const control = connectProvider(server.syncUrl, controlRoomName(board.id), board.tokens.viewer);
    const writer = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(control.provider), synced(writer.provider)]);
    const post = (path: string) =>
      apiCall<Record<string, unknown>>(
        server.url,
        'POST',
        `/api/boards/${board.id}/${path}`,
        board.tokens.facilitator,
      );

    const snap = (await post('snapshots')).body as { id: string };
    createBoardCommands(writer.doc, {}).addNote({
      text: 'after the snapshot',
      x: 0,
      y: 0,
      authorId: null,
      authorName: null,
      lang: 'en',
    });
    await waitFor(() => readBoard(server.app.rooms.peek(board.id)!.board.doc).notes.length === 1);

    const frozen = await post('freeze');
    expect(frozen.status).toBe(201);
    await waitFor(() => readControl(control.doc).published !== null, 5000, 'published in control');
    expect(readControl(control.doc).published).toEqual({ version: 1, url: frozen.body.url });

    const refused = await post(`snapshots/${snap.id}/restore`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'frozen' } });

    await post('unfreeze');
    expect((await post(`snapshots/${snap.id}/restore`)).status).toBe(200);
    await waitFor(() => readBoard(writer.doc).notes.length === 0, 5000, 'restored');
    await waitFor(() => readLog(control.doc).some((e) => e.action === 'restoreSnapshot'));
    expect(readLog(control.doc).find((e) => e.action === 'restoreSnapshot')?.actor).toBe(
      'Facilitator',
    );
    await destroyAll(control.provider, writer.provider);
  });
});
