/**
 * The published outcome in Chromium: an XSS corpus in notes, cluster titles, author names and
 * proposals executes nothing, every format stays well-formed, every honest character survives;
 * axe finds nothing serious; and a screenshot of a realistic page to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoardCommands } from '../../shared/board/commands';
import type { PublishedOutcome } from '../../shared/outcome/api';
import { OutcomeDocumentSchema, type OutcomeDocument } from '../../shared/outcome/schema';
import { defaultExtras } from '../../server/outcomes/extras';
import { apiCall } from '../helpers/api';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';
import { launchBrowser, SCREENSHOT_DIR } from './support/browser';
import { HONEST_TEXTS, HOSTILE_TEXTS, hostileProposal, parseCsv } from './support/outcomeCorpus';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await browser?.close();
  await server?.close();
});

async function newPage(options: { bypassCSP?: boolean; javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  contexts.push(context);
  const page = await context.newPage();
  const alarms: string[] = [];
  page.on('dialog', (d) => {
    alarms.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    // A bare SVG document cannot say it has no icon; the browser's guess is not the page's.
    if (!m.location().url.endsWith('/favicon.ico')) alarms.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => alarms.push(`pageerror: ${e.message}`));
  return { page, alarms };
}

/** Writes notes and clusters through a real provider, then freezes. */
async function publish(
  board: CreatedBoard,
  write: (cmd: ReturnType<typeof createBoardCommands>) => void,
): Promise<PublishedOutcome> {
  const writer = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
  await synced(writer.provider);
  write(createBoardCommands(writer.doc, { user: 'e2e' }));
  const count = writer.doc.getMap('notes').size;
  await waitFor(
    () => server.app.rooms.peek(board.id)?.board.doc.getMap('notes').size === count,
    10_000,
    'notes on the server',
  );
  const r = await apiCall<PublishedOutcome>(
    server.url,
    'POST',
    `/api/boards/${board.id}/freeze`,
    board.tokens.facilitator,
  );
  expect(r.status).toBe(201);
  await destroyAll(writer.provider);
  return r.body;
}

const text = async (url: string) => (await fetch(url)).text();

/** What can run script or leave the page, found in the live DOM. */
function activeContent(page: Page) {
  return page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    return {
      scripts: document.querySelectorAll('script').length,
      handlers: all.flatMap((el) =>
        Array.from(el.attributes)
          .filter((a) => a.name.toLowerCase().startsWith('on'))
          .map((a) => `${el.tagName}[${a.name}]`),
      ),
      unsafeLinks: Array.from(document.querySelectorAll('a[href]'))
        .map((a) => a.getAttribute('href') ?? '')
        .filter((href) => !/^(https?:|mailto:|\/|#|\?)/i.test(href)),
      embeds: document.querySelectorAll('iframe, object, embed, meta[http-equiv], base, form')
        .length,
      styles: document.querySelectorAll('style').length,
    };
  });
}

