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

describe('roles and links', () => {
  it('a viewer link opens read-only without questions and cannot change anything', async () => {
    const board = await e2e.server().board('Livestream');
    const aino = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await addNoteViaToolbar(aino.page, 'Visible to viewers');
    await waitForSynced(aino.page);

    const viewer = await e2e.person();
    const page = viewer.page;
    await page.goto(board.links.viewer);
    await expect
      .poll(async () => (await canvasNotes(page)).map((n) => n.label))
      .toEqual(['Visible to viewers']);
    expect(await page.getByRole('textbox', { name: 'Display name' }).count()).toBe(0);
    await expect.poll(() => page.getByText('View only.').count()).toBe(1);
    for (const name of ['Add note', 'Add cluster', 'Undo', 'Redo']) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }

    // Double-click, select + Delete, arrows: nothing changes.
    const [note] = await canvasNotes(page);
    if (!note) throw new Error('no note');
    await page.mouse.dblclick(note.x - 200, note.y + 40);
    await page.mouse.click(note.x + 40, note.y + 40);
    await page.keyboard.press('Delete');
    await page.keyboard.press('ArrowRight');
    await page.mouse.move(note.x + 40, note.y + 40);
    await page.mouse.down();
    await page.mouse.move(note.x + 300, note.y + 200, { steps: 5 });
    await page.mouse.up();
    expect(await page.getByRole('textbox', { name: 'Note text' }).count()).toBe(0);
    await screenshot(page, 'viewer-canvas');

    await openOutline(page);
    const item = page.getByRole('listitem', { name: 'Visible to viewers' });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getByRole('button').count()).toBe(0);
    await screenshot(page, 'viewer-outline');

    // The writer's board is unchanged, and the viewer never appeared in presence.
    await aino.page.waitForTimeout(500);
    const notes = await canvasNotes(aino.page);
    expect(notes.map((n) => n.label)).toEqual(['Visible to viewers']);
    expect(await aino.page.getByText(/other (person|people) here/).count()).toBe(0);
  });

  it('an invalid or expired link shows a clear page', async () => {
    const board = await e2e.server().board('Tokens');
    const { page } = await e2e.person();
    const forged = board.links.participant.replace(/#token=.*/, '#token=forged.token.value');
    await page.goto(forged);
    await page.getByRole('heading', { name: 'This link is invalid or has expired' }).waitFor();
    await screenshot(page, 'invalid-link');

    await page.goto(board.links.participant.replace(/#token=.*/, ''));
    await page.getByRole('heading', { name: 'This link is invalid or has expired' }).waitFor();

    const other = await e2e.server().board('Another board');
    await page.goto(
      board.links.participant.replace(/#token=.*/, `#token=${other.tokens.participant}`),
    );
    await page.getByRole('heading', { name: 'This link is invalid or has expired' }).waitFor();
  });

  it('a frozen board says so and stops editing', async () => {
    const server = e2e.server();
    const board = await server.board('Freeze');
    const aino = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await addNoteViaToolbar(aino.page, 'Final words');
    await waitForSynced(aino.page);

    const res = await fetch(`${server.url}/api/boards/${board.id}/commands`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${board.tokens.facilitator}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ type: 'freeze' }),
    });
    expect(res.status).toBe(200);

    await aino.page.getByText('This board is frozen.').waitFor();
    expect(await aino.page.getByRole('button', { name: 'Add note' }).isDisabled()).toBe(true);
    await screenshot(aino.page, 'frozen-board');
    await openOutline(aino.page);
    expect(
      await aino.page.getByRole('listitem', { name: 'Final words' }).getByRole('button').count(),
    ).toBe(0);
  });
});
