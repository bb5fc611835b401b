import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
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
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

describe('accessibility', () => {
  it('axe finds no serious or critical violations on the join screen, the board and the outline', async () => {
    const board = await e2e.server().board('Accessible board');
    const { page } = await e2e.person();
    await page.goto(board.links.participant);
    await page.getByRole('textbox', { name: 'Display name' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await joinBoard(page, board.links.participant, 'Aino');
    await page.getByRole('button', { name: 'Add cluster' }).click();
    await page.getByRole('textbox', { name: 'Cluster title' }).fill('Access');
    await page.keyboard.press('Enter');
    await addNoteViaToolbar(page, 'Captions on the livestream');
    await addNoteViaToolbar(page, 'Easy-read summaries');
    await waitForSynced(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'a11y-board');

    await openOutline(page);
    await page.getByRole('listitem', { name: 'Captions on the livestream' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // An editor open in the outline, and the viewer's read-only board, are checked too.
    await page
      .getByRole('listitem', { name: 'Easy-read summaries' })
      .getByRole('button', { name: /^Edit/ })
      .click();
    expect(await seriousViolations(page)).toEqual([]);

    const viewer = await e2e.person();
    await viewer.page.goto(board.links.viewer);
    await viewer.page.getByText('View only.').waitFor();
    expect(await seriousViolations(viewer.page)).toEqual([]);
  });

  it('the phone layout opens in the outline and passes axe', async () => {
    const board = await e2e.server().board('Phone');
    const { page } = await e2e.person({ width: 390, height: 844 });
    await joinBoard(page, board.links.participant, 'Aino');
    await page.getByRole('button', { name: 'Canvas view' }).waitFor();
    await addNoteViaToolbar(page, 'Written on a phone');
    await page.getByRole('listitem', { name: 'Written on a phone' }).waitFor();
    await screenshot(page, 'phone-outline');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
