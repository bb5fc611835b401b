import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { buildBoard } from '../board';
import { summarizeProfile } from '../profile';
import type { ServerHandle } from '../servers/launch';
import { sleep, type BenchContext } from './context';
import type { RunOutcome, Scenario } from './types';

const NOTES = 2_000;
const STATIC = fileURLToPath(new URL('../../dist/client/index.html', import.meta.url));
const RENDER_TIMEOUT_MS = 20_000;
const RESULTS = fileURLToPath(new URL('../results', import.meta.url));

/** Why the client scenario cannot run here, or null when it can. */
export function clientUnavailable(): string | null {
  if (!fs.existsSync(STATIC)) return `no built client at ${path.relative(process.cwd(), STATIC)}`;
  if (!fs.existsSync('/usr/bin/chromium')) return 'no Chromium at /usr/bin/chromium';
  return null;
}

/** Share of frames that took longer than one 60 Hz frame (with slack): missed frames. */
function missedShare(frames: number[]): number {
  return frames.length === 0 ? Number.NaN : frames.filter((f) => f > 20).length / frames.length;
}

function pct(values: number[], q: number): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length === 0 ? Number.NaN : v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)]!;
}

// Page scripts are strings: tsx compiles closures with helpers (`__name`) the page lacks.
const START_FRAMES = `(() => {
  window.benchFrames = [];
  let last = performance.now();
  const tick = (now) => {
    if (!window.benchFrames) return;
    window.benchFrames.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP_FRAMES = `(() => {
  const frames = window.benchFrames ?? [];
  delete window.benchFrames;
  return frames.slice(1);
})()`;
const NOTES_IN_PAGE = `window.talkootCanvas?.notes().length ?? 0`;
const TWO_FRAMES = `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`;
const JS_HEAP = `performance.memory?.usedJSHeapSize ?? 0`;
// The camera, when the page exposes it: proves the wheel really panned and zoomed.
const VIEWPORT = `JSON.stringify(window.talkootCanvas?.viewport?.() ?? null)`;

/**
 * Frame-to-frame times of requestAnimationFrame while `act` runs, and the page's main-thread
 * busy time per frame over the same stretch (from a V8 CPU profile taken through CDP).
 * Headless Chromium paces frames at 60 Hz whatever the flags, so frame times cannot go below
 * 16.7 ms: a frame time over that is a missed frame; the busy time is the work each one took.
 */
async function frameTimes(
  page: Page,
  label: string,
  act: () => Promise<void>,
): Promise<{ frames: number[]; busyPerFrameMs: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await page.evaluate(START_FRAMES);
  await act();
  const frames = await page.evaluate<number[]>(STOP_FRAMES);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `client-${label}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  const { busyMs } = summarizeProfile(file);
  return { frames, busyPerFrameMs: frames.length > 0 ? busyMs / frames.length : Number.NaN };
}

/**
 * The board page in Chromium with a 2,000-note board, opened with a viewer link (no join screen):
 * time until every note is in the page, then frame times while panning and zooming with the wheel.
 */
