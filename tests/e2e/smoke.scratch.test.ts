import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server';
import { ensureClientBuilt } from './support/build';
import { launchBrowser, newPerson, screenshot } from './support/browser';
import { addNoteViaToolbar, joinBoard } from './support/board';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('scratch', () => {
  it('renders', async () => {
    const board = await server.board('Mobility as a service');
    const { page } = await newPerson(browser);
    page.on('console', (m) => console.log('[console]', m.type(), m.text()));
    await page.goto(board.links.participant);
    await page.waitForTimeout(500);
    await screenshot(page, 'scratch-join');
    await page.getByRole('textbox', { name: 'Display name' }).fill('Aino');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForTimeout(3000);
    console.log('STATUS', await page.getByRole('status').textContent());
    await screenshot(page, 'scratch-board0');
    page.on('websocket', (ws) => { console.log('WS', ws.url()); ws.on('close', () => console.log('WS closed', ws.url())); ws.on('framereceived', (f) => console.log('recv', typeof f.payload === 'string' ? f.payload : f.payload.subarray(0, 8))); ws.on('framesent', (f) => console.log('sent', typeof f.payload === 'string' ? f.payload : f.payload.subarray(0, 8)));});
    await page.reload();
    await page.waitForTimeout(3000);
    console.log('STATUS', await page.getByRole('status').textContent());
    await joinBoard(page, board.links.participant, 'Aino');
    await addNoteViaToolbar(page, 'Shared bikes at every station');
    await addNoteViaToolbar(page, 'One ticket for all transport');
    await page.getByRole('button', { name: 'Add cluster' }).click();
    await page.keyboard.type('Ticketing');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    await screenshot(page, 'scratch-board');
    await page.getByRole('button', { name: 'Outline view' }).click();
    await page.waitForTimeout(300);
    await screenshot(page, 'scratch-outline');
  });
});
