import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { MessageType } from '../../shared/protocol/messageTypes';
import {
  addNote,
  editNote,
  hasNote,
  noteCount,
  noteTexts,
  notesUpdate,
} from '../helpers/boardContent';
import {
  boardUrl,
  connectProvider,
  destroyAll,
  rawClient,
  synced,
  updateMessage,
  waitFor,
} from '../helpers/clients';
import { clientFrame, upgradeWithFrames } from '../helpers/rawUpgrade';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    configure: (config) => {
      config.limits.maxFrameBytes = 64 * 1024;
      config.limits.maxUpdateBytes = 64 * 1024;
      config.limits.maxConnectionsPerBoard = 6;
      config.limits.messagesPerSecond = 50;
      config.limits.messageBurst = 100;
    },
  });
});

afterAll(async () => {
  await server.close();
});

function awarenessMessage(
  entries: Array<{ clientId: number; clock: number; state: unknown }>,
): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MessageType.Awareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** Two honest clients that must keep working through whatever a bad one does. */
async function honestPair(boardId: string, token: string) {
  const a = connectProvider(server.syncUrl, boardId, token);
  const b = connectProvider(server.syncUrl, boardId, token);
  await Promise.all([synced(a.provider), synced(b.provider)]);
  let n = 0;
  const stillWorks = async () => {
    n += 1;
    addNote(a.doc, `check ${n}`);
    await waitFor(() => hasNote(b.doc, `check ${n}`), 5000, 'honest clients still sync');
  };
  return { a, b, stillWorks, destroy: () => destroyAll(a.provider, b.provider) };
}