async function clientRun(ctx: BenchContext, server: ServerHandle): Promise<RunOutcome> {
  const room = await server.newRoom();
  const holder = room.client(ctx.nextClientId(), 'editor');
  await ctx.pool.open([holder]);
  await ctx.pool.seed(holder.id, buildBoard(NOTES).updates);
  const viewer = room.client(0, 'viewer');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Frames as fast as the page can make them: with the 60 Hz limit every frame would read
      // 16.7 ms however little work it took, and "< 16 ms" could never be told from "16.7 ms".
      '--disable-frame-rate-limit',
      '--disable-gpu-vsync',
    ],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
    });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`http://127.0.0.1:${server.port}/board/${room.name}#token=${viewer.token}`);
    try {
      await page.waitForFunction(`(${NOTES_IN_PAGE}) >= ${NOTES}`, undefined, {
        timeout: RENDER_TIMEOUT_MS,
        polling: 50,
      });
    } catch (err) {
      // What the page showed instead is the first thing anyone will want to see.
      const shot = path.join(RESULTS, 'client-not-rendered.png');
      fs.mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: shot }).catch(() => undefined);
      const notes = await page.evaluate<number>(NOTES_IN_PAGE).catch(() => -1);
      throw new Error(
        `${notes} of ${NOTES} notes in the page after ${RENDER_TIMEOUT_MS / 1000} s ` +
          `(screenshot: ${path.relative(process.cwd(), shot)}; ${(err as Error).message.split('\n')[0]})`,
        { cause: err },
      );
    }
    await page.evaluate(TWO_FRAMES);
    const firstRenderMs = Date.now() - t0;
    const box = await page.locator('canvas').first().boundingBox();
    if (!box) throw new Error('no canvas on the board page');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await sleep(300);
    const viewBefore = await page.evaluate<string>(VIEWPORT);
    const pan = await frameTimes(page, 'pan', async () => {
      for (let i = 0; i < 150; i++) {
        await page.mouse.wheel(i % 60 < 30 ? 25 : -25, i % 40 < 20 ? 12 : -12);
        await sleep(16);
      }
    });
    const zoom = await frameTimes(page, 'zoom', async () => {
      await page.keyboard.down('Control');
      for (let i = 0; i < 80; i++) {
        await page.mouse.wheel(0, i % 40 < 20 ? 8 : -8);
        await sleep(16);
      }
      await page.keyboard.up('Control');
    });
    const heap = await page.evaluate<number>(JS_HEAP);
    const viewAfter = await page.evaluate<string>(VIEWPORT);
    const problems =
      viewBefore !== 'null' && viewBefore === viewAfter ? ['the wheel did not move the view'] : [];
    return {
      metrics: {
        notes: NOTES,
        firstRenderMs,
        panP50Ms: pct(pan.frames, 0.5),
        panP95Ms: pct(pan.frames, 0.95),
        panMissed: missedShare(pan.frames),
        panBusyMs: pan.busyPerFrameMs,
        zoomP50Ms: pct(zoom.frames, 0.5),
        zoomP95Ms: pct(zoom.frames, 0.95),
        zoomMissed: missedShare(zoom.frames),
        zoomBusyMs: zoom.busyPerFrameMs,
        heapMb: heap / (1024 * 1024),
      },
      valid: problems.length === 0,
      problems,
    };
  } finally {
    await browser.close();
    await ctx.pool.close();
  }
}

export const clientScenario: Scenario = {
  id: 'client',
  title: `7. Client: the board page with ${NOTES.toLocaleString('en')} notes in Chromium`,
  metrics: [
    { key: 'firstRenderMs', label: 'link → all notes in the page (ms)', digits: 0 },
    { key: 'panP50Ms', label: 'frame time panning p50 (ms)', digits: 1 },
    { key: 'panP95Ms', label: 'frame time panning p95 (ms)', digits: 1 },
    { key: 'panMissed', label: 'panning: frames over 20 ms (share)', digits: 3 },
    { key: 'panBusyMs', label: 'panning: main thread busy per frame (ms)', digits: 1 },
    { key: 'zoomP50Ms', label: 'frame time zooming p50 (ms)', digits: 1 },
    { key: 'zoomP95Ms', label: 'frame time zooming p95 (ms)', digits: 1 },
    { key: 'zoomMissed', label: 'zooming: frames over 20 ms (share)', digits: 3 },
    { key: 'zoomBusyMs', label: 'zooming: main thread busy per frame (ms)', digits: 1 },
    { key: 'heapMb', label: 'JS heap (MB)', digits: 1 },
  ],
  variants(ctx) {
    return [
      {
        id: `n${NOTES}`,
        label: `${NOTES.toLocaleString('en')} notes, viewer link, 1280×800`,
        reps: ctx.full ? 3 : 1,
        servers: ['talkoot'],
        run: (c, server) => clientRun(c, server),
      },
    ];
  },
};
