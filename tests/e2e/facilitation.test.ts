import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { useE2E } from './support/fixture';
import { screenshot } from './support/browser';
import {
  canvasNotes,
  canvasViewport,
  joinBoard,
  openCanvas,
  openOutline,
  waitForSynced,
} from './support/board';

const e2e = useE2E();

/** The board point at the middle of this page's canvas: what the person is looking at. */
async function viewCenter(page: Page): Promise<{ x: number; y: number; scale: number }> {
  const box = await page.getByRole('application', { name: 'Board canvas' }).boundingBox();
  if (!box) throw new Error('no canvas');
  const vp = await canvasViewport(page);
  return {
    x: (box.width / 2 - vp.x) / vp.scale,
    y: (box.height / 2 - vp.y) / vp.scale,
    scale: (vp.scale * 1000) / box.width,
  };
}

/** Seconds left on the shared timer as this page shows it. */
async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.getByRole('timer').textContent()) ?? '';
  const [m, s] = text.split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

async function phaseShown(page: Page, name: string): Promise<void> {
  await page
    .getByRole('region', { name: 'Workshop phase' })
    .getByText(name, { exact: true })
    .first()
    .waitFor();
}

/** The notes ranking as this page shows it. */
async function noteRanking(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Notes by votes' });
  await table.waitFor();
  return table.getByRole('row').allInnerTexts();
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function writePrivately(page: Page, index: number, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Add private note' }).click();
  const box = page.getByRole('textbox', { name: `Private note ${index}` });
  await box.fill(text);
  await box.blur();
}

describe('facilitation', () => {
  it('a facilitator runs every phase with two participants: private writing, timer, lock, spotlight, follow, votes, log', async () => {
    const board = await e2e.server().board('Mobility table');
    const fac = (await e2e.person()).page;
    const aino = (await e2e.person()).page;
    const bo = (await e2e.person()).page;
    await joinBoard(fac, board.links.facilitator, 'Fanni');
    await joinBoard(aino, board.links.participant, 'Aino');
    await joinBoard(bo, board.links.participant, 'Bo');

    // Participants see the phase bar but none of the facilitator's controls.
    for (const name of ['Facilitator controls', 'Write privately', 'Freeze board', 'Follow me']) {
      expect(await aino.getByRole('button', { name }).count()).toBe(0);
    }
    await fac.getByRole('button', { name: 'Facilitator controls' }).waitFor();

    // Write privately: notes stay on their author's device.
    await fac.getByRole('button', { name: 'Write privately' }).click();
    await phaseShown(aino, 'Write privately');
    await phaseShown(bo, 'Write privately');
    expect(await aino.getByRole('button', { name: 'Add note' }).isDisabled()).toBe(true);
    await writePrivately(aino, 1, 'Shared bikes at every station');
    await writePrivately(bo, 1, 'One ticket for all transport');
    await writePrivately(bo, 2, 'Open timetable data');
    await aino.getByText('Only you can see these.', { exact: false }).waitFor();

    // The shared timer: every device shows the same remaining time.
    await fac.getByRole('button', { name: '5 min' }).click();
    for (const page of [fac, aino, bo]) await page.getByRole('timer').waitFor();
    const left = await Promise.all([fac, aino, bo].map(secondsLeft));
    expect(Math.max(...left) - Math.min(...left)).toBeLessThanOrEqual(1);
    expect(left[0]).toBeGreaterThan(290);
    await screenshot(aino, 'facilitation-write');
    expect(await seriousViolations(aino)).toEqual([]);
    await aino.waitForTimeout(300);
    expect((await canvasNotes(bo)).map((n) => n.label)).toEqual([]);
    expect((await canvasNotes(fac)).map((n) => n.label)).toEqual([]);

    // Share: every private note appears on every board at once.
    await fac.getByRole('button', { name: 'Share', exact: true }).click();
    for (const page of [fac, aino, bo]) {
      await expect
        .poll(async () => (await canvasNotes(page)).map((n) => n.label).sort(), { timeout: 10_000 })
        .toEqual([
          'One ticket for all transport',
          'Open timetable data',
          'Shared bikes at every station',
        ]);
    }
    expect(await aino.getByRole('button', { name: 'Add private note' }).count()).toBe(0);
    await screenshot(fac, 'facilitation-share');

    // Cluster: a participant groups two notes.
    await fac.getByRole('button', { name: 'Cluster', exact: true }).click();
    await phaseShown(aino, 'Cluster');
    await expect
      .poll(() => aino.getByRole('button', { name: 'Add cluster' }).isDisabled())
      .toBe(false);
    await aino.getByRole('button', { name: 'Add cluster' }).click();
    await aino.getByRole('textbox', { name: 'Cluster title' }).fill('Tickets');
    await aino.keyboard.press('Enter');
    await openOutline(aino);
    for (const text of ['One ticket for all transport', 'Open timetable data']) {
      const item = aino.getByRole('listitem', { name: text });
      await item.getByRole('combobox', { name: 'Cluster' }).selectOption({ label: 'Tickets' });
      await item.getByRole('button', { name: /^Move/ }).click();
    }
    await waitForSynced(aino);
    await openCanvas(aino);
    await screenshot(aino, 'facilitation-cluster');

    // Lock the cluster: the participant can no longer change it, on the canvas or in the outline.
    await openOutline(fac);
    await fac.getByRole('button', { name: 'Lock cluster Tickets' }).click();
    await openOutline(bo);
    await bo
      .getByRole('heading', { name: /Tickets/ })
      .getByText('Locked')
      .waitFor();
    const locked = bo.getByRole('listitem', { name: 'Open timetable data' });
    await locked.waitFor();
    expect(await locked.getByRole('button').count()).toBe(0);
    expect(
      await bo
        .getByRole('listitem', { name: 'Shared bikes at every station' })
        .getByRole('button', { name: /^Edit/ })
        .count(),
    ).toBe(1);
    await openCanvas(bo);
    const before = (await canvasNotes(bo)).find((n) => n.label === 'Open timetable data')!;
    await bo.mouse.move(before.x + 40, before.y + 40);
    await bo.mouse.down();
    await bo.mouse.move(before.x + 400, before.y + 300, { steps: 6 });
    await bo.mouse.up();
    await bo.getByText('Locked by the facilitator', { exact: false }).waitFor();
    await bo.waitForTimeout(300);
    const after = (await canvasNotes(bo)).find((n) => n.label === 'Open timetable data');
    expect(after?.x).toBe(before.x);
    expect(after?.clusterId).toBe(before.clusterId);
    await screenshot(bo, 'facilitation-locked');

    // Spotlight: everyone is shown the cluster.
    await fac.getByRole('button', { name: 'Spotlight Tickets' }).click();
    await aino.getByText('Spotlight: Tickets').waitFor();
    await openCanvas(fac);

    // Follow me: participants' views follow the facilitator's until they move their own.
    await fac.getByRole('button', { name: 'Follow me' }).click();
    await aino.getByText('Following the facilitator').waitFor();
    await fac.getByRole('button', { name: 'Zoom out' }).click();
    const canvas = fac.getByRole('application', { name: 'Board canvas' });
    await canvas.focus();
    await fac.keyboard.press('ArrowLeft');
    await fac.keyboard.press('ArrowLeft');
    const near = async (page: Page) => {
      const [a, b] = [await viewCenter(fac), await viewCenter(page)];
      return (
        Math.abs(a.x - b.x) < 2 && Math.abs(a.y - b.y) < 2 && Math.abs(a.scale - b.scale) < 0.01
      );
    };
    await expect.poll(() => near(aino), { timeout: 5000 }).toBe(true);
    await expect.poll(() => near(bo), { timeout: 5000 }).toBe(true);
    const box = await aino.getByRole('application', { name: 'Board canvas' }).boundingBox();
    await aino.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await aino.mouse.wheel(0, 40);
    await aino.getByRole('button', { name: 'Back to facilitator' }).waitFor();
    await fac.keyboard.press('ArrowUp');
    await expect.poll(() => near(bo), { timeout: 5000 }).toBe(true);
    expect(await near(aino)).toBe(false);
    await screenshot(aino, 'facilitation-follow');
    await aino.getByRole('button', { name: 'Back to facilitator' }).click();
    await expect.poll(() => near(aino), { timeout: 5000 }).toBe(true);
    await fac.getByRole('button', { name: 'Follow me' }).click();

    // Vote: budget 3, hidden until reveal; the server keeps count.
    const budget = fac.getByRole('spinbutton', { name: 'Dots per person' });
    await budget.fill('3');
    await fac.getByRole('button', { name: 'Save voting rules' }).click();
    await fac.getByRole('button', { name: 'Vote', exact: true }).click();
    await aino.getByText('3 of 3 dots left', { exact: true }).waitFor();
    const add = (page: Page, text: string) =>
      page
        .getByRole('button', { name: `Add dot to “${text}”` })
        .first()
        .click();
    await add(aino, 'One ticket for all transport');
    await aino.getByText('2 of 3 dots left', { exact: true }).waitFor();
    await add(aino, 'One ticket for all transport');
    await aino.getByText('1 of 3 dots left', { exact: true }).waitFor();
    await add(aino, 'Shared bikes at every station');
    await aino.getByText('0 of 3 dots left', { exact: true }).waitFor();
    expect(
      await aino
        .getByRole('button', { name: 'Add dot to “Open timetable data”' })
        .first()
        .isDisabled(),
    ).toBe(true);
    await add(bo, 'Open timetable data');
    await bo.getByText('2 of 3 dots left', { exact: true }).waitFor();
    await add(bo, 'One ticket for all transport');
    await bo.getByRole('button', { name: 'Remove dot from “Open timetable data”' }).first().click();
    await bo.getByText('2 of 3 dots left', { exact: true }).waitFor();
    await add(bo, 'Shared bikes at every station');
    await bo.getByText('1 of 3 dots left', { exact: true }).waitFor();
    // Hidden: participants get no results, the facilitator sees live tallies.
    await fac.getByText('Live tallies', { exact: false }).waitFor();
    expect(await aino.getByRole('table', { name: 'Notes by votes' }).count()).toBe(0);
    await screenshot(aino, 'facilitation-vote');
    await screenshot(fac, 'facilitation-vote-facilitator');
    expect(await seriousViolations(aino)).toEqual([]);
    expect(await seriousViolations(fac)).toEqual([]);

    // Reveal: the same ranking everywhere.
    await fac.getByRole('button', { name: 'Reveal votes' }).click();
    const expected = [
      'Rank\tNote\tVotes',
      '1\tOne ticket for all transport\t3',
      '2\tShared bikes at every station\t2',
    ];
    for (const page of [fac, aino, bo]) {
      await expect.poll(() => noteRanking(page), { timeout: 10_000 }).toEqual(expected);
    }
    await screenshot(bo, 'facilitation-results');

    // Draft and review.
    await fac.getByRole('button', { name: 'Draft proposals' }).click();
    await phaseShown(aino, 'Draft proposals');
    await screenshot(aino, 'facilitation-draft');
    await fac.getByRole('button', { name: 'Review', exact: true }).click();
    await phaseShown(bo, 'Review');
    await screenshot(bo, 'facilitation-review');

    // The log, in words, for everyone.
    await aino.getByRole('button', { name: 'Facilitator log' }).click();
    const log = aino.getByRole('list', { name: 'Facilitator log' });
    await log.getByText('changed the phase from Draft proposals to Review').waitFor();
    await log.getByText('locked cluster “Tickets”').waitFor();
    await log.getByText('revealed 3 private notes').waitFor();
    await screenshot(aino, 'facilitation-log');
    expect(await seriousViolations(aino)).toEqual([]);

    // Presentation mode on the big screen.
    await fac.getByRole('button', { name: 'Presentation mode' }).click();
    expect(await fac.getByRole('button', { name: 'Add note' }).count()).toBe(0);
    await screenshot(fac, 'facilitation-present');
  });

  it('a personal link continues on another device, and a viewer can join to vote when allowed', async () => {
    const server = e2e.server();
    const board = await server.board('Remote votes');
    const fac = (await e2e.person()).page;
    await joinBoard(fac, board.links.facilitator, 'Fanni');
    await fac.getByRole('button', { name: 'Add note' }).click();
    await fac.getByRole('textbox', { name: 'Note text' }).fill('Night buses');
    await fac.keyboard.press('Control+Enter');
    await waitForSynced(fac);
    await fac.getByRole('checkbox', { name: 'Allow remote attendees to vote' }).check();
    await fac.getByRole('button', { name: 'Save voting rules' }).click();
    await fac.getByRole('button', { name: 'Vote', exact: true }).click();

    const aino = (await e2e.person()).page;
    await joinBoard(aino, board.links.participant, 'Aino');
    await aino.getByRole('button', { name: 'Add dot to “Night buses”' }).click();
    await aino.getByText('4 of 5 dots left', { exact: true }).waitFor();
    await aino.getByRole('button', { name: 'Continue on another device' }).click();
    const link = await aino.getByRole('textbox', { name: 'Your personal link' }).inputValue();
    expect(link).toMatch(/#token=/);
    await screenshot(aino, 'facilitation-link');

    // The same person on a second device: no questions, same budget.
    const phone = (await e2e.person({ width: 390, height: 844 })).page;
    await phone.goto(link);
    await phone.getByText('4 of 5 dots left', { exact: true }).waitFor();
    expect(await phone.getByRole('textbox', { name: 'Display name' }).count()).toBe(0);

    // A remote attendee opens the viewer link without questions, then joins to vote.
    const remote = (await e2e.person()).page;
    await remote.goto(board.links.viewer);
    await remote.getByText('View only.').waitFor();
    await remote.getByRole('textbox', { name: 'Display name' }).fill('Rita');
    await remote.getByRole('button', { name: 'Join to vote' }).click();
    await remote.getByRole('button', { name: 'Add dot to “Night buses”' }).click();
    await remote.getByText('4 of 5 dots left', { exact: true }).waitFor();
    await fac.getByRole('button', { name: 'Reveal votes' }).click();
    const rows = fac.getByRole('table', { name: 'Notes by votes' }).getByRole('row');
    await expect
      .poll(() => rows.allInnerTexts())
      .toEqual(['Rank\tNote\tVotes\tRemote votes', '1\tNight buses\t1\t1']);
    await screenshot(remote, 'facilitation-remote-vote');

    // Freezing publishes the board: everyone sees it frozen, the facilitator gets the link.
    await fac.getByRole('button', { name: 'Freeze board' }).click();
    await aino.getByText('This board is frozen.').waitFor();
    const outcome = fac.getByRole('link', { name: 'Open the published outcome' });
    await outcome.waitFor();
    expect(await outcome.getAttribute('href')).toMatch(/^http/);
    await fac.getByRole('button', { name: 'Unfreeze board' }).click();
    await expect.poll(() => aino.getByText('This board is frozen.').count()).toBe(0);
  });
});
