import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { VotesView } from '../../shared/api';
import { apiCall } from '../helpers/api';
import { useE2E } from './support/fixture';
import { screenshot } from './support/browser';
import { addNoteViaToolbar, joinBoard, openOutline, waitForSynced } from './support/board';

const e2e = useE2E();

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The private-notes sockets a page opens, and how many of them are open now. */
function watchPrivateSockets(page: Page) {
  let opened = 0;
  let open = 0;
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/private')) return;
    opened += 1;
    open += 1;
    ws.on('close', () => {
      open -= 1;
    });
  });
  return { opened: () => opened, open: () => open };
}

async function phaseShown(page: Page, name: string): Promise<void> {
  await page
    .getByRole('region', { name: 'Workshop phase' })
    .getByText(name, { exact: true })
    .first()
    .waitFor();
}

describe('people and archived boards', () => {
  it('a facilitator sees who joined and removes a person: their dots are gone and their page stops', async () => {
    const server = e2e.server();
    const board = await server.board('Mobility table');
    const fac = (await e2e.person()).page;
    const aino = (await e2e.person()).page;
    const bo = (await e2e.person()).page;
    const ainoPrivate = watchPrivateSockets(aino);
    await joinBoard(fac, board.links.facilitator, 'Fanni');
    await joinBoard(aino, board.links.participant, 'Aino');
    await joinBoard(bo, board.links.participant, 'Bo');

    // Outside "write privately" no private-notes socket is opened (none to refuse and retry).
    await fac.waitForTimeout(500);
    expect(ainoPrivate.opened()).toBe(0);
    await fac.getByRole('button', { name: 'Write privately' }).click();
    await phaseShown(aino, 'Write privately');
    await expect.poll(() => ainoPrivate.open(), { timeout: 10_000 }).toBe(1);
    await aino.getByRole('button', { name: 'Add private note' }).click();
    const box = aino.getByRole('textbox', { name: 'Private note 1' });
    await box.fill('Bike lanes everywhere');
    await box.blur();
    await fac.getByRole('button', { name: 'Share', exact: true }).click();
    await phaseShown(aino, 'Share');
    // Closed once the phase has left private writing (after a short grace for the reveal).
    await expect.poll(() => ainoPrivate.open(), { timeout: 10_000 }).toBe(0);
    expect(ainoPrivate.opened()).toBe(1);

    // Everyone votes.
    await addNoteViaToolbar(fac, 'Night buses');
    await waitForSynced(fac);
    const r = await apiCall(
      server.url,
      'POST',
      `/api/boards/${board.id}/commands`,
      board.tokens.facilitator,
      {
        type: 'configureVoting',
        budget: 3,
        allowMultiple: false,
        hidden: false,
        allowRemote: false,
      },
    );
    expect(r.status).toBe(200);
    await fac.getByRole('button', { name: 'Vote', exact: true }).click();
    for (const page of [aino, bo]) {
      await phaseShown(page, 'Vote');
      await openOutline(page);
      await page.getByRole('button', { name: 'Add dot to “Night buses”' }).first().click();
      await page.getByText('2 of 3 dots left').first().waitFor();
    }
    const tally = async () =>
      (
        await apiCall<VotesView>(
          server.url,
          'GET',
          `/api/boards/${board.id}/votes`,
          board.tokens.facilitator,
        )
      ).body.tallies?.room ?? {};
    expect(Object.values(await tally())).toEqual([2]);

    // The People panel: who joined, their role and when.
    await fac.getByRole('button', { name: 'People', exact: true }).click();
    const list = fac.getByRole('list', { name: 'People who joined' });
    await list.waitFor();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(3);
    expect(await list.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^Fanni \(you\)\nFacilitator · joined/),
      expect.stringMatching(/^Aino\nParticipant · joined/),
      expect.stringMatching(/^Bo\nParticipant · joined/),
    ]);
    // Nobody removes themselves or another facilitator from here.
    expect(await fac.getByRole('button', { name: 'Remove Fanni' }).count()).toBe(0);
    expect(await seriousViolations(fac)).toEqual([]);
    await list.scrollIntoViewIfNeeded();
    await screenshot(fac, 'people-panel');

    // Remove Aino, after a confirmation.
    await fac.getByRole('button', { name: 'Remove Aino' }).click();
    const confirm = fac.getByRole('group', { name: /Remove Aino\?/ });
    await confirm.waitFor();
    expect(await seriousViolations(fac)).toEqual([]);
    await screenshot(fac, 'people-confirm');
    await confirm.getByRole('button', { name: 'Remove Aino' }).click();
    const sidebar = fac.getByRole('complementary', { name: 'Facilitation' });
    await sidebar.getByText('Aino was removed; 1 dot deleted.').waitFor();
    await list
      .getByRole('listitem')
      .filter({ hasText: 'Aino' })
      .getByText(/^removed /)
      .waitFor();
    expect(await fac.getByRole('button', { name: 'Remove Aino' }).count()).toBe(0);

    // Aino's page stops at once; a reload does not bring her back as someone new.
    await aino.getByRole('heading', { name: 'This link is invalid or has expired' }).waitFor();
    await aino.goto(board.links.participant);
    await aino.getByRole('heading', { name: 'This link is invalid or has expired' }).waitFor();
    expect(Object.values(await tally())).toEqual([1]);
    const people = await apiCall<{ people: unknown[] }>(
      server.url,
      'GET',
      `/api/boards/${board.id}/people`,
      board.tokens.facilitator,
    );
    expect(people.body.people).toHaveLength(3);

    // Bo carries on; the log says who removed whom.
    await waitForSynced(bo);
    await fac.getByRole('button', { name: 'Facilitator log' }).click();
    await fac.getByText('removed Aino from the board (1 dot deleted)').waitFor();

    // The same panel on a phone.
    const phone = (await e2e.person({ width: 390, height: 844 })).page;
    await joinBoard(phone, board.links.facilitator, 'Fanni on the phone');
    await phone.getByRole('button', { name: 'People', exact: true }).click();
    await phone.getByRole('button', { name: 'Remove Bo' }).waitFor();
    await phone.getByRole('button', { name: 'Remove Bo' }).scrollIntoViewIfNeeded();
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'people-panel-phone');
  });

  it('an archived board says so, offers no edit controls, and refuses what is sent anyway', async () => {
    const server = e2e.server();
    const board = await server.board('Last year');
    const fac = (await e2e.person()).page;
    await joinBoard(fac, board.links.facilitator, 'Fanni');
    await addNoteViaToolbar(fac, 'Kept for the record');
    await waitForSynced(fac);
    const archived = await apiCall(
      server.url,
      'PATCH',
      `/api/boards/${board.id}`,
      server.adminToken,
      {
        archived: true,
      },
    );
    expect(archived.status).toBe(200);

    const aino = (await e2e.person()).page;
    await aino.goto(board.links.participant);
    await aino.getByRole('textbox', { name: 'Display name' }).fill('Aino');
    await aino.getByRole('button', { name: 'Join' }).click();
    await aino.getByText('This board is archived.').waitFor();
    await openOutline(aino);
    await aino.getByRole('listitem', { name: 'Kept for the record' }).waitFor();
    expect(await aino.getByRole('button', { name: 'Add note' }).isDisabled()).toBe(true);
    expect(await seriousViolations(aino)).toEqual([]);
    await screenshot(aino, 'archived-board');

    await fac.reload();
    await fac.getByText('This board is archived.').waitFor();
    expect(await fac.getByRole('button', { name: 'Add note' }).isDisabled()).toBe(true);
    expect(await fac.getByRole('button', { name: 'Facilitator controls' }).count()).toBe(0);
    expect(await fac.getByRole('button', { name: 'Version history' }).count()).toBe(0);
    await fac.getByRole('button', { name: 'People', exact: true }).waitFor();

    const phone = (await e2e.person({ width: 390, height: 844 })).page;
    await phone.goto(board.links.viewer);
    await phone.getByText('This board is archived.').waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'archived-board-phone');

    // What a page would send anyway is refused by the server.
    const refused = await apiCall(
      server.url,
      'POST',
      `/api/boards/${board.id}/commands`,
      board.tokens.facilitator,
      {
        type: 'setPhase',
        phase: 'vote',
      },
    );
    expect([refused.status, (refused.body as { error: { code: string } }).error.code]).toEqual([
      409,
      'archived',
    ]);
  });
});