describe('a bad client', () => {
  it('is closed with 4403 when it sets awareness for a client id another connection owns', async () => {
    const board = await server.board();
    const honest = await honestPair(board.id, board.tokens.participant);
    honest.a.provider.awareness.setLocalStateField('user', { name: 'Aino' });
    const victimId = honest.a.doc.clientID;
    await waitFor(
      () => honest.b.provider.awareness.getStates().get(victimId)?.user?.name === 'Aino',
      5000,
      'honest presence',
    );

    const spoofer = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await spoofer.opened;
    spoofer.send(
      awarenessMessage([{ clientId: victimId, clock: 999, state: { user: { name: 'Evil' } } }]),
    );
    expect((await spoofer.closed).code).toBe(CloseCode.Forbidden);
    // Removing someone else's state (null) is refused the same way.
    const remover = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await remover.opened;
    remover.send(awarenessMessage([{ clientId: victimId, clock: 1000, state: null }]));
    expect((await remover.closed).code).toBe(CloseCode.Forbidden);

    await new Promise((r) => setTimeout(r, 100));
    expect(honest.b.provider.awareness.getStates().get(victimId)?.user?.name).toBe('Aino');
    await honest.stillWorks();
    await honest.destroy();
  });

  it('may not claim more than a few awareness ids, and a flood of fake entries reaches no one', async () => {
    const board = await server.board();
    const honest = await honestPair(board.id, board.tokens.participant);
    const flooder = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await flooder.opened;
    // 10,000 fake entries in frames that fit the frame limit; the first frame already closes it.
    for (let chunk = 0; chunk < 10 && flooder.ws.readyState === flooder.ws.OPEN; chunk++) {
      const entries = Array.from({ length: 1000 }, (_, i) => ({
        clientId: 1_000_000 + chunk * 1000 + i,
        clock: 1,
        state: { x: i },
      }));
      flooder.send(awarenessMessage(entries));
    }
    expect((await flooder.closed).code).toBe(CloseCode.Forbidden);
    await new Promise((r) => setTimeout(r, 100));
    const seen = Array.from(honest.b.provider.awareness.getStates().keys());
    expect(seen.filter((id) => id >= 1_000_000 && id < 1_010_000)).toEqual([]);
    await honest.stillWorks();
    await honest.destroy();
  });

  it('is closed with 4413 for a frame over the limit, and nobody else notices', async () => {
    const board = await server.board();
    const honest = await honestPair(board.id, board.tokens.participant);
    const big = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await big.opened;
    // Valid board content (fifty-odd full notes), so the only thing wrong with it is its size.
    const update = notesUpdate('x'.repeat(100 * 1024));
    expect(update.byteLength).toBeGreaterThan(100 * 1024);
    big.send(updateMessage(update));
    expect((await big.closed).code).toBe(CloseCode.TooLarge);
    expect(noteCount(server.app.rooms.peek(board.id)!.board.doc)).toBe(0);
    await honest.stillWorks();
    await honest.destroy();
  });

  it('is closed with 4400 for garbage, truncated varints, unknown types, corrupt updates and text frames', async () => {
    const board = await server.board();
    const honest = await honestPair(board.id, board.tokens.participant);
    const validUpdate = notesUpdate('a valid note');
    const frames: Array<[string, Uint8Array | string]> = [
      ['empty frame', new Uint8Array([])],
      ['truncated varint', new Uint8Array([0x80])],
      ['unknown type', new Uint8Array([99, 1, 2, 3])],
      ['unknown sync step', new Uint8Array([0, 7, 0])],
      ['truncated update', updateMessage(validUpdate).slice(0, 6)],
      ['corrupt update', updateMessage(new Uint8Array([5, 200, 1, 2, 3, 4, 5, 6, 7, 8, 9]))],
      ['update length beyond frame', new Uint8Array([0, 2, 0xff, 0xff, 0x03, 1, 2])],
      ['bad state vector', new Uint8Array([0, 0, 3, 9, 9, 9])],
      ['awareness not json', new Uint8Array([1, 6, 1, 5, 1, 2, 0x7b, 0x7b])],
      ['text frame', 'hello'],
    ];
    for (const [name, frame] of frames) {
      const bad = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
      await bad.opened;
      bad.send(frame);
      const closed = await bad.closed;
      expect({ name, code: closed.code }).toEqual({ name, code: CloseCode.BadRequest });
    }
    await honest.stillWorks();
    await honest.destroy();
  });

  it('is closed with 4529 (transient) when it sends too many messages per second', async () => {
    const board = await server.board();
    const honest = await honestPair(board.id, board.tokens.participant);
    const flood = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await flood.opened;
    await waitFor(() => flood.messages.length > 0, 5000, 'the greeting');
    const query = new Uint8Array([MessageType.QueryAwareness]);
    for (let i = 0; i < 500; i++) flood.send(query);
    expect((await flood.closed).code).toBe(CloseCode.RateLimitedRetry);
    await honest.stillWorks();
    await honest.destroy();
  });

  it('past the per-board connection cap is refused with 4503 while the others carry on', async () => {
    const board = await server.board();
    const honest = await honestPair(board.id, board.tokens.participant);
    const extra = Array.from({ length: 4 }, () =>
      rawClient(boardUrl(server.syncUrl, board.id, board.tokens.viewer)),
    );
    await Promise.all(extra.map((c) => c.opened));
    await new Promise((r) => setTimeout(r, 200));
    const refused = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.viewer));
    expect((await refused.closed).code).toBe(CloseCode.Unavailable);
    await honest.stillWorks();
    for (const c of extra) c.ws.close();
    await honest.destroy();
  });

  it('with updates whose dependencies never arrive has none of them applied or held, stays open and is asked to resync', async () => {
    const board = await server.board();
    const honest = await honestPair(board.id, board.tokens.participant);
    const sender = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    await sender.opened;
    // The greeting starts with the server's own step 1; count what comes after it.
    await waitFor(() => answers(sender.messages).step1.length > 0, 5000, 'the greeting');
    await new Promise((r) => setTimeout(r, 50));
    const greeting = sender.messages.length;
    // A client whose first edit (adding a note) we never send: every later edit of that note's
    // text depends on it. Forty 1 KB edits, under the rate limit's burst.
    const origin = new Y.Doc();
    const id = addNote(origin, 'seed');
    for (let i = 0; i < 40; i++) {
      const before = Y.encodeStateVector(origin);
      editNote(origin, id, `edit ${i} ${'y'.repeat(1024)}`);
      sender.send(updateMessage(Y.encodeStateAsUpdate(origin, before)));
    }
    await waitFor(
      () => answers(sender.messages.slice(greeting)).step1.length > 0,
      5000,
      'a request to resync',
    );
    await new Promise((r) => setTimeout(r, 200));
    const room = server.app.rooms.peek(board.id)!;
    expect(room.board.doc.store.pendingStructs).toBeNull();
    expect(room.board.doc.store.pendingDs).toBeNull();
    expect(Y.getState(room.board.doc.store, origin.clientID)).toBe(0);
    expect(noteCount(room.board.doc)).toBe(0);
    expect(sender.ws.readyState).toBe(sender.ws.OPEN);
    // One "permission denied" and one request to resync for the whole run, not one per update.
    const answered = answers(sender.messages.slice(greeting));
    expect(answered.denied).toHaveLength(1);
    expect(answered.step1).toHaveLength(1);
    await honest.stillWorks();
    expect(noteTexts(honest.b.doc)).toEqual(['check 1']);

    // Answering the request as a provider does brings everything over in one complete update.
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, MessageType.Sync);
    syncProtocol.writeSyncStep2(step2, origin, answered.step1[0]!);
    sender.send(encoding.toUint8Array(step2));
    await waitFor(
      () => noteTexts(honest.b.doc).some((t) => t.startsWith('edit 39 ')),
      5000,
      'the resynced note reaches the others',
    );
    expect(room.board.doc.store.pendingStructs).toBeNull();
    expect(sender.ws.readyState).toBe(sender.ws.OPEN);
    sender.ws.close();
    await honest.destroy();
  });
});

