import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinResult } from '../../shared/api';
import { createBoardCommands } from '../../shared/board/commands';
import { readBoard } from '../../shared/board/read';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { controlRoomName, readLog } from '../../shared/control/controlDoc';
import { apiCall } from '../helpers/api';
import { connectProvider, destroyAll, rawClient, synced, waitFor } from '../helpers/clients';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const command = (board: CreatedBoard, body: unknown) =>
  apiCall(server.url, 'POST', `/api/boards/${board.id}/commands`, board.tokens.facilitator, body);

const join = async (board: CreatedBoard, token: string, name: string) =>
  (await apiCall<JoinResult>(server.url, 'POST', `/api/boards/${board.id}/join`, token, { name }))
    .body;

const serverNotes = (board: CreatedBoard) =>
  readBoard(server.app.rooms.peek(board.id)!.board.doc).notes;

const note = (text: string, x = 0, y = 0) => ({
  text,
  x,
  y,
  authorId: null,
  authorName: null,
  lang: 'en' as const,
});

describe('private writing', () => {
  it("keeps each participant's notes on their own device until Share reveals them all at once", async () => {
    const board = await server.board();
    await command(board, { type: 'setPhase', phase: 'write' });
    const aino = await join(board, board.tokens.participant, 'Aino');
    const bo = await join(board, board.tokens.participant, 'Bo');

    const ainoPrivate = connectProvider(server.syncUrl, `${board.id}/private`, aino.token);
    const boBoard = connectProvider(server.syncUrl, board.id, bo.token);
    const boPrivate = connectProvider(server.syncUrl, `${board.id}/private`, bo.token);
    // Everything Bo's devices receive, byte by byte.
    const boRaw = rawClient(`${server.syncUrl}/${board.id}?token=${bo.token}`);
    const boRawPrivate = rawClient(`${server.syncUrl}/${board.id}/private?token=${bo.token}`);
    await Promise.all([
      synced(ainoPrivate.provider),
      synced(boBoard.provider),
      synced(boPrivate.provider),
    ]);

    const secret = 'Ainos-secret-idea-7f3a';
    createBoardCommands(ainoPrivate.doc, {}).addNote({
      ...note(secret),
      authorId: aino.personId,
      authorName: 'Aino',
    });
    await waitFor(
      () =>
        readBoard(server.app.rooms.peek(board.id)!.privateDocs.get(aino.personId)!.doc).notes
          .length === 1,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(readBoard(boBoard.doc).notes).toEqual([]);
    expect(readBoard(boPrivate.doc).notes).toEqual([]);
    const received = [...boRaw.messages, ...boRawPrivate.messages].map((m) => Buffer.from(m));
    expect(received.some((m) => m.includes(secret))).toBe(false);

    // A reconnect from another device with the same personal link finds the notes again.
    const ainoElsewhere = connectProvider(server.syncUrl, `${board.id}/private`, aino.token);
    await synced(ainoElsewhere.provider);
    expect(readBoard(ainoElsewhere.doc).notes.map((n) => n.text)).toEqual([secret]);

    // A role link (no person) cannot open private notes at all.
    const anonymous = rawClient(
      `${server.syncUrl}/${board.id}/private?token=${board.tokens.participant}`,
    );
    expect((await anonymous.closed).code).toBe(CloseCode.Forbidden);

    expect((await command(board, { type: 'setPhase', phase: 'share' })).status).toBe(200);
    await waitFor(
      () => readBoard(boBoard.doc).notes.length === 1,
      5000,
      'revealed note reaches Bo',
    );
    expect(readBoard(boBoard.doc).notes[0]).toMatchObject({ text: secret, authorName: 'Aino' });
    await waitFor(() => readBoard(ainoPrivate.doc).notes.length === 0, 5000, 'private doc emptied');

    // After the writing phase, private documents are read-only.
    createBoardCommands(ainoPrivate.doc, {}).addNote(note('too late'));
    await new Promise((r) => setTimeout(r, 200));
    expect(
      readBoard(server.app.rooms.peek(board.id)!.privateDocs.get(aino.personId)!.doc).notes,
    ).toEqual([]);
    boRaw.ws.close();
    boRawPrivate.ws.close();
    await destroyAll(
      ainoPrivate.provider,
      boBoard.provider,
      boPrivate.provider,
      ainoElsewhere.provider,
    );
  });
});

describe('phase and lock rules', () => {
  it('undo a participant adding a note while voting, for every device, and let the facilitator act', async () => {
    const board = await server.board();
    const participant = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    const facilitator = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(participant.provider), synced(facilitator.provider)]);
    createBoardCommands(participant.doc, {}).addNote(note('before voting'));
    await waitFor(() => readBoard(facilitator.doc).notes.length === 1);

    await command(board, { type: 'setPhase', phase: 'vote' });
    createBoardCommands(participant.doc, {}).addNote(note('sneaky', 300));
    await waitFor(() => server.app.rooms.peek(board.id)!.revertedByRules === 1, 5000, 'revert');
    await waitFor(() => readBoard(participant.doc).notes.length === 1, 5000, 'sender converges');
    expect(readBoard(facilitator.doc).notes.map((n) => n.text)).toEqual(['before voting']);
    expect(serverNotes(board).map((n) => n.text)).toEqual(['before voting']);

    createBoardCommands(facilitator.doc, {}).addNote(note('facilitator may', 600));
    await waitFor(() => readBoard(participant.doc).notes.length === 2, 5000, 'facilitator edit');

    await command(board, { type: 'setPhase', phase: 'cluster' });
    createBoardCommands(participant.doc, {}).addNote(note('allowed again', 900));
    await waitFor(
      () => readBoard(facilitator.doc).notes.length === 3,
      5000,
      'participant edit after',
    );
    await destroyAll(participant.provider, facilitator.provider);
  });

  it('protect a locked cluster and its notes from participants while the rest of the board stays open', async () => {
    const board = await server.board();
    const participant = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    const facilitator = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(participant.provider), synced(facilitator.provider)]);
    const f = createBoardCommands(facilitator.doc, {});
    const locked = f.addCluster({ title: 'Locked', x: 0, y: 0, width: 600, height: 400 });
    const open = f.addCluster({ title: 'Open', x: 1000, y: 0, width: 600, height: 400 });
    const inLocked = f.addNote({ ...note('in locked', 50, 60), clusterId: locked });
    const loose = f.addNote(note('loose', 2000, 2000));
    await waitFor(
      () =>
        readBoard(participant.doc).notes.length === 2 &&
        readBoard(participant.doc).clusters.length === 2,
    );
    await command(board, { type: 'lockCluster', clusterId: locked, locked: true });
    const room = server.app.rooms.peek(board.id)!;

    const p = createBoardCommands(participant.doc, {});
    p.updateNoteText(inLocked, 'changed');
    p.renameCluster(locked, 'renamed');
    p.moveNotes([{ id: loose, x: 100, y: 100 }]); // into the locked cluster
    p.addNote({ ...note('new in locked'), clusterId: locked });
    await waitFor(() => room.revertedByRules === 4, 5000, 'four reverts');
    const expectUnchanged = (doc: typeof participant.doc) => {
      const b = readBoard(doc);
      expect(b.notes.find((n) => n.id === inLocked)?.text).toBe('in locked');
      expect(b.clusters.find((c) => c.id === locked)?.title).toBe('Locked');
      expect(b.notes.find((n) => n.id === loose)?.clusterId).toBeNull();
      expect(b.notes.length).toBe(2);
    };
    await waitFor(() => readBoard(participant.doc).notes.length === 2);
    expectUnchanged(participant.doc);
    expectUnchanged(facilitator.doc);
    expectUnchanged(room.board.doc);

    p.renameCluster(open, 'Open and renamed');
    await waitFor(() =>
      readBoard(facilitator.doc).clusters.some((c) => c.title === 'Open and renamed'),
    );
    f.renameCluster(locked, 'Facilitator renamed');
    await waitFor(() =>
      readBoard(participant.doc).clusters.some((c) => c.title === 'Facilitator renamed'),
    );
    await destroyAll(participant.provider, facilitator.provider);
  });

  it('lock the whole board against participants', async () => {
    const board = await server.board();
    const participant = connectProvider(server.syncUrl, board.id, board.tokens.participant);
    await synced(participant.provider);
    await command(board, { type: 'lockBoard', locked: true });
    createBoardCommands(participant.doc, {}).addNote(note('no'));
    await waitFor(() => server.app.rooms.peek(board.id)!.revertedByRules === 1);
    await waitFor(() => readBoard(participant.doc).notes.length === 0);
    await command(board, { type: 'lockBoard', locked: false });
    createBoardCommands(participant.doc, {}).addNote(note('yes'));
    await waitFor(() => serverNotes(board).length === 1);
    await destroyAll(participant.provider);
  });
});

