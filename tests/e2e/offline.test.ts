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

const labels = async (page: Parameters<typeof canvasNotes>[0]) =>
  (await canvasNotes(page)).map((n) => n.label).sort();

describe('offline first', () => {
  it('edits made offline are kept, counted, and merge with the others’ when the network returns', async () => {
    const board = await e2e.server().board('Venue Wi-Fi');
    const aino = await e2e.person();
    const bengt = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await joinBoard(bengt.page, board.links.participant, 'Bengt');
    await addNoteViaToolbar(aino.page, 'Before the drop');
    await waitForSynced(aino.page);
    await expect.poll(() => labels(bengt.page)).toEqual(['Before the drop']);

    await aino.context.setOffline(true);
    const status = aino.page.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/^Offline/);

    await addNoteViaToolbar(aino.page, 'Written offline');
    await addNoteViaToolbar(aino.page, 'Also offline');
    await expect.poll(() => status.textContent()).toMatch(/Offline · [1-9]\d* changes? waiting/);
    await screenshot(aino.page, 'offline-status');

    // Meanwhile the rest of the table keeps working.
    await addNoteViaToolbar(bengt.page, 'Online meanwhile');
    await waitForSynced(bengt.page);
    expect(await labels(aino.page)).not.toContain('Online meanwhile');

    await aino.context.setOffline(false);
    await waitForSynced(aino.page, 20_000);
    const all = ['Also offline', 'Before the drop', 'Online meanwhile', 'Written offline'];
    await expect.poll(() => labels(aino.page)).toEqual(all);
    await expect.poll(() => labels(bengt.page)).toEqual(all);

    // The outline agrees with the canvas.
    await openOutline(bengt.page);
    for (const text of all) {
      await expect.poll(() => bengt.page.getByRole('listitem', { name: text }).count()).toBe(1);
    }
  });

  it('the board opens from the device’s own copy when the server cannot be reached', async () => {
    const board = await e2e.server().board('Reload');
    const aino = await e2e.person();
    // Sockets go through this switch: while `cutOff`, the page gets a socket nobody answers.
    let cutOff = false;
    await aino.context.routeWebSocket(/\/sync\//, (ws) => {
      if (!cutOff) ws.connectToServer();
    });
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await aino.context.setOffline(true);
    await expect.poll(() => aino.page.getByRole('status').textContent()).toMatch(/^Offline/);
    await addNoteViaToolbar(aino.page, 'Kept on the device');
    // IndexedDB writes are asynchronous; give them a moment before reloading.
    await aino.page.waitForTimeout(500);

    // Reload with the page reachable but the sync server not: the note must come from IndexedDB.
    cutOff = true;
    await aino.context.setOffline(false);
    await aino.page.reload();
    await expect.poll(() => labels(aino.page)).toEqual(['Kept on the device']);
    expect(await aino.page.getByRole('status').textContent()).not.toMatch(/^Synced/);

    // Back in touch with the server: the note reaches everyone.
    cutOff = false;
    await aino.page.reload();
    await waitForSynced(aino.page);
    const bengt = await e2e.person();
    await joinBoard(bengt.page, board.links.participant, 'Bengt');
    await expect.poll(() => labels(bengt.page)).toEqual(['Kept on the device']);
  });
});