/** The "permission denied" reasons and the sync step 1 state vectors among server messages. */
function answers(messages: Uint8Array[]): { denied: string[]; step1: Uint8Array[] } {
  const denied: string[] = [];
  const step1: Uint8Array[] = [];
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.Auth) {
      if (decoding.readVarUint(decoder) === authProtocol.messagePermissionDenied) {
        denied.push(decoding.readVarString(decoder));
      }
    } else if (type === MessageType.Sync) {
      if (decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1) {
        step1.push(decoding.readVarUint8Array(decoder));
      }
    }
  }
  return { denied, step1 };
}

describe('a client that sends before its connection is set up', () => {
  it('has its early messages handled in order, up to a cap (4508 past it)', async () => {
    const board = await server.board();
    const early = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.participant));
    early.ws.on('open', () => early.send(updateMessage(notesUpdate('early'))));
    await waitFor(() => noteTexts(server.app.rooms.peek(board.id)?.board.doc).includes('early'));
    early.ws.close();
    // Frames sent in the same packet as the handshake arrive before authentication ends.
    const frames = Array.from({ length: 90 }, () =>
      clientFrame(new Uint8Array([MessageType.QueryAwareness])),
    );
    const code = await upgradeWithFrames(
      boardUrl(server.syncUrl, board.id, board.tokens.participant),
      frames,
    );
    expect(code).toBe(CloseCode.NotReadyRetry);
    const few = await upgradeWithFrames(
      boardUrl(server.syncUrl, board.id, board.tokens.participant),
      frames.slice(0, 10),
    );
    expect(few).toBeNull();
  });
});

describe('awareness', () => {
  it('is relayed between participants and removed when one leaves', async () => {
    const board = await server.board();
    const a = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    const b = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Aino' });
    await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Aino',
    );
    a.provider.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 5000, 'removal');
    b.provider.destroy();
  });

  it('viewers send none and get none pushed, but can ask for it', async () => {
    const board = await server.board();
    const a = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    const v = connectProvider(server.syncUrl, board.id, board.tokens.viewer);
    await Promise.all([synced(a.provider), synced(v.provider)]);
    v.provider.awareness.setLocalStateField('user', { name: 'Viewer' });
    a.provider.awareness.setLocalStateField('user', { name: 'Aino' });
    await new Promise((r) => setTimeout(r, 200));
    expect(v.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
    expect(a.provider.awareness.getStates().has(v.doc.clientID)).toBe(false);
    const presence = server.app.rooms.peek(board.id)!.presence.awareness;
    expect(presence.getStates().has(v.doc.clientID)).toBe(false);

    const raw = rawClient(boardUrl(server.syncUrl, board.id, board.tokens.viewer));
    await raw.opened;
    raw.send(new Uint8Array([MessageType.QueryAwareness]));
    await waitFor(() => raw.messages.some((m) => m[0] === MessageType.Awareness), 5000, 'reply');
    const reply = raw.messages.find((m) => m[0] === MessageType.Awareness)!;
    const probe = new awarenessProtocol.Awareness(new Y.Doc());
    const decoderBytes = reply.slice(1);
    const { createDecoder, readVarUint8Array } = await import('lib0/decoding');
    awarenessProtocol.applyAwarenessUpdate(
      probe,
      readVarUint8Array(createDecoder(decoderBytes)),
      null,
    );
    expect(probe.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'Aino' } });
    raw.ws.close();
    await destroyAll(a.provider, v.provider);
  });
});
