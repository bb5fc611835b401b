import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/closeCodes';
import {
  ControlKey,
  controlMap,
  controlRoomName,
  readControl,
} from '../../shared/control/controlDoc';
import {
  addNote,
  boardJson,
  commandsOf,
  editNote,
  hasNote,
  noteCount,
  noteTexts,
} from '../helpers/boardContent';
import {
  boardUrl,
  connectProvider,
  destroyAll,
  rawClient,
  step1Message,
  synced,
  updateMessage,
  waitFor,
} from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

function serverDoc(boardId: string): Y.Doc {
  const room = server.app.rooms.peek(boardId);
  if (!room) throw new Error('room not loaded');
  return room.board.doc;
}

describe('the relay', () => {
  it('ten clients editing at once converge to the same document', async () => {
    const board = await server.board();
    const clients = Array.from({ length: 10 }, () =>
      connectProvider(server.syncUrl, board.id, board.tokens.participant),
    );
    await Promise.all(clients.map((c) => synced(c.provider)));
    clients.forEach((c, i) => {
      const ids = Array.from({ length: 20 }, (_, k) => addNote(c.doc, `c${i}-${k}`, i * 20 + k));
      editNote(c.doc, ids[0]!, `c${i}-edited`);
    });
    await waitFor(
      () => clients.every((c) => noteCount(c.doc) === 200),
      15_000,
      'all 200 notes everywhere',
    );
    await waitFor(
      () =>
        clients.every((c) => noteTexts(c.doc).filter((t) => t.endsWith('-edited')).length === 10),
      5000,
      'every edit everywhere',
    );
    const reference = boardJson(clients[0]!.doc);
    for (const c of clients) expect(boardJson(c.doc)).toBe(reference);
    expect(boardJson(serverDoc(board.id))).toBe(reference);
    expect(noteCount(serverDoc(board.id))).toBe(200);
    await destroyAll(...clients.map((c) => c.provider));
  });

  it("a viewer's update is dropped and the document stays byte-for-byte unchanged", async () => {
    const board = await server.board();
    const writer = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    await synced(writer.provider);
    const a = addNote(writer.doc, 'from participant');
    const viewer = connectProvider(server.syncUrl, board.id, board.tokens.viewer);
    await synced(viewer.provider);
    await waitFor(() => hasNote(viewer.doc, 'from participant'), 5000, 'viewer receives');
    await new Promise((r) => setTimeout(r, 100));
    const before = Y.encodeStateAsUpdate(serverDoc(board.id));

    addNote(viewer.doc, 'from viewer');
    commandsOf(viewer.doc).deleteNotes([a]);
    // A hand-made update sent straight over a viewer socket is dropped too.
    const raw = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.viewer));
    await raw.opened;
    const forged = new Y.Doc();
    addNote(forged, 'forged');
    raw.send(updateMessage(Y.encodeStateAsUpdate(forged)));
    await new Promise((r) => setTimeout(r, 300));

    expect(Buffer.from(Y.encodeStateAsUpdate(serverDoc(board.id)))).toEqual(Buffer.from(before));
    expect(noteTexts(writer.doc)).toEqual(['from participant']);
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    // Viewers still receive what writers write.
    addNote(writer.doc, 'later');
    await waitFor(() => hasNote(viewer.doc, 'later'), 5000, 'viewer receives later');
    raw.ws.close();
    await destroyAll(writer.provider, viewer.provider);
  });

  it('a frozen board accepts writes from no one, and accepts them again once unfrozen', async () => {
    const board = await server.board();
    const facilitator = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
    const participant = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    const control = connectProvider(
      server.syncUrl,
      controlRoomName(board.id),
      board.tokens.participant,
    );
    await Promise.all([
      synced(facilitator.provider),
      synced(participant.provider),
      synced(control.provider),
    ]);
    addNote(participant.doc, 'before');
    await waitFor(() => hasNote(facilitator.doc, 'before'), 5000, 'initial write');

    const command = (token: string, type: string) =>
      fetch(`${server.url}/api/boards/${board.id}/commands`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type }),
      });
    expect((await command(board.tokens.participant, 'freeze')).status).toBe(403);
    const res = await command(board.tokens.facilitator, 'freeze');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { control: { frozen: boolean } }).control.frozen).toBe(true);
    await waitFor(() => readControl(control.doc).frozen, 5000, 'control doc shows frozen');

    const before = Y.encodeStateAsUpdate(serverDoc(board.id));
    addNote(participant.doc, 'during (participant)');
    addNote(facilitator.doc, 'during (facilitator)');
    await new Promise((r) => setTimeout(r, 300));
    expect(Buffer.from(Y.encodeStateAsUpdate(serverDoc(board.id)))).toEqual(Buffer.from(before));
    expect(hasNote(facilitator.doc, 'during (participant)')).toBe(false);

    // Nobody can write the control document either.
    controlMap(control.doc).set(ControlKey.Frozen, false);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.app.rooms.peek(board.id)!.frozen).toBe(true);

    expect((await command(board.tokens.facilitator, 'unfreeze')).status).toBe(200);
    addNote(participant.doc, 'after');
    await waitFor(() => hasNote(facilitator.doc, 'after'), 5000, 'write after unfreeze');
    // What devices wrote while frozen was kept on them, like offline edits, and merges now.
    await waitFor(() => hasNote(facilitator.doc, 'during (participant)'), 5000, 'held edit');
    await destroyAll(facilitator.provider, participant.provider, control.provider);
  });

  it('refuses missing, forged, expired and other-board tokens with 4401 before sending any data', async () => {
    const board = await server.board();
    const other = await server.board();
    const { SignJWT } = await import('jose');
    const fs = await import('node:fs');
    const secret = fs.readFileSync(`${server.dataDir}/secret`, 'utf8').trim();
    const key = new TextEncoder().encode(secret);
    const expired = await new SignJWT({ role: 'participant', gen: 1, kind: 'board' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('talkoot')
      .setSubject(board.id)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 100)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(key);
    const forged = await new SignJWT({ role: 'facilitator', gen: 1, kind: 'board' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('talkoot')
      .setSubject(board.id)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(43)));
    const notABoardLink = await new SignJWT({ role: 'participant', gen: 1, kind: 'forum-entrance' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('talkoot')
      .setSubject(board.id)
      .setExpirationTime('1h')
      .sign(key);

    const cases: Array<[string, string | undefined, number]> = [
      ['missing', undefined, CloseCode.Unauthorized],
      ['garbage', 'not-a-token', CloseCode.Unauthorized],
      ['forged', forged, CloseCode.Unauthorized],
      ['expired', expired, CloseCode.Unauthorized],
      ['other board', other.tokens.facilitator, CloseCode.Unauthorized],
      ['not a board link', notABoardLink, CloseCode.Forbidden],
    ];
    for (const [name, token, expected] of cases) {
      const client = rawClient(boardUrl(server.syncUrl, board.id, token));
      client.ws.on('open', () => client.send(step1Message()));
      const closed = await client.closed;
      expect({ name, code: closed.code }).toEqual({ name, code: expected });
      expect({ name, messages: client.messages.length }).toEqual({ name, messages: 0 });
    }
    // A token of one board never opens another, even one that does not exist.
    const unknown = rawClient(boardUrl(server.syncUrl, 'no-such-board', board.tokens.participant));
    expect((await unknown.closed).code).toBe(CloseCode.Unauthorized);
    const badId = rawClient(boardUrl(server.syncUrl, 'bad%20id', board.tokens.participant));
    expect((await badId.closed).code).toBe(CloseCode.NotFound);
  });

  it('the standard provider works with nothing but the server URL, board id and token', async () => {
    const board = await server.board();
    const a = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    const b = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const id = addNote(a.doc, 'hello');
    await waitFor(() => hasNote(b.doc, 'hello'), 5000, 'note relayed');
    editNote(a.doc, id, 'hello, world');
    await waitFor(() => noteTexts(b.doc).join() === 'hello, world', 5000, 'edit relayed');
    await destroyAll(a.provider, b.provider);
  });
});
