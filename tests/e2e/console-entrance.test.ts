import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { useE2E } from './support/fixture';
import { screenshot } from './support/browser';
import { joinBoard, waitForSynced } from './support/board';
import type { TestServer } from '../helpers/server';

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

async function admin<T>(server: TestServer, method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as T;
}

/** A forum with `count` tables, made through the API (the console test makes one in the UI). */
async function forumWithTables(server: TestServer, title: string, count: number) {
  const forum = await admin<{ id: string }>(server, 'POST', '/api/forums', {
    title,
    date: '2026-11-27',
    description: 'Mobility as a service: data, rules and the people who use it.',
    languages: ['fi', 'en'],
  });
  await admin(server, 'POST', `/api/forums/${forum.id}/boards/batch`, {
    count,
    template: 'challenges',
    lang: 'en',
  });
  const details = await admin<{ entrance: { link: string } }>(
    server,
    'GET',
    `/api/forums/${forum.id}`,
  );
  return { forumId: forum.id, entrance: details.entrance.link };
}

/** Opens the console on one forum's page. */
async function openConsole(page: Page, server: TestServer, forumTitle: string): Promise<void> {
  await page.goto(`${server.url}/admin#token=${server.adminToken}`);
  await page.getByRole('link', { name: forumTitle }).click();
  await page.getByRole('heading', { name: forumTitle, level: 1 }).waitFor();
}

describe('the forum entrance', () => {
  it('places a newcomer at a table, and a return visit follows a facilitator who moved them', async () => {
    const server = e2e.server();
    const { entrance } = await forumWithTables(server, 'Mobility forum', 3);

    const { page } = await e2e.person({ width: 430, height: 900 });
    await page.goto(entrance);
    await page.getByRole('heading', { name: 'Mobility forum', level: 1 }).waitFor();
    await page.getByText('Mobility as a service', { exact: false }).waitFor();
    await page.getByRole('textbox', { name: 'Display name' }).fill('Matti');
    await page.getByRole('button', { name: 'Research' }).click();
    await page.getByRole('textbox', { name: 'Add your own tag' }).fill('Transport law');
    await page.getByRole('button', { name: 'Add tag' }).click();
    // Only the forum's languages are offered.
    const languages = page.getByRole('combobox', { name: 'Your language' });
    expect(await languages.getByRole('option').allInnerTexts()).toEqual(['Suomi', 'English']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-entrance');

    await page.getByRole('button', { name: 'Find my table' }).click();
    const placed = page.getByRole('heading', { name: /^You sit at Table [123]$/ });
    await placed.waitFor();
    const first = (await placed.innerText()).replace('You sit at ', '');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-entrance-placed');
    await page.getByRole('link', { name: `Go to ${first}` }).click();
    // The personal link opens the board as Matti without asking again.
    await page.getByRole('heading', { name: first, level: 1 }).waitFor();
    await waitForSynced(page);
    expect(await page.getByRole('textbox', { name: 'Display name' }).count()).toBe(0);

    // The facilitator sees Matti with his expertise and moves him to another table.
    const facilitator = await e2e.person();
    await openConsole(facilitator.page, server, 'Mobility forum');
    await facilitator.page.getByRole('link', { name: 'People' }).click();
    const row = facilitator.page.getByRole('row', { name: /Matti/ });
    await row.getByText('Transport law').waitFor();
    await row.getByText('Research').waitFor();
    expect(await row.getByRole('cell', { name: first, exact: true }).count()).toBe(1);
    const target = first === 'Table 1' ? 'Table 2' : 'Table 1';
    await row
      .getByRole('combobox', { name: 'New table for Matti' })
      .selectOption({ label: target });
    await row.getByRole('button', { name: 'Move Matti' }).click();
    await row.getByRole('cell', { name: target, exact: true }).waitFor();
    expect(await seriousViolations(facilitator.page)).toEqual([]);
    await screenshot(facilitator.page, 'console-people');

    // Scanning the entrance again takes Matti to where he sits now.
    await page.goto(entrance);
    await page.waitForURL(/\/board\//);
    await page.getByRole('heading', { name: target, level: 1 }).waitFor();
    await waitForSynced(page);
  });
});

describe('rotating links in the console', () => {
  it("a table's old links and the old entrance link stop working; the new ones work", async () => {
    const server = e2e.server();
    const { entrance: oldEntrance } = await forumWithTables(server, 'Rotation forum', 1);
    const console = await e2e.person();
    const page = console.page;
    await openConsole(page, server, 'Rotation forum');
    await page.getByRole('button', { name: 'Links and QR codes of Table 1' }).click();
    const participant = page.getByRole('textbox', { name: 'Participant link' });
    const oldLink = await participant.inputValue();

    const aino = await e2e.person();
    await joinBoard(aino.page, oldLink, 'Aino');

    await page.getByRole('button', { name: 'Rotate links' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the links of Table 1?' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Rotate links' }).click();
    await page.getByText('New links made. The old ones no longer work.').waitFor();
    const newLink = await participant.inputValue();
    expect(newLink).not.toBe(oldLink);

    // Aino's open board is cut off, and the old link shows the expired page to anyone.
    const expired = { name: 'This link is invalid or has expired' };
    await aino.page.getByRole('heading', expired).waitFor();
    const late = await e2e.person();
    await late.page.goto(oldLink);
    await late.page.getByRole('heading', expired).waitFor();
    await screenshot(late.page, 'console-expired-link');
    await joinBoard(late.page, newLink, 'Bertil');

    // The entrance link rotates the same way.
    // (Links are signed afresh on each load; every one of the current generation works.)
    const shownEntrance = await page.getByRole('textbox', { name: 'Entrance link' }).inputValue();
    await page.getByRole('button', { name: 'Rotate entrance link' }).click();
    await page
      .getByRole('dialog', { name: 'Rotate the entrance link?' })
      .getByRole('button', { name: 'Rotate entrance link' })
      .click();
    await page.getByText('New entrance link made.', { exact: false }).waitFor();
    const newEntrance = await page.getByRole('textbox', { name: 'Entrance link' }).inputValue();
    expect(newEntrance).not.toBe(shownEntrance);
    const visitor = await e2e.person();
    for (const old of [oldEntrance, shownEntrance]) {
      await visitor.page.goto(old);
      await visitor.page
        .getByRole('heading', { name: 'This entrance link is invalid or has expired' })
        .waitFor();
    }
    expect(await seriousViolations(visitor.page)).toEqual([]);
    await visitor.page.goto(newEntrance);
    await visitor.page.getByRole('button', { name: 'Find my table' }).waitFor();
  });
});
