import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTE_COLOR_NAMES } from '../../shared/board/note';
import { readBoard } from '../../shared/board/read';
import { addNote, boardJson, commandsOf, editNote } from '../helpers/boardContent';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { seededRandom, testSeed } from '../helpers/random';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

/** One random edit through the board's commands: what people do to notes and clusters. */
function randomEdit(doc: Y.Doc, rand: () => number, tag: string): void {
  const commands = commandsOf(doc);
  const { notes, clusters } = readBoard(doc);
  const pickOf = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const at = () => Math.floor(rand() * 3000);
  const pick = rand();
  if (pick < 0.3 || notes.length === 0) {
    addNote(doc, tag, Math.floor(rand() * 500));
  } else if (pick < 0.55) {
    const note = pickOf(notes);
    // Insert the tag somewhere in the text, or start over once it grows long.
    const cut = Math.floor(rand() * (note.text.length + 1));
    const text =
      note.text.length > 200 ? tag : note.text.slice(0, cut) + tag + note.text.slice(cut);
    editNote(doc, note.id, text);
  } else if (pick < 0.68) {
    commands.moveNotes([{ id: pickOf(notes).id, x: at(), y: at() }]);
  } else if (pick < 0.75) {
    commands.recolorNote(pickOf(notes).id, pickOf(NOTE_COLOR_NAMES));
  } else if (pick < 0.85) {
    commands.deleteNotes([pickOf(notes).id]);
  } else if (pick < 0.92 || clusters.length === 0) {
    commands.addCluster({ title: tag, x: at(), y: at() });
  } else if (pick < 0.96) {
    commands.moveCluster(pickOf(clusters).id, Math.floor(rand() * 200) - 100, 50);
  } else if (rand() < 0.5) {
    commands.renameCluster(pickOf(clusters).id, tag);
  } else {
    commands.deleteCluster(pickOf(clusters).id);
  }
}

describe('seeded random edits', () => {
  it('five clients editing, disconnecting and reconnecting at random converge with the server', async () => {
    const seed = testSeed();
    console.log(`convergence seed: ${seed} (replay with TEST_SEED=${seed})`);
    const rand = seededRandom(seed);
    const board = await server.board();
    const clients = Array.from({ length: 5 }, () =>
      connectProvider(server.syncUrl, board.id, board.tokens.participant),
    );
    await Promise.all(clients.map((c) => synced(c.provider)));
    for (let round = 0; round < 40; round++) {
      for (const [i, c] of clients.entries()) {
        const edits = Math.floor(rand() * 4);
        for (let e = 0; e < edits; e++) randomEdit(c.doc, rand, `c${i}r${round}e${e};`);
        const toss = rand();
        if (toss < 0.08 && c.provider.wsconnected) c.provider.disconnect();
        else if (toss < 0.3 && !c.provider.shouldConnect) c.provider.connect();
      }
      await new Promise((r) => setTimeout(r, Math.floor(rand() * 15)));
    }
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
    await Promise.all(clients.map((c) => waitFor(() => c.provider.synced, 10_000, 'reconnect')));
    const room = server.app.rooms.peek(board.id)!;
    await waitFor(
      () => clients.every((c) => boardJson(c.doc) === boardJson(room.board.doc)),
      15_000,
      `convergence (seed ${seed})`,
    );
    expect(new Set(clients.map((c) => boardJson(c.doc))).size).toBe(1);
    expect(readBoard(room.board.doc).notes.length).toBeGreaterThan(0);
    // Everything they did is what a participant may do on a board with no phase set.
    expect(room.revertedByRules, 'honest edits the rules refused').toBe(0);
    await destroyAll(...clients.map((c) => c.provider));
  });
});
