import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('every way to freeze a board publishes it', () => {
  it('the freeze command, POST /freeze and the command route all publish the next version and log it', async () => {
    const board = await server.board();
    const control = connectProvider(server.syncUrl, controlRoomName(board.id), board.tokens.viewer);
    await synced(control.provider);
    const token = board.tokens.facilitator;
    const post = (path: string, body?: unknown) =>
      apiCall<Record<string, unknown>>(
        server.url,
        'POST',
        `/api/boards/${board.id}/${path}`,
        token,
        body,
      );
    const versions = async () =>
      (await server.app.store.listBoardOutcomes(board.id)).map((o) => o.version).sort();

    // The facilitation command itself (what any caller of Facilitation.command reaches).
    const state = await server.app.facilitation.command(board.id, token, { type: 'freeze' });
    expect(state.frozen).toBe(true);
    expect(await versions()).toEqual([1]);
    await waitFor(() => readControl(control.doc).published?.version === 1, 5000, 'version 1');

    await server.app.facilitation.command(board.id, token, { type: 'unfreeze' });
    const route = await post('freeze');
    expect(route.status).toBe(201);
    expect(await versions()).toEqual([1, 2]);

    await post('unfreeze');
    const command = await post('commands', { type: 'freeze' });
    expect(command.status).toBe(200);
    expect(command.body).toMatchObject({ control: { frozen: true }, outcome: { version: 3 } });
    expect(await versions()).toEqual([1, 2, 3]);

    await waitFor(
      () => readLog(control.doc).filter((e) => e.action === 'freeze').length === 3,
      5000,
      'three freezes logged',
    );
    const logged = readLog(control.doc)
      .filter((e) => e.action === 'freeze')
      .map((e) => e.detail.version);
    expect(logged).toEqual([1, 2, 3]);
    await destroyAll(control.provider);
  });
});
