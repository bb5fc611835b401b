/** What a person does on a board page, by role and accessible name — never by CSS class. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface ScreenBox {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  clusterId?: string | null;
}

/** Opens a participant/facilitator link and answers the join screen. */
export async function joinBoard(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('textbox', { name: 'Display name' }).fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('button', { name: 'Add note' }).waitFor();
  await waitForSynced(page);
}

/** Waits until the status control says the device is in sync with nothing waiting. */
export async function waitForSynced(page: Page, timeout = 15_000): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: /Synced/ })
    .filter({ hasText: /\b0 changes waiting/ })
    .waitFor({ timeout });
}

/** Adds a note with the toolbar button and types its text into the "Note text" editor. */
export async function addNoteViaToolbar(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Add note' }).click();
  const editor = page.getByRole('textbox', { name: 'Note text' });
  await editor.fill(text);
  // Ctrl+Enter saves in both editors (Escape would cancel in the outline).
  await editor.press('Control+Enter');
  await expect.poll(() => page.getByRole('textbox', { name: 'Note text' }).count()).toBe(0);
}

/** Where notes are on screen (the canvas is pixels; this is what a person sees). */
export function canvasNotes(page: Page): Promise<ScreenBox[]> {
  return page.evaluate(() => window.talkootCanvas?.notes() ?? []);
}

/** Where clusters are on screen. */
export function canvasClusters(page: Page): Promise<ScreenBox[]> {
  return page.evaluate(() => window.talkootCanvas?.clusters() ?? []);
}

/** Switches to the outline view (if not there already). */
export async function openOutline(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Outline view' });
  if (await button.count()) await button.click();
  await page.getByRole('button', { name: 'Canvas view' }).waitFor();
}

/** Switches to the canvas view (if not there already). */
export async function openCanvas(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Canvas view' });
  if (await button.count()) await button.click();
  await page.getByRole('button', { name: 'Outline view' }).waitFor();
}

/** Where others' cursors are drawn on this page's canvas. */
export function canvasCursors(page: Page): Promise<{ name: string; x: number; y: number }[]> {
  return page.evaluate(() => window.talkootCanvas?.cursors() ?? []);
}

/** The canvas camera. */
export function canvasViewport(page: Page): Promise<{ x: number; y: number; scale: number }> {
  return page.evaluate(() => window.talkootCanvas?.viewport() ?? { x: 0, y: 0, scale: 1 });
}
