/**
 * Freezing from the board page: everyone sees the frozen banner with a link to the version the
 * freeze published, nobody can edit; the published page works without JavaScript; every version
 * stays served; and the version history restores a snapshot on every device and undoes it.
 */
import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { OutcomeDocument } from '../../shared/outcome/schema';
import { useE2E } from './support/fixture';
import { screenshot } from './support/browser';
import {
  addNoteViaToolbar,
  canvasNotes,
  joinBoard,
  openCanvas,
  openOutline,
  waitForSynced,
} from './support/board';

const e2e = useE2E();

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The notes on this page's canvas, by text, sorted. */
async function noteTexts(page: Page): Promise<string[]> {
  return (await canvasNotes(page)).map((n) => n.label).sort();
}

/** The frozen banner's link to the findings, once the published version is known. */
function findingsLink(page: Page) {
  return page.getByRole('link', { name: /^open the findings/ });
}

/** A page of a new browser context that runs no script at all. */
async function noScriptPage(): Promise<Page> {
  const context = await e2e.browser().newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  // Closed with the test's other contexts only if it is tracked; close it with its page.
  page.on('close', () => void context.close());
  return page;
}

async function freeze(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Freeze board' }).click();
  await page.getByRole('button', { name: 'Unfreeze board' }).waitFor();
}

async function unfreeze(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Unfreeze board' }).click();
  await page.getByRole('button', { name: 'Freeze board' }).waitFor();
}