describe('the facilitator log', () => {
  it("records a facilitator deleting someone else's note and merging clusters, not a participant's edits", async () => {
    const board = await server.board();
    const fanni = await join(board, board.tokens.facilitator, 'Fanni');
    const facilitator = connectProvider(server.syncUrl, board.id, fanni.token);
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
    const p = createBoardCommands(participant.doc, {});
    const f = createBoardCommands(facilitator.doc, {});
    const theirs = p.addNote({
      ...note('someone else wrote this'),
      authorId: 'someone',
      authorName: 'Someone',
    });
    const own = f.addNote({
      ...note('my own', 500),
      authorId: fanni.personId,
      authorName: 'Fanni',
    });
    const a = f.addCluster({ title: 'Transport', x: 0, y: 1000, width: 600, height: 400 });
    const b = f.addCluster({ title: 'Mobility', x: 1000, y: 1000, width: 600, height: 400 });
    f.addNote({ ...note('in b', 1050, 1060), clusterId: b });
    p.addNote({ ...note('participant scratch', 3000) });
    await waitFor(() => readBoard(facilitator.doc).notes.length === 4);
    const scratch = readBoard(participant.doc).notes.find(
      (n) => n.text === 'participant scratch',
    )!.id;
    p.deleteNotes([scratch]);
    f.deleteNotes([theirs]);
    f.deleteNotes([own]);
    f.mergeClusters(a, b);
    await waitFor(() => readLog(control.doc).length >= 2, 5000, 'log entries');
    await new Promise((r) => setTimeout(r, 200));
    expect(
      readLog(control.doc).map(({ actor, action, detail }) => ({ actor, action, detail })),
    ).toEqual([
      { actor: 'Fanni', action: 'deleteNote', detail: { text: 'someone else wrote this' } },
      { actor: 'Fanni', action: 'mergeClusters', detail: { from: 'Mobility', into: 'Transport' } },
    ]);
    await destroyAll(facilitator.provider, participant.provider, control.provider);
  });
});