describe('the published outcome page', () => {
  it('runs nothing from an XSS corpus, keeps every format well-formed and every honest character', async () => {
    const board = await server.board('<script>alert("board")</script> Pöytä 1');
    const corpus = [...HOSTILE_TEXTS, ...HONEST_TEXTS];
    let proposalNote = '';
    server.app.outcomes.publisher.extras = async (room) => ({
      ...(await defaultExtras(room, server.app.store)),
      proposals: [hostileProposal(proposalNote)],
    });
    const published = await publish(board, (cmd) => {
      corpus.forEach((t, i) => {
        const cluster = cmd.addCluster({
          title: t.slice(0, 200),
          x: (i % 4) * 700,
          y: Math.floor(i / 4) * 500,
        });
        const id = cmd.addNote({
          text: t,
          x: -5000,
          y: -5000,
          authorId: `u${i}`,
          authorName: t.slice(0, 120),
          lang: (['en', 'fi', 'sv'] as const)[i % 3]!,
          clusterId: cluster,
        });
        if (i === 0) proposalNote = id;
      });
    });
    server.app.outcomes.publisher.extras = (room) => defaultExtras(room, server.app.store);

    // JSON: parses, follows the schema, keeps every honest text exactly.
    const json = JSON.parse(await text(published.formats.json)) as OutcomeDocument;
    expect(OutcomeDocumentSchema.safeParse(json).success).toBe(true);
    const noteTexts = json.notes.map((n) => n.text);
    // Control characters are never honest text: they are dropped, everything else is kept.
    const withoutControls = (t: string) =>
      Array.from(t)
        .filter((c) => c.charCodeAt(0) > 8)
        .join('');
    for (const t of corpus) expect(noteTexts).toContain(withoutControls(t));
    expect(json.proposals![0]!.body).not.toContain('javascript');

    // The page, with and without the CSP enforced: escaping alone must stop everything.
    for (const bypassCSP of [false, true]) {
      for (const lang of ['en', 'fi', 'sv']) {
        const { page, alarms } = await newPage({ bypassCSP });
        const res = await page.goto(`${published.url}?lang=${lang}`);
        expect(res?.status()).toBe(200);
        await page.waitForLoadState('load');
        // Click every link and hover everything that could carry a handler.
        for (const link of await page.locator('main a[href^="#"]').all()) await link.click();
        await page.mouse.move(10, 10);
        expect({ bypassCSP, lang, alarms }).toEqual({ bypassCSP, lang, alarms: [] });
        const active = await activeContent(page);
        expect(active).toEqual({ scripts: 0, handlers: [], unsafeLinks: [], embeds: 0, styles: 1 });
        const shown = await page.locator('.note .text').allTextContents();
        for (const t of HONEST_TEXTS) expect(shown).toContain(t);
        const titles = await page.locator('.cluster h3').allTextContents();
        for (const t of HONEST_TEXTS) expect(titles).toContain(t.slice(0, 200).trim() || 'x');
        expect(await page.locator('.proposal a[href^="javascript"]').count()).toBe(0);
        await page.context().close();
      }
    }

    // SVG: well-formed XML, opened directly it runs nothing, and its titles keep the texts.
    const svg = await text(published.formats.svg);
    const { page, alarms } = await newPage();
    await page.goto(published.formats.svg);
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        scripts: doc.querySelectorAll('script').length,
        titles: Array.from(doc.querySelectorAll('g > title'), (t) => t.textContent ?? ''),
      };
    }, svg);
    expect(parsed.error).toBeNull();
    expect(parsed.scripts).toBe(0);
    for (const t of HONEST_TEXTS)
      expect(parsed.titles.some((title) => title.startsWith(t))).toBe(true);
    expect(alarms).toEqual([]);

    // CSV: RFC 4180 round trip; formulas neutralised, everything else verbatim.
    const rows = parseCsv(await text(published.formats.csv));
    expect(rows[0]).toEqual(['cluster', 'text', 'votes', 'language', 'author']);
    expect(rows.length).toBe(json.notes.length + 1);
    for (const [i, note] of json.notes.entries()) {
      const cell = rows[i + 1]![1]!;
      expect(cell).toBe(/^[=+\-@\t\r\n＝＋－＠]/.test(note.text) ? `'${note.text}` : note.text);
      expect(rows[i + 1]!.every((c) => !/^[=+\-@\t\r]/.test(c))).toBe(true);
    }

    // Markdown: no raw HTML survives; outside code blocks (shown as text) every "<" is escaped
    // or opens one of our own links.
    const md = await text(published.formats.md);
    const outsideCode = md.replace(/^(`{3,})\n[\s\S]*?\n\1$/gm, '');
    expect(outsideCode).not.toBe(md);
    expect(outsideCode.match(/(^|[^\\])<(?!https?:\/\/)/gm)).toBeNull();
    expect(md).not.toMatch(/\]\(<?javascript:/i);
  });

  it('has no serious accessibility violations and reads well (screenshot)', async () => {
    const forum = await server.createForum('Tekoälyn etiikka — ekosysteemifoorumi');
    const board = await server.createBoard(forum.id, 'Pöytä 3: Luottamus ja avoimuus');
    let noteIds: string[] = [];
    let clusterIds: string[] = [];
    const published = await publish(board, (cmd) => {
      const a = cmd.addCluster({ title: 'Läpinäkyvyys', x: 0, y: 0 });
      const b = cmd.addCluster({ title: 'Vastuu ja valvonta', x: 600, y: 0 });
      // Notes given a cluster are placed in its free slots from outside it.
      const base = { x: -2000, y: -2000, lang: 'fi' as const };
      noteIds = [
        cmd.addNote({
          ...base,
          text: 'Algoritmien käyttö julkisessa päätöksenteossa kerrotaan avoimesti',
          authorId: 'u1',
          authorName: 'Aino Virtanen',
          clusterId: a,
        }),
        cmd.addNote({
          ...base,
          text: 'Selkokieliset selitykset päätöksistä',
          authorId: null,
          authorName: null,
          clusterId: a,
          color: 'blue',
        }),
        cmd.addNote({
          ...base,
          text: 'Riippumaton valvontaelin',
          authorId: 'u2',
          authorName: 'Björn Lindqvist',
          clusterId: b,
          color: 'green',
        }),
        cmd.addNote({
          ...base,
          text: 'Who is liable when an AI system errs?',
          lang: 'en',
          authorId: 'u3',
          authorName: 'Sam Lee',
          clusterId: b,
          color: 'pink',
        }),
        cmd.addNote({
          ...base,
          text: 'Datan laatu ja vinoumat',
          x: 1300,
          y: 40,
          authorId: 'u1',
          authorName: 'Aino Virtanen',
          color: 'orange',
        }),
      ];
      clusterIds = [a, b];
    });
    void published;
    // Votes and a proposal, as their features will hand them over.
    server.app.outcomes.publisher.extras = () => ({
      votes: {
        budget: 5,
        results: [
          { target: 'note', id: noteIds[0]!, room: 9, remote: 4 },
          { target: 'note', id: noteIds[2]!, room: 6, remote: 1 },
          { target: 'note', id: noteIds[1]!, room: 3, remote: 0 },
        ],
      },
      proposals: [
        {
          id: 'p1',
          title: 'Avoimuusrekisteri julkishallinnon algoritmeille',
          clusterId: clusterIds[0]!,
          citedNoteIds: [noteIds[0]!, noteIds[1]!],
          body: {
            type: 'doc',
            content: [
              { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Haaste' }] },
              {
                type: 'paragraph',
                content: [
                  {
                    type: 'text',
                    text: 'Kansalaiset eivät tiedä, missä päätöksissä algoritmeja käytetään.',
                  },
                ],
              },
              {
                type: 'heading',
                attrs: { level: 1 },
                content: [{ type: 'text', text: 'Ehdotus' }],
              },
              {
                type: 'bulletList',
                content: [
                  {
                    type: 'listItem',
                    content: [
                      {
                        type: 'paragraph',
                        content: [
                          { type: 'text', text: 'Julkinen ' },
                          { type: 'text', text: 'rekisteri', marks: [{ type: 'bold' }] },
                          { type: 'text', text: ' kaikista käytössä olevista järjestelmistä' },
                        ],
                      },
                    ],
                  },
                  {
                    type: 'listItem',
                    content: [
                      {
                        type: 'paragraph',
                        content: [
                          { type: 'text', text: 'Malli: ' },
                          {
                            type: 'text',
                            text: 'avoindata.fi',
                            marks: [{ type: 'link', attrs: { href: 'https://www.avoindata.fi/' } }],
                          },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        },
      ],
    });
    await apiCall(server.url, 'POST', `/api/boards/${board.id}/unfreeze`, board.tokens.facilitator);
    const v2 = await apiCall<PublishedOutcome>(
      server.url,
      'POST',
      `/api/boards/${board.id}/freeze`,
      board.tokens.facilitator,
    );
    server.app.outcomes.publisher.extras = (room) => defaultExtras(room, server.app.store);
    expect(v2.body.version).toBe(2);

    const { page, alarms } = await newPage({ javaScriptEnabled: false });
    await page.goto(v2.body.url);
    await page.getByRole('heading', { level: 1, name: 'Pöytä 3: Luottamus ja avoimuus' }).waitFor();
    await page.getByRole('img', { name: /Taulu kuvana: 2 ryhmää ja 5 muistilappua/ }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Kieli' }).getByRole('link').count()).toBe(3);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'outcome-page.png'), fullPage: true });

    const { page: axePage } = await newPage();
    for (const lang of ['fi', 'en', 'sv']) {
      await axePage.goto(`${v2.body.url}?lang=${lang}`);
      const results = await new AxeBuilder({ page: axePage })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect({ lang, serious }).toEqual({ lang, serious: [] });
    }
    await axePage.goto(`${server.url}/forums/${forum.id}/outcomes`);
    const index = await new AxeBuilder({ page: axePage }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(
      index.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    ).toEqual([]);
    await axePage.screenshot({
      path: path.join(SCREENSHOT_DIR, 'outcome-forum-index.png'),
      fullPage: true,
    });
    expect(alarms).toEqual([]);
  });
});
