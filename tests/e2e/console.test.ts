import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { useE2E } from './support/fixture';
import { SCREENSHOT_DIR, screenshot } from './support/browser';
import { joinBoard } from './support/board';

const e2e = useE2E();

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

/** The titles of the tables, in the order the console lists them. */
function tableOrder(page: Page): Promise<string[]> {
  return page
    .getByRole('list')
    .filter({ has: page.getByRole('button', { name: /^Move .* up$/ }) })
    .getByRole('heading', { level: 3 })
    .allInnerTexts();
}

/** A full-page screenshot into test-results/screenshots/<name>.png. */
async function fullShot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

describe('the forum console', () => {
  it('prepares a forum with three tables, prints the sheet, and sees a participant from it on the dashboard', async () => {
    const server = e2e.server();
    const { page } = await e2e.person();
    await page.goto(`${server.url}/admin#token=${server.adminToken}`);
    await page.getByRole('heading', { name: 'Forums' }).waitFor();
    // The token left the address bar (and so history) at once.
    expect(page.url()).toBe(`${server.url}/admin`);

    await page.getByRole('textbox', { name: 'Title' }).fill('AI ethics forum');
    await page.getByLabel('Date').fill('2026-11-27');
    await page
      .getByRole('textbox', { name: 'Theme description' })
      .fill('Trustworthy AI in public services');
    await page.getByRole('checkbox', { name: 'Svenska' }).uncheck();
    await page.getByRole('button', { name: 'Create forum' }).click();
    await page.getByRole('heading', { name: 'AI ethics forum', level: 1 }).waitFor();

    // Three tables at once from the "challenges → clusters → proposals" template.
    await page.getByRole('spinbutton', { name: 'Number of tables' }).fill('3');
    await page.getByRole('combobox', { name: 'Template', exact: true }).selectOption('challenges');
    await page.getByRole('combobox', { name: 'Template language' }).selectOption('fi');
    await page.getByRole('button', { name: 'Add 3 tables' }).click();
    await expect.poll(() => tableOrder(page)).toEqual(['Table 1', 'Table 2', 'Table 3']);

    // Rename, reorder with the keyboard, archive and restore.
    await page.getByRole('button', { name: 'Rename Table 3' }).click();
    await page.getByRole('textbox', { name: 'Rename Table 3' }).fill('Mobility');
    await page.keyboard.press('Enter');
    await expect.poll(() => tableOrder(page)).toEqual(['Table 1', 'Table 2', 'Mobility']);
    await page.getByRole('button', { name: 'Move Mobility up' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => tableOrder(page)).toEqual(['Table 1', 'Mobility', 'Table 2']);
    // Focus stays on the control that moved the table, so pressing again moves it further.
    await page.keyboard.press('Enter');
    await expect.poll(() => tableOrder(page)).toEqual(['Mobility', 'Table 1', 'Table 2']);
    // With a pointer, a table can also be dragged into place.
    await page
      .getByRole('listitem', { name: 'Table 2' })
      .getByTitle('Drag to reorder')
      .dragTo(page.getByRole('listitem', { name: 'Mobility' }));
    await expect.poll(() => tableOrder(page)).toEqual(['Table 2', 'Mobility', 'Table 1']);
    await page.getByRole('button', { name: 'Archive Table 2' }).click();
    await page.getByRole('listitem', { name: 'Table 2' }).getByText('Archived').waitFor();
    await page.getByRole('button', { name: 'Restore Table 2' }).click();
    await page.getByRole('button', { name: 'Archive Table 2' }).waitFor();

    // Each table has its three links with QR codes.
    await page.getByRole('button', { name: 'Links and QR codes of Table 1' }).click();
    const table1 = page.getByRole('listitem', { name: 'Table 1' });
    for (const role of ['Facilitator', 'Participant', 'Viewer']) {
      expect(await table1.getByRole('textbox', { name: `${role} link` }).inputValue()).toMatch(
        new RegExp(`^${server.url}/board/[\\w-]+#token=`),
      );
      await table1.getByRole('img', { name: `QR code: ${role} link of Table 1` }).waitFor();
    }
    await page.getByRole('img', { name: 'QR code of the forum entrance' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await fullShot(page, 'console-admin');

    // The printable sheet: a cover page and one page per table, nothing else.
    await page.getByRole('link', { name: 'Printable sheet' }).click();
    const sheet = page.getByRole('main', { name: 'Printable sheet' });
    await sheet.getByRole('heading', { name: 'AI ethics forum', level: 1 }).waitFor();
    expect(await sheet.getByRole('article').count()).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);
    const tablePage = sheet.getByRole('article', { name: 'Table 1' });
    for (const text of ['Liity tähän pöytään', 'Gå med vid det här bordet', 'Join this table']) {
      await tablePage.getByText(text).waitFor();
    }
    const participantLink = await tablePage.getByRole('link').getAttribute('href');
    expect(await tablePage.getByRole('link').innerText()).toBe(participantLink);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await fullShot(page, 'console-sheet');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.writeFileSync(path.join(SCREENSHOT_DIR, 'console-sheet.pdf'), pdf);
    expect(countPdfPages(pdf)).toBe(4);
    await page.emulateMedia({ media: 'screen' });

    // Someone opens the participant link from the sheet on their own device.
    const aino = await e2e.person();
    await joinBoard(aino.page, participantLink!, 'Aino');

    await page.getByRole('link', { name: 'Back to the console' }).click();
    await page.getByRole('link', { name: 'Live overview' }).click();
    const tile = page.getByRole('listitem', { name: 'Table 1' });
    await expect.poll(() => tile.innerText(), { timeout: 10_000 }).toContain('Aino');
    expect(await tile.getByText('Cluster', { exact: false }).count()).toBeGreaterThan(0);
    await tile.getByRole('link', { name: 'Open Table 1 as facilitator (new tab)' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-dashboard');

    // The forum's details can be edited later; the list of forums shows the change.
    await page.getByRole('link', { name: 'Forum details' }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill('AI ethics forum 2026');
    await page.getByRole('checkbox', { name: 'Svenska' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('heading', { name: 'AI ethics forum 2026', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'All forums' }).click();
    await page.getByRole('link', { name: 'AI ethics forum 2026' }).waitFor();
    await page.getByText('English, Suomi, Svenska', { exact: false }).waitFor();
  });

  it('without the admin token explains where the admin URL is, and refuses a wrong one', async () => {
    const server = e2e.server();
    const { page } = await e2e.person();
    await page.goto(`${server.url}/admin`);
    await page.getByRole('heading', { name: 'Open the console with the admin link' }).waitFor();
    await page.getByText('npm start', { exact: false }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-no-token');

    await page.goto(`${server.url}/admin#token=not-the-admin-token`);
    await page.getByRole('heading', { name: 'This admin token is not valid' }).waitFor();
    expect(page.url()).toBe(`${server.url}/admin`);

    // Pasting the right admin URL into the same tab opens the console, in any language.
    await page.goto(`${server.url}/admin#token=${server.adminToken}`);
    await page.getByRole('heading', { name: 'Forums' }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fi');
    await page.getByRole('heading', { name: 'Foorumit' }).waitFor();
    await page.getByRole('link', { name: 'AI ethics forum 2026' }).waitFor();
    await page.getByRole('button', { name: 'Luo foorumi' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-forums-fi');
  });
});
