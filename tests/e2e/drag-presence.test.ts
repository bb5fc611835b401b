import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readBoard } from '@shared/board/read';
import { useE2E } from './support/fixture';
import { screenshot } from './support/browser';
import {
  addNoteViaToolbar,
  canvasClusters,
  canvasNotes,
  canvasViewport,
  joinBoard,
  waitForSynced,
  type ScreenBox,
} from './support/board';

const e2e = useE2E();

interface GhostBox extends ScreenBox {
  kind: 'note' | 'cluster';
  by: string;
}

const ghosts = (page: Page): Promise<GhostBox[]> =>
  page.evaluate(() => window.talkootCanvas?.ghosts() ?? []);

const center = (b: ScreenBox) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

async function noteBox(page: Page, text: string): Promise<ScreenBox> {
  const box = (await canvasNotes(page)).find((n) => n.label === text);
  if (!box) throw new Error(`no note "${text}" on the canvas`);
  return box;
}

describe('drag presence', () => {
  it('others see a note move while it is dragged; the document is written once, on the drop', async () => {
    const server = e2e.server();
    const board = await server.board('Live drags');
    const aino = await e2e.person();
    const bengt = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await joinBoard(bengt.page, board.links.participant, 'Bengt');
    await addNoteViaToolbar(aino.page, 'Shared parking spots');
    await addNoteViaToolbar(aino.page, 'Night buses');
    await waitForSynced(aino.page);
    await expect.poll(async () => (await canvasNotes(bengt.page)).length).toBe(2);

    const room = server.app.rooms.peek(board.id);
    if (!room) throw new Error('board room not loaded');
    let writes = 0;
    room.board.doc.on('update', () => writes++);
    const stored = () => readBoard(room.board.doc).notes.find((n) => n.text === 'Night buses')!;
    const storedBefore = stored();

    // Aino grabs the note and holds it 240 × 160 screen pixels away.
    const from = await noteBox(aino.page, 'Night buses');
    const before = await noteBox(bengt.page, 'Night buses');
    const ainoScale = (await canvasViewport(aino.page)).scale;
    const bengtScale = (await canvasViewport(bengt.page)).scale;
    const grab = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
    await aino.page.mouse.move(grab.x, grab.y);
    await aino.page.mouse.down();
    await aino.page.mouse.move(grab.x + 120, grab.y + 80, { steps: 6 });
    await aino.page.mouse.move(grab.x + 240, grab.y + 160, { steps: 6 });

    // Bengt sees it there, ghosted and named, while his document still has it where it was.
    const expected = {
      x: before.x + (240 / ainoScale) * bengtScale,
      y: before.y + (160 / ainoScale) * bengtScale,
    };
    await expect
      .poll(async () => {
        const ghost = (await ghosts(bengt.page)).find((g) => g.id === before.id);
        return ghost
          ? {
              by: ghost.by,
              dx: Math.round(ghost.x - expected.x),
              dy: Math.round(ghost.y - expected.y),
            }
          : null;
      })
      .toEqual({ by: 'Aino', dx: 0, dy: 0 });
    expect((await ghosts(bengt.page)).map((g) => g.label)).toEqual(['Night buses']);
    const held = await noteBox(bengt.page, 'Night buses');
    expect({ x: held.x, y: held.y }).toEqual({ x: before.x, y: before.y });
    expect(writes).toBe(0);
    expect({ x: stored().x, y: stored().y }).toEqual({ x: storedBefore.x, y: storedBefore.y });
    await screenshot(bengt.page, 'drag-presence');

    // The drop: one write moves it for Bengt, and the ghost is gone.
    await aino.page.mouse.up();
    await expect
      .poll(async () => {
        const after = await noteBox(bengt.page, 'Night buses');
        return { dx: Math.round(after.x - expected.x), dy: Math.round(after.y - expected.y) };
      })
      .toEqual({ dx: 0, dy: 0 });
    await expect.poll(async () => (await ghosts(bengt.page)).length).toBe(0);
    await waitForSynced(aino.page);
    expect(writes).toBe(1);
    expect(stored().x - storedBefore.x).toBeCloseTo(240 / ainoScale, 0);
    expect(stored().y - storedBefore.y).toBeCloseTo(160 / ainoScale, 0);
  });

  it('others see a cluster carried with its notes, and a resize, before either is written', async () => {
    const server = e2e.server();
    const board = await server.board('Live cluster drags');
    const aino = await e2e.person();
    const bengt = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await joinBoard(bengt.page, board.links.participant, 'Bengt');
    const page = aino.page;
    await page.getByRole('button', { name: 'Add cluster' }).click();
    await page.getByRole('textbox', { name: 'Cluster title' }).fill('Transparency');
    await page.keyboard.press('Enter');
    await addNoteViaToolbar(page, 'Audit trails');
    await page.getByRole('button', { name: 'Fit to content' }).click();
    const [cluster] = await canvasClusters(page);
    if (!cluster) throw new Error('no cluster');
    const note = center(await noteBox(page, 'Audit trails'));
    await page.mouse.move(note.x, note.y);
    await page.mouse.down();
    await page.mouse.move(cluster.x + 120, cluster.y + 110, { steps: 8 });
    await page.mouse.up();
    await expect
      .poll(async () => (await canvasNotes(bengt.page)).find((n) => n.label === 'Audit trails'))
      .toMatchObject({ clusterId: cluster.id });
    await waitForSynced(page);

    const room = server.app.rooms.peek(board.id)!;
    let writes = 0;
    room.board.doc.on('update', () => writes++);
    const scale = (await canvasViewport(page)).scale;
    const bengtScale = (await canvasViewport(bengt.page)).scale;
    const near = (a: number, b: number): boolean => Math.abs(a - b) < 2;

    // Carried by its title strip: Bengt sees the frame and its note move together.
    const c = (await canvasClusters(page))[0]!;
    const bc = (await canvasClusters(bengt.page))[0]!;
    const bn = await noteBox(bengt.page, 'Audit trails');
    const move = { x: (150 / scale) * bengtScale, y: (90 / scale) * bengtScale };
    await page.mouse.move(c.x + 60, c.y + 12);
    await page.mouse.down();
    await page.mouse.move(c.x + 210, c.y + 102, { steps: 8 });
    await expect
      .poll(async () => {
        const seen = await ghosts(bengt.page);
        const frame = seen.find((g) => g.kind === 'cluster');
        const inner = seen.find((g) => g.kind === 'note');
        return (
          seen.length === 2 &&
          near(frame!.x, bc.x + move.x) &&
          near(frame!.y, bc.y + move.y) &&
          near(inner!.x, bn.x + move.x) &&
          near(inner!.y, bn.y + move.y)
        );
      })
      .toBe(true);
    expect(writes).toBe(0);
    await screenshot(bengt.page, 'drag-presence-cluster');
    await page.mouse.up();
    await expect.poll(async () => (await ghosts(bengt.page)).length).toBe(0);
    await expect
      .poll(async () => near((await canvasClusters(bengt.page))[0]!.x, bc.x + move.x))
      .toBe(true);
    expect(writes).toBe(1);

    // Resized from its grip: Bengt sees the new outline; the document has the old size.
    const r = (await canvasClusters(page))[0]!;
    const before = (await canvasClusters(bengt.page))[0]!;
    const grip = { x: r.x + r.width - 6, y: r.y + r.height - 6 };
    await waitForSynced(page);
    writes = 0;
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + 100, grip.y + 80, { steps: 5 });
    await expect
      .poll(async () => {
        const frame = (await ghosts(bengt.page)).find((g) => g.kind === 'cluster');
        return frame ? Math.round(((frame.width - before.width) / bengtScale) * scale) : null;
      })
      .toBe(100);
    expect((await canvasClusters(bengt.page))[0]!.width).toBe(before.width);
    expect(writes).toBe(0);
    await page.mouse.up();
    await expect
      .poll(async () =>
        Math.round(
          (((await canvasClusters(bengt.page))[0]!.width - before.width) / bengtScale) * scale,
        ),
      )
      .toBe(100);
    await expect.poll(async () => (await ghosts(bengt.page)).length).toBe(0);
    expect(writes).toBe(1);
  });
});