describe('freezing and publishing from the board page', () => {
  it('a facilitator freezes, everyone sees the published version, the page needs no script, versions stay', async () => {
    const board = await e2e.server().board('Mobility table');
    const fac = (await e2e.person()).page;
    const aino = (await e2e.person()).page;
    await joinBoard(fac, board.links.facilitator, 'Fanni');
    await joinBoard(aino, board.links.participant, 'Aino');

    // A small board: a cluster with two notes, one note outside.
    await aino.getByRole('button', { name: 'Add cluster' }).click();
    await aino.getByRole('textbox', { name: 'Cluster title' }).fill('Tickets');
    await aino.keyboard.press('Enter');
    for (const text of ['One ticket for all transport', 'Open timetable data', 'Shared bikes']) {
      await addNoteViaToolbar(aino, text);
    }
    await openOutline(aino);
    for (const text of ['One ticket for all transport', 'Open timetable data']) {
      const item = aino.getByRole('listitem', { name: text });
      await item.getByRole('combobox', { name: 'Cluster' }).selectOption({ label: 'Tickets' });
      await item.getByRole('button', { name: /^Move/ }).click();
    }
    await openCanvas(aino);
    await waitForSynced(aino);
    await expect.poll(() => noteTexts(fac), { timeout: 10_000 }).toHaveLength(3);

    // Freeze from the facilitator controls: both pages say so and link version 1.
    await freeze(fac);
    for (const page of [fac, aino]) {
      await page.getByText('This board is frozen.').waitFor();
      await page.getByText('Published as version 1').waitFor();
      await findingsLink(page).waitFor();
    }
    const v1Url = await findingsLink(aino).getAttribute('href');
    expect(v1Url).toMatch(/^http.*\/outcomes\/[A-Za-z0-9_-]+\/v\/1$/);
    expect(await findingsLink(fac).getAttribute('href')).toBe(v1Url);

    // The participant cannot change anything.
    expect(await aino.getByRole('button', { name: 'Add note' }).isDisabled()).toBe(true);
    expect(await aino.getByRole('button', { name: 'Add cluster' }).isDisabled()).toBe(true);
    await openOutline(aino);
    expect(
      await aino
        .getByRole('listitem', { name: 'Shared bikes' })
        .getByRole('button', { name: /^Edit/ })
        .count(),
    ).toBe(0);
    await openCanvas(aino);
    await screenshot(aino, 'freeze-board');
    expect(await seriousViolations(aino)).toEqual([]);

    // The facilitator follows the link: the page opens in a new tab.
    const [tab] = await Promise.all([
      fac.context().waitForEvent('page'),
      findingsLink(fac).click(),
    ]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(v1Url);
    await tab.getByRole('heading', { level: 1, name: 'Mobility table' }).waitFor();
    expect(await seriousViolations(tab)).toEqual([]);
    await tab.close();

    // Without JavaScript: the clusters and notes are all there.
    const plain = await noScriptPage();
    await plain.goto(v1Url!);
    const cluster = plain.getByRole('region', { name: 'Tickets' });
    await cluster.getByRole('heading', { level: 3, name: 'Tickets' }).waitFor();
    expect(await cluster.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('One ticket for all transport'),
      expect.stringContaining('Open timetable data'),
    ]);
    await plain.getByText('Shared bikes').waitFor();
    await screenshot(plain, 'freeze-published');
    await plain.close();

    // Someone who opens the board while it is frozen sees the same.
    const bo = (await e2e.person()).page;
    await joinBoard(bo, board.links.participant, 'Bo');
    await bo.getByText('Published as version 1').waitFor();
    expect(await bo.getByRole('button', { name: 'Add note' }).isDisabled()).toBe(true);

    // "Findings" lists what was published, for everyone.
    await aino.getByRole('button', { name: 'Findings' }).click();
    const versions = aino.getByRole('list', { name: 'Published versions' });
    await versions.getByRole('link', { name: /^Version 1/ }).waitFor();

    // Unfreeze, write, freeze again: version 2, and version 1 is still served as it was.
    await unfreeze(fac);
    await expect.poll(() => aino.getByText('This board is frozen.').count()).toBe(0);
    for (const page of [aino, bo]) {
      await expect
        .poll(() => page.getByRole('button', { name: 'Add note' }).isDisabled())
        .toBe(false);
    }
    await addNoteViaToolbar(aino, 'Night buses');
    await waitForSynced(aino);
    await expect.poll(() => noteTexts(fac), { timeout: 10_000 }).toContain('Night buses');
    await freeze(fac);
    await aino.getByText('Published as version 2').waitFor();
    const v2Url = await findingsLink(aino).getAttribute('href');
    expect(v2Url).toBe(v1Url!.replace(/1$/, '2'));
    await versions.getByRole('link', { name: /^Version 2/ }).waitFor();
    expect(await versions.getByRole('listitem').count()).toBe(2);
    await screenshot(aino, 'freeze-versions');
    expect(await seriousViolations(aino)).toEqual([]);

    const texts = async (url: string) => {
      const doc = (await (await fetch(`${url}.json`)).json()) as OutcomeDocument;
      return doc.notes.map((n) => n.text).sort();
    };
    expect(await texts(v1Url!)).toEqual([
      'One ticket for all transport',
      'Open timetable data',
      'Shared bikes',
    ]);
    expect(await texts(v2Url!)).toContain('Night buses');
    const again = await noScriptPage();
    await again.goto(v1Url!);
    await again.getByRole('heading', { level: 3, name: 'Tickets' }).waitFor();
    expect(await again.getByText('Night buses').count()).toBe(0);
    await again.close();
  });

  it('version history: take a snapshot, change the board, restore it on every device, undo the restore', async () => {
    const board = await e2e.server().board('Energy table');
    const fac = (await e2e.person()).page;
    const aino = (await e2e.person()).page;
    await joinBoard(fac, board.links.facilitator, 'Fanni');
    await joinBoard(aino, board.links.participant, 'Aino');
    for (const text of ['Heat pumps for every school', 'Local solar cooperatives']) {
      await addNoteViaToolbar(aino, text);
    }
    await waitForSynced(aino);
    const before = ['Heat pumps for every school', 'Local solar cooperatives'];
    await expect.poll(() => noteTexts(fac), { timeout: 10_000 }).toEqual(before);

    // Only the facilitator has a version history.
    expect(await aino.getByRole('button', { name: 'Version history' }).count()).toBe(0);
    await fac.getByRole('button', { name: 'Version history' }).click();
    const history = fac.getByRole('region', { name: 'Version history' });
    await history.getByText('No snapshots yet.').waitFor();
    await history.getByRole('button', { name: 'Take snapshot now' }).click();
    await history.getByText('Snapshot taken.').waitFor();
    const list = history.getByRole('list', { name: 'Snapshots, newest first' });
    const manual = list.getByRole('listitem').filter({ hasText: 'Taken by hand' });
    await expect.poll(() => manual.count()).toBe(1);

    // The board changes after the snapshot.
    await addNoteViaToolbar(aino, 'Coal until 2040');
    await waitForSynced(aino);
    await expect.poll(() => noteTexts(fac), { timeout: 10_000 }).toContain('Coal until 2040');

    // Restore asks first; Cancel (or Escape) changes nothing.
    await manual.getByRole('button', { name: /^Restore/ }).click();
    await history.getByText(/^Restore the board to how it was at/).waitFor();
    await fac.keyboard.press('Escape');
    await expect.poll(() => history.getByText(/^Restore the board to how it/).count()).toBe(0);
    await expect
      .poll(() => fac.evaluate(() => document.activeElement?.textContent ?? ''))
      .toMatch(/^Restore/);
    await manual.getByRole('button', { name: /^Restore/ }).click();
    await screenshot(fac, 'freeze-history-confirm');
    await history.getByRole('button', { name: 'Restore the board', exact: true }).click();

    // Both devices go back to the snapshot.
    await history.getByText(/^Restored to /).waitFor();
    for (const page of [fac, aino]) {
      await expect.poll(() => noteTexts(page), { timeout: 10_000 }).toEqual(before);
    }
    const undo = history.getByRole('button', { name: 'Undo restore' });
    await expect.poll(() => undo.evaluate((el) => el === document.activeElement)).toBe(true);
    await list.getByRole('listitem').filter({ hasText: 'Before a restore' }).first().waitFor();
    await screenshot(fac, 'freeze-history');
    expect(await seriousViolations(fac)).toEqual([]);

    // Undo the restore: the note is back everywhere.
    await undo.click();
    await history.getByText('Restore undone: the board is back as it was.').waitFor();
    for (const page of [fac, aino]) {
      await expect
        .poll(() => noteTexts(page), { timeout: 10_000 })
        .toEqual([...before, 'Coal until 2040'].sort());
    }

    // While frozen, restoring is refused with the reason.
    await fac.getByRole('button', { name: 'Facilitator controls' }).click();
    await freeze(fac);
    await fac.getByRole('button', { name: 'Version history' }).click();
    await manual.getByRole('button', { name: /^Restore/ }).click();
    await history.getByRole('button', { name: 'Restore the board', exact: true }).click();
    await history
      .getByRole('alert')
      .getByText(/A frozen board cannot be restored/)
      .waitFor();
    expect(await noteTexts(aino)).toEqual([...before, 'Coal until 2040'].sort());
    await screenshot(fac, 'freeze-history-frozen');
  });
});
