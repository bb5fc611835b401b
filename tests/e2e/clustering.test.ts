import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from './support/fixture';
import { screenshot } from './support/browser';
import {
  addNoteViaToolbar,
  canvasClusters,
  canvasNotes,
  joinBoard,
  openOutline,
  waitForSynced,
  type ScreenBox,
} from './support/board';

const e2e = useE2E();

const center = (b: ScreenBox) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

async function noteBox(page: Page, text: string): Promise<ScreenBox> {
  const box = (await canvasNotes(page)).find((n) => n.label === text);
  if (!box) throw new Error(`no note "${text}" on the canvas`);
  return box;
}

describe('clustering', () => {
  it('on the canvas: notes dragged into a cluster join it, the cluster moves with them, two clusters merge', async () => {
    const board = await e2e.server().board('AI ethics');
    const aino = await e2e.person();
    const bengt = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await joinBoard(bengt.page, board.links.participant, 'Bengt');
    const page = aino.page;

    await page.getByRole('button', { name: 'Add cluster' }).click();
    await page.getByRole('textbox', { name: 'Cluster title' }).fill('Transparency');
    await page.keyboard.press('Enter');
    for (const text of ['Explainable decisions', 'Open algorithms register', 'Audit trails']) {
      await addNoteViaToolbar(page, text);
    }
    await page.getByRole('button', { name: 'Fit to content' }).click();

    // One note by a plain drag.
    const [cluster] = await canvasClusters(page);
    if (!cluster) throw new Error('no cluster');
    await drag(page, center(await noteBox(page, 'Explainable decisions')), {
      x: cluster.x + cluster.width * 0.3,
      y: cluster.y + cluster.height * 0.6,
    });
    await expect
      .poll(async () => (await noteBox(page, 'Explainable decisions')).clusterId)
      .toBe(cluster.id);

    // Two more together: shift-click to multi-select, then one drag moves both.
    const open = await noteBox(page, 'Open algorithms register');
    const audit = await noteBox(page, 'Audit trails');
    await page.mouse.click(center(open).x, center(open).y);
    await page.keyboard.down('Shift');
    await page.mouse.click(center(audit).x, center(audit).y);
    await page.keyboard.up('Shift');
    await expect.poll(() => page.getByText('2 notes selected').count()).toBe(1);
    const c = (await canvasClusters(page))[0]!;
    await drag(page, center(open), { x: c.x + c.width * 0.75, y: c.y + c.height * 0.6 });
    await expect
      .poll(async () => (await canvasNotes(page)).filter((n) => n.clusterId === c.id).length)
      .toBe(3);
    await screenshot(page, 'canvas-clustered');

    // The cluster moves as a unit: drag its title strip, its notes follow.
    const before = await canvasNotes(page);
    const header = { x: c.x + 60, y: c.y + 12 };
    await drag(page, header, { x: header.x + 120, y: header.y + 60 });
    await expect
      .poll(async () => {
        const after = await canvasNotes(page);
        return after.every((n) => {
          const b = before.find((x) => x.id === n.id)!;
          return Math.abs(n.x - b.x - 120) < 2 && Math.abs(n.y - b.y - 60) < 2;
        });
      })
      .toBe(true);

    // A second cluster with a note, merged into the first from the selection bar.
    await page.getByRole('button', { name: 'Add cluster' }).click();
    await page.getByRole('textbox', { name: 'Cluster title' }).fill('Accountability');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Fit to content' }).click();
    const accountability = (await canvasClusters(page)).find((x) => x.label === 'Accountability')!;
    await addNoteViaToolbar(page, 'Named owner for each system');
    await drag(
      page,
      center(await noteBox(page, 'Named owner for each system')),
      center(accountability),
    );
    await expect
      .poll(async () => (await noteBox(page, 'Named owner for each system')).clusterId)
      .toBe(accountability.id);
    const transparency = (await canvasClusters(page)).find((x) => x.label === 'Transparency')!;
    await page.mouse.click(transparency.x + 80, transparency.y + 12);
    await page
      .getByRole('combobox', { name: 'Merge in' })
      .selectOption({ label: 'Accountability' });
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await waitForSynced(page);

    // Bengt, in his outline, sees one cluster holding all four notes.
    await openOutline(bengt.page);
    const section = bengt.page.getByRole('region', { name: /Transparency/ });
    await expect.poll(() => section.getByRole('listitem').count()).toBe(4);
    await expect
      .poll(() => bengt.page.getByRole('region', { name: /Accountability/ }).count())
      .toBe(0);
    await screenshot(page, 'canvas-merged');
  });

  it('in the outline with the keyboard alone: create, rename, move notes into, merge and delete', async () => {
    const board = await e2e.server().board('Information policy');
    const aino = await e2e.person();
    const bengt = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await joinBoard(bengt.page, board.links.participant, 'Bengt');
    const page = bengt.page;
    await openOutline(page);
    const live = page.locator('[aria-live="polite"][aria-atomic="true"]');

    // Add a note: Enter on the toolbar button, type, Ctrl+Enter saves.
    const addNote = async (text: string): Promise<void> => {
      await page.getByRole('button', { name: 'Add note' }).focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toBe('Note text');
      await page.keyboard.type(text);
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => page.getByRole('listitem', { name: text }).count()).toBe(1);
    };
    await addNote('Open data by default');
    await addNote('Plain-language privacy notices');

    // A cluster: Enter on "Add cluster", type the title, Enter.
    const addCluster = async (title: string): Promise<void> => {
      await page.getByRole('button', { name: 'Add cluster' }).focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('placeholder')))
        .toBe('Untitled cluster');
      await page.keyboard.type(title);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByRole('heading', { name: new RegExp(title) }).count())
        .toBe(1);
    };
    await addCluster('Opennes');
    await addCluster('Privacy');

    // Rename the misspelt one.
    await page.getByRole('button', { name: 'Rename Opennes' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Openness');
    await page.keyboard.press('Enter');
    await expect.poll(() => live.textContent()).toContain('Cluster renamed to Openness');

    // Move each note into a cluster: focus its Cluster select, arrow to the option, Tab, Enter.
    const moveTo = async (noteText: string, clusterTitle: string): Promise<void> => {
      const item = page.getByRole('listitem', { name: noteText });
      const select = item.getByRole('combobox', { name: 'Cluster' });
      await select.focus();
      for (let i = 0; i < 4; i++) {
        const chosen = await select.evaluate(
          (el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent,
        );
        if (chosen === clusterTitle) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => live.textContent()).toContain(`Note moved to ${clusterTitle}`);
      await expect
        .poll(() =>
          page
            .getByRole('region', { name: new RegExp(clusterTitle) })
            .getByRole('listitem', { name: noteText })
            .count(),
        )
        .toBe(1);
    };
    await moveTo('Open data by default', 'Openness');
    await moveTo('Plain-language privacy notices', 'Privacy');
    await screenshot(page, 'outline-keyboard-clusters');

    // Aino, on her canvas, sees the notes inside the clusters.
    await expect
      .poll(async () => {
        const [notes, clusters] = [await canvasNotes(aino.page), await canvasClusters(aino.page)];
        const openness = clusters.find((c) => c.label === 'Openness')?.id;
        return (
          notes.find((n) => n.label === 'Open data by default')?.clusterId === openness &&
          !!openness
        );
      })
      .toBe(true);

    // Merge Privacy into Openness: the Merge-in select of Openness, then its Merge button.
    const openness = page.getByRole('region', { name: /Openness/ });
    await openness.getByRole('combobox', { name: 'Merge in' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => live.textContent()).toContain('Cluster Privacy merged into Openness');
    await expect.poll(() => openness.getByRole('listitem').count()).toBe(2);

    // Delete a note with the keyboard.
    await page
      .getByRole('button', { name: /Delete note “Plain-language privacy notices”/ })
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => live.textContent()).toContain('Note deleted');
    await expect.poll(() => openness.getByRole('listitem').count()).toBe(1);
    await waitForSynced(page);
    await expect.poll(async () => (await canvasNotes(aino.page)).length).toBe(1);
  });
});
