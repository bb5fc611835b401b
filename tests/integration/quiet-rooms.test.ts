import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from '../../shared/board/commands';
import { readBoard } from '../../shared/board/read';
import { controlRoomName, readLog } from '../../shared/control/controlDoc';
import { apiCall } from '../helpers/api';
import {
  connectProvider,
  destroyAll,
  rawClient,
  synced,
  updateMessage,
  waitFor,
} from '../helpers/clients';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';

// Rooms go quiet (free their Y.Doc, keep the encoded board) after 150 ms without a change.
const QUIET_MS = 150;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { ROOM_QUIET_MS: String(QUIET_MS) } });
});

afterAll(async () => {
  await server.close();
});

const note = (text: string, x = 0) => ({
  text,
  x,
  y: 0,
  authorId: null,
  authorName: null,
  lang: 'en' as const,
});

const room = (board: CreatedBoard) => server.app.rooms.peek(board.id)!;
const quiet = (board: CreatedBoard, what: string) =>
  waitFor(() => !room(board).board.hydrated, 5_000, what);
const texts = (doc: Y.Doc) =>
  readBoard(doc)
    .notes.map((n) => n.text)
    .sort();

describe('quiet rooms', () => {
  it('serve joins and reconnects from the encoded board, and wake for the first real change', async () => {
    const board = await server.board();
    const writer = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    await synced(writer.provider);
    const commands = createBoardCommands(writer.doc, {});
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(commands.addNote(note(`note ${i}`, i * 10)));
    commands.deleteNotes(ids.slice(0, 5)); // the board's delete set is not empty
    await waitFor(() => room(board).board.version >= 2, 5_000, 'edits stored');
    await quiet(board, 'room to go quiet');
    const hydrationsBefore = room(board).board.hydrations;

    // A newcomer (empty state) and a viewer get the whole board; a device that already has it
    // reconnects, answering the server's step 1 with its delete set: none of that wakes the room.
    const newcomer = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    const viewer = connectProvider(server.syncUrl, board.id, board.tokens.viewer);
    await Promise.all([synced(newcomer.provider), synced(viewer.provider)]);
    writer.provider.disconnect();
    writer.provider.connect();
    await synced(writer.provider);
    await new Promise((r) => setTimeout(r, 100));
    expect(texts(newcomer.doc)).toEqual(texts(writer.doc));
    expect(texts(viewer.doc)).toHaveLength(25);
    expect(room(board).board.hydrated).toBe(false);
    expect(room(board).board.hydrations).toBe(hydrationsBefore);

    // A device that was offline with its own edits brings them: the room wakes, stores them
    // and relays them to everyone.
    const offline = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    await synced(offline.provider);
    offline.provider.disconnect();
    createBoardCommands(offline.doc, {}).addNote(note('written offline'));
    await quiet(board, 'room to go quiet again');
    offline.provider.connect();
    await waitFor(() => texts(newcomer.doc).includes('written offline'), 5_000, 'offline edit');
    expect(room(board).board.hydrations).toBe(hydrationsBefore + 1);
    expect(texts(viewer.doc)).toContain('written offline');

    // A live edit after another quiet spell reaches everyone too, and all of it is durable.
    await quiet(board, 'quiet before a live edit');
    createBoardCommands(newcomer.doc, {}).addNote(note('after the nap'));
    await waitFor(() => texts(viewer.doc).includes('after the nap'), 5_000, 'live edit');
    await room(board).whenSaved();
    expect(texts(await readStored(board))).toEqual(texts(newcomer.doc));
    await destroyAll(writer.provider, newcomer.provider, viewer.provider, offline.provider);
  });

  it('enforce phase rules and log facilitator deletions after waking up', async () => {
    const board = await server.board();
    const participant = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    const facilitator = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(participant.provider), synced(facilitator.provider)]);
    const kept = createBoardCommands(participant.doc, {}).addNote({
      ...note('before voting'),
      authorId: 'p-aino',
      authorName: 'Aino',
    });
    await waitFor(() => texts(facilitator.doc).length === 1, 5_000, 'first note');
    // The phase changes while the board is quiet; the control document itself never goes quiet
    // (its listeners must keep seeing every command).
    await quiet(board, 'room to go quiet before the phase changes');
    expect(room(board).control.hydrated).toBe(true);
    const command = await apiCall(
      server.url,
      'POST',
      `/api/boards/${board.id}/commands`,
      board.tokens.facilitator,
      { type: 'setPhase', phase: 'vote' },
    );
    expect(command.status).toBe(200);
    expect(room(board).controlState().phase).toBe('vote');
    await quiet(board, 'room to go quiet in the vote phase');

    // Voting forbids new notes from participants: the guard comes back with the document.
    createBoardCommands(participant.doc, {}).addNote(note('sneaky', 300));
    await waitFor(() => room(board).revertedByRules === 1, 5_000, 'revert after waking');
    await waitFor(() => texts(participant.doc).length === 1, 5_000, 'sender converges');
    expect(texts(facilitator.doc)).toEqual(['before voting']);

    await quiet(board, 'quiet before the facilitator deletes');
    createBoardCommands(facilitator.doc, {}).deleteNotes([kept]);
    await waitFor(() => texts(participant.doc).length === 0, 5_000, 'deletion relayed');
    const control = connectProvider(
      server.syncUrl,
      controlRoomName(board.id),
      board.tokens.facilitator,
    );
    await synced(control.provider);
    await waitFor(
      () => readLog(control.doc).some((e) => e.action === 'deleteNote'),
      5_000,
      'deletion in the facilitator log',
    );
    await destroyAll(participant.provider, facilitator.provider, control.provider);
  });

  it('refuse a malformed update without waking or breaking the room', async () => {
    const board = await server.board();
    const writer = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    await synced(writer.provider);
    createBoardCommands(writer.doc, {}).addNote(note('still here'));
    await waitFor(() => room(board).board.version >= 1, 5_000, 'note stored');
    await quiet(board, 'room to go quiet');
    const bad = rawClient(`${server.syncUrl}/${board.id}?token=${board.tokens.participant}`);
    await bad.opened;
    bad.send(updateMessage(new Uint8Array([1, 200, 7, 7, 7])));
    expect((await bad.closed).code).toBe(4400);
    const late = connectProvider(server.syncUrl, board.id, board.tokens.viewer);
    await synced(late.provider);
    expect(texts(late.doc)).toEqual(['still here']);
    await destroyAll(writer.provider, late.provider);
  });
});

/** The board as the store holds it (every stored row), read without touching the room. */
async function readStored(board: CreatedBoard): Promise<Y.Doc> {
  const stored = await server.app.store.loadDoc(board.id);
  const doc = new Y.Doc();
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}
