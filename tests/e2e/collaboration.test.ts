import { describe, expect, it } from 'vitest';
import { useE2E } from './support/fixture';
import { screenshot } from './support/browser';
import {
  addNoteViaToolbar,
  canvasNotes,
  joinBoard,
  openOutline,
  waitForSynced,
} from './support/board';

const e2e = useE2E();

describe('two people on one board', () => {
  it('a note added in one browser appears in the other, on the canvas and in the outline', async () => {
    const board = await e2e.server().board('Mobility as a service');
    const aino = await e2e.person();
    const bengt = await e2e.person();
    await joinBoard(aino.page, board.links.facilitator, 'Aino');
    await joinBoard(bengt.page, board.links.participant, 'Bengt');

    await addNoteViaToolbar(aino.page, 'Shared bikes at every station');
    await waitForSynced(aino.page);

    await expect
      .poll(async () => (await canvasNotes(bengt.page)).map((n) => n.label))
      .toContain('Shared bikes at every station');
    // Bengt sees who is at the table (presence), and the note carries Aino as its author.
    await expect.poll(() => bengt.page.getByText(/1 other person here: Aino/).count()).toBe(1);

    await openOutline(bengt.page);
    const item = bengt.page.getByRole('listitem', { name: /Shared bikes at every station/ });
    await expect.poll(() => item.count()).toBe(1);
    await expect.poll(() => item.textContent()).toContain('Aino');

    // And back: Bengt edits the text in the outline, Aino sees it on her canvas.
    await item.getByRole('button', { name: /^Edit/ }).click();
    await bengt.page
      .getByRole('textbox', { name: 'Note text' })
      .fill('Shared bikes at every station, free for the first 30 min');
    await bengt.page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await canvasNotes(aino.page)).map((n) => n.label))
      .toContain('Shared bikes at every station, free for the first 30 min');

    await screenshot(aino.page, 'collab-canvas-aino');
    await screenshot(bengt.page, 'collab-outline-bengt');
  });

  it('undo takes back only your own change, never someone else’s', async () => {
    const board = await e2e.server().board('Undo');
    const aino = await e2e.person();
    const bengt = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await joinBoard(bengt.page, board.links.participant, 'Bengt');
    await addNoteViaToolbar(aino.page, 'Aino’s note');
    await waitForSynced(aino.page);
    await expect.poll(async () => (await canvasNotes(bengt.page)).length).toBe(1);
    await addNoteViaToolbar(bengt.page, 'Bengt’s note');
    await waitForSynced(bengt.page);
    await expect.poll(async () => (await canvasNotes(aino.page)).length).toBe(2);

    await aino.page.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(async () => (await canvasNotes(bengt.page)).map((n) => n.label))
      .toEqual(['Bengt’s note']);
    await aino.page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(async () => (await canvasNotes(bengt.page)).length).toBe(2);
  });
});
