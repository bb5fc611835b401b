import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../server/persistence/sqliteStore';
import { useE2E } from './support/fixture';
import { screenshot } from './support/browser';
import { addNoteViaToolbar, canvasNotes, joinBoard, waitForSynced } from './support/board';

const e2e = useE2E();

const labels = async (page: Parameters<typeof canvasNotes>[0]) =>
  (await canvasNotes(page)).map((n) => n.label).sort();

describe('disk full', () => {
  it('the status says "Not saved" while the server cannot store edits, keeps them, and says "Synced" once it can', async () => {
    const server = e2e.server();
    const sqlite = server.app.store as SqliteStore;
    const board = await server.board('Full disk');
    const aino = await e2e.person();
    const bengt = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await joinBoard(bengt.page, board.links.participant, 'Bengt');
    await addNoteViaToolbar(aino.page, 'Stored before');
    await waitForSynced(aino.page);

    sqlite.simulateDiskFullForTests(true);
    try {
      await addNoteViaToolbar(aino.page, 'Written while full');
      const status = aino.page.getByRole('status');
      await expect
        .poll(() => status.textContent(), { timeout: 20_000 })
        .toMatch(
          /^Not saved — the server cannot store edits right now · [1-9]\d* changes? waiting/,
        );
      await screenshot(aino.page, 'disk-full-status');
      // Aino still sees her note; Bengt is not sent what the server could not store.
      expect(await labels(aino.page)).toEqual(['Stored before', 'Written while full']);
      expect(await labels(bengt.page)).toEqual(['Stored before']);
      expect(await status.textContent()).not.toMatch(/Synced/);
    } finally {
      sqlite.simulateDiskFullForTests(false);
    }

    await waitForSynced(aino.page, 60_000);
    await expect
      .poll(() => labels(bengt.page), { timeout: 20_000 })
      .toEqual(['Stored before', 'Written while full']);
    await screenshot(aino.page, 'disk-full-recovered');
  });
});
