import { describe, expect, it } from 'vitest';
import { useE2E } from './support/fixture';
import { screenshot } from './support/browser';
import { canvasNotes } from './support/board';

const e2e = useE2E();

describe('languages', () => {
  it('the UI switches between English, Finnish and Swedish at any time and remembers the choice', async () => {
    const board = await e2e.server().board('Kielet');
    const { page } = await e2e.person();
    await page.goto(board.links.participant);
    await page.getByRole('textbox', { name: 'Display name' }).waitFor();

    await page.getByRole('combobox', { name: 'Language' }).selectOption('fi');
    await page.getByRole('textbox', { name: 'Näyttönimi' }).fill('Aino');
    await screenshot(page, 'join-fi');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
    await page.getByRole('button', { name: 'Liity' }).click();

    await page.getByRole('button', { name: 'Lisää lappu' }).click();
    await page.getByRole('textbox', { name: 'Lapun teksti' }).fill('Yhteinen lippu');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/Ajan tasalla · 0 muutosta odottaa/);
    await screenshot(page, 'board-fi');

    await page.getByRole('combobox', { name: 'Kieli' }).selectOption('sv');
    await page.getByRole('button', { name: 'Lägg till lapp' }).waitFor();
    await page.getByRole('button', { name: 'Listvy' }).click();
    await page.getByRole('heading', { name: /Inte i någon grupp/ }).waitFor();
    await screenshot(page, 'outline-sv');

    // A note carries the language it was written in.
    await page.getByRole('button', { name: 'Lägg till lapp' }).click();
    await page.getByRole('textbox', { name: 'Lappens text' }).fill('Gemensam biljett');
    await page.getByRole('button', { name: 'Spara' }).click();
    await expect
      .poll(() => page.getByRole('listitem', { name: 'Gemensam biljett' }).textContent())
      .toContain('SV');
    await expect
      .poll(() => page.getByRole('listitem', { name: 'Yhteinen lippu' }).textContent())
      .toContain('FI');

    await page.reload();
    await page.getByRole('button', { name: 'Lägg till lapp' }).waitFor();
    await page.getByRole('combobox', { name: 'Språk' }).selectOption('en');
    await page.getByRole('button', { name: 'Add note' }).waitFor();
    expect(
      (await canvasNotes(page)).length + (await page.getByRole('listitem').count()),
    ).toBeGreaterThan(0);
  });
});
