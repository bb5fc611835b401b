import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { createBoardCommands } from '@shared/board/commands';
import { readProposal } from '@shared/proposal/read';
import { apiCall } from '../helpers/api';
import { connectProvider, destroyAll, synced } from '../helpers/clients';
import type { CreatedBoard } from '../helpers/server';
import { useE2E } from './support/fixture';
import { screenshot } from './support/browser';
import { canvasClusters, canvasNotes, joinBoard, openOutline } from './support/board';

const e2e = useE2E();

const NOTE_TEXTS = ['Open data by default', 'Citizens co-design services'];

/** A board with one cluster, "Trust", holding two notes (written by a facilitator's device). */
async function seededBoard(title: string) {
  const server = e2e.server();
  const board = await server.board(title);
  const seed = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
  await synced(seed.provider);
  const cmd = createBoardCommands(seed.doc, {});
  const clusterId = cmd.addCluster({ title: 'Trust', x: 40, y: 40, width: 560, height: 340 });
  const noteIds = NOTE_TEXTS.map((text, i) =>
    cmd.addNote({
      text,
      x: 60 + i * 180,
      y: 100,
      authorId: null,
      authorName: null,
      lang: 'en',
      clusterId,
    }),
  );
  return { board, clusterId, noteIds, seed };
}

/** Opens the proposal from the canvas: select the cluster by its title strip, then the button. */
async function openFromCanvas(page: Page): Promise<void> {
  await expect.poll(async () => (await canvasClusters(page)).length).toBe(1);
  const [cluster] = await canvasClusters(page);
  await page.mouse.click(cluster!.x + 40, cluster!.y + 16);
  await page.getByRole('button', { name: 'Draft proposal for “Trust”' }).click();
}

/** Opens the proposal from the outline's cluster section. */
async function openFromOutline(page: Page): Promise<void> {
  await openOutline(page);
  await page.getByRole('button', { name: 'Draft proposal for “Trust”' }).click();
}

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Proposal text' });
const formatting = (page: Page) => page.getByRole('toolbar', { name: 'Formatting' });

/** Clicks at the end of the paragraph that follows the heading `heading`. */
async function caretAfterHeading(page: Page, heading: string): Promise<void> {
  const paragraph = editorOf(page).locator(`h2:text-is("${heading}") + p`);
  await paragraph.click();
  await page.keyboard.press('End');
}

describe('co-drafting a proposal', () => {
  it('two people type into one proposal at once, see each other’s carets, and converge', async () => {
    const { board, seed } = await seededBoard('Proposals together');
    const aino = await e2e.person();
    const bengt = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await joinBoard(bengt.page, board.links.participant, 'Bengt');

    await openFromCanvas(aino.page);
    await openFromOutline(bengt.page);
    for (const { page } of [aino, bengt]) {
      await expect.poll(() => editorOf(page).textContent()).toContain('Next steps');
      for (const name of ['Bold', 'Italic', 'Heading', 'Bullet list', 'Numbered list']) {
        await formatting(page).getByRole('button', { name }).waitFor();
      }
      for (const name of ['Quote', 'Link', 'Undo', 'Redo']) {
        await formatting(page).getByRole('button', { name }).waitFor();
      }
    }
    // The template was created once, in the notes' language.
    const headings = await editorOf(aino.page).locator('h2').allTextContents();
    expect(headings).toEqual(['Challenge', 'Proposal', 'Who acts', 'Next steps']);

    await caretAfterHeading(aino.page, 'Challenge');
    await caretAfterHeading(bengt.page, 'Who acts');
    await Promise.all([
      aino.page.keyboard.type('People trust what they can see.', { delay: 15 }),
      bengt.page.keyboard.type('Ministries and cities together.', { delay: 15 }),
    ]);
    for (const { page } of [aino, bengt]) {
      await expect
        .poll(() => editorOf(page).textContent())
        .toMatch(/People trust what they can see\..*Ministries and cities together\./);
    }
    await expect
      .poll(async () => (await normalized(aino.page)) === (await normalized(bengt.page)))
      .toBe(true);

    // Carets: each sees the other's name in the text.
    await expect
      .poll(() => aino.page.locator('.collaboration-carets__label', { hasText: 'Bengt' }).count())
      .toBe(1);
    await expect
      .poll(() => bengt.page.locator('.collaboration-carets__label', { hasText: 'Aino' }).count())
      .toBe(1);
    await screenshot(aino.page, 'proposal-typing-aino');
    await screenshot(bengt.page, 'proposal-typing-bengt');

    // Formatting travels too; undo takes back only one's own typing.
    await aino.page.keyboard.press('Shift+Home');
    await formatting(aino.page).getByRole('button', { name: 'Bold' }).click();
    await expect
      .poll(() => textOf(editorOf(bengt.page).locator('strong')))
      .toBe('People trust what they can see.');
    await editorOf(bengt.page).locator('h2:text-is("Who acts") + p').click();
    await bengt.page.keyboard.press('End');
    await bengt.page.keyboard.type(' Soon.');
    await expect.poll(() => editorOf(aino.page).textContent()).toContain('together. Soon.');
    const undo = formatting(aino.page).getByRole('button', { name: 'Undo' });
    await undo.click();
    await undo.click();
    await expect
      .poll(() => editorOf(bengt.page).textContent())
      .not.toContain('People trust what they can see.');
    expect(await editorOf(bengt.page).textContent()).toContain(
      'Ministries and cities together. Soon.',
    );
    await destroyAll(seed.provider);
  });

  it('a citation links to its note and still finds it after the note has moved', async () => {
    const { board, clusterId, noteIds, seed } = await seededBoard('Citations');
    const aino = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await openFromCanvas(aino.page);
    await expect.poll(() => editorOf(aino.page).textContent()).toContain('Next steps');

    // Keyboard: the panel's heading has focus; Tab reaches Close, then the toolbar, whose arrow
    // keys move along it.
    const focused = () =>
      aino.page.evaluate(
        () =>
          document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent,
      );
    expect(await focused()).toBe('Proposal: Trust');
    await aino.page.keyboard.press('Tab');
    expect(await focused()).toBe('Close proposal');
    await aino.page.keyboard.press('Tab');
    expect(await focused()).toBe('Bold');
    await aino.page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Italic');
    const axe = await new AxeBuilder({ page: aino.page })
      .include('.proposal-panel')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);

    await caretAfterHeading(aino.page, 'Challenge');
    await aino.page.keyboard.type('As the table put it: ');
    const notes = aino.page.getByRole('region', { name: 'Notes in this cluster' });
    await notes.getByRole('button', { name: 'Cite note “Open data by default”' }).click();
    const citation = editorOf(aino.page).locator(`a[data-note-id="${noteIds[0]}"]`);
    await expect.poll(() => citation.textContent()).toBe('“Open data by default”');

    // Someone moves the note far away; the citation stores the note's id, not where it was.
    createBoardCommands(seed.doc, {}).moveNotes([{ id: noteIds[0]!, x: 3200, y: 2600 }]);
    const onScreen = async () => {
      const note = (await canvasNotes(aino.page)).find((n) => n.id === noteIds[0]);
      const canvas = await aino.page
        .getByRole('application', { name: 'Board canvas' })
        .boundingBox();
      if (!note || !canvas) return false;
      return (
        note.x >= canvas.x &&
        note.y >= canvas.y &&
        note.x + note.width <= canvas.x + canvas.width &&
        note.y + note.height <= canvas.y + canvas.height
      );
    };
    await expect
      .poll(async () => (await canvasNotes(aino.page)).find((n) => n.id === noteIds[0])?.clusterId)
      .toBeNull();
    expect(await onScreen()).toBe(false);

    await citation.click();
    await expect.poll(onScreen).toBe(true);
    await expect.poll(() => aino.page.getByText('1 note selected').count()).toBe(1);
    expect(await citation.textContent()).toBe('“Open data by default”');
    await screenshot(aino.page, 'proposal-citation');

    // The server reads the citation from the document.
    const doc = e2e.server().app.rooms.peek(board.id)!.board.doc;
    await expect
      .poll(() => JSON.stringify(readProposal(doc, clusterId)))
      .toContain(`"noteId":"${noteIds[0]}"`);
    await destroyAll(seed.provider);
  });

  it('pasted scripts, event handlers and styles are dropped: nothing executable reaches anyone', async () => {
    const { board, clusterId, seed } = await seededBoard('Paste');
    const aino = await e2e.person();
    const bengt = await e2e.person();
    const dialogs: string[] = [];
    for (const { page } of [aino, bengt]) {
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    }
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await joinBoard(bengt.page, board.links.participant, 'Bengt');
    await openFromCanvas(aino.page);
    await openFromCanvas(bengt.page);
    await expect.poll(() => editorOf(aino.page).textContent()).toContain('Next steps');
    await caretAfterHeading(aino.page, 'Proposal');

    const html =
      '<p>Before</p><script>alert(1)</script><img src=x onerror="alert(2)">' +
      '<p style="color:red;background:url(javascript:alert(3))" onclick="alert(4)">After ' +
      '<a href="javascript:alert(5)">bad link</a> and <a href="https://example.org/" ' +
      'target="_top" class="button--danger">good link</a></p>' +
      '<iframe src="javascript:alert(6)"></iframe><svg><script>alert(7)</script></svg>';
    await editorOf(aino.page).evaluate((el, pasted) => {
      const data = new DataTransfer();
      data.setData('text/html', pasted);
      data.setData('text/plain', 'Before After bad link and good link');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, html);

    await expect.poll(() => editorOf(bengt.page).textContent()).toContain('good link');
    await new Promise((r) => setTimeout(r, 500));
    expect(dialogs).toEqual([]);
    for (const { page } of [aino, bengt]) {
      const found = await editorOf(page).evaluate((el) => ({
        // ProseMirror's own caret helper (<img class="ProseMirror-separator">, no source) aside.
        dangerous: el.querySelectorAll(
          'script, img:not(.ProseMirror-separator), img[src], iframe, svg, object, embed',
        ).length,
        handlers: Array.from(el.querySelectorAll('*')).filter((e) =>
          Array.from(e.attributes).some((a) => a.name.startsWith('on')),
        ).length,
        styled: el.querySelectorAll(
          '[style]:not(.collaboration-carets__caret, .collaboration-carets__label)',
        ).length,
        hrefs: Array.from(el.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')),
        classes: el.querySelectorAll('.button--danger').length,
      }));
      expect(found).toEqual({
        dangerous: 0,
        handlers: 0,
        styled: 0,
        hrefs: ['https://example.org/'],
        classes: 0,
      });
      expect(await editorOf(page).textContent()).toContain('After bad link and good link');
    }
    const stored = JSON.stringify(
      readProposal(e2e.server().app.rooms.peek(board.id)!.board.doc, clusterId),
    );
    expect(stored).not.toMatch(
      /script|alert|onerror|onclick|style|javascript|iframe|button--danger/,
    );
    await screenshot(aino.page, 'proposal-paste');
    await destroyAll(seed.provider);
  });

  it('is read-only outside the drafting phase and on a locked cluster, and says why', async () => {
    const { board, clusterId, seed } = await seededBoard('Phases');
    const command = (b: CreatedBoard, body: unknown) =>
      apiCall(e2e.server().url, 'POST', `/api/boards/${b.id}/commands`, b.tokens.facilitator, body);
    await command(board, { type: 'setPhase', phase: 'draft' });
    const aino = await e2e.person();
    await joinBoard(aino.page, board.links.participant, 'Aino');
    await openFromCanvas(aino.page);
    const editor = editorOf(aino.page);
    await expect.poll(() => editor.getAttribute('aria-readonly')).toBe('false');
    await expect.poll(() => editor.textContent()).toContain('Next steps');

    await command(board, { type: 'setPhase', phase: 'vote' });
    await expect.poll(() => editor.getAttribute('aria-readonly')).toBe('true');
    await aino.page
      .getByText('Proposals can be edited when the facilitator opens the drafting phase.')
      .waitFor();
    expect(await formatting(aino.page).getByRole('button', { name: 'Bold' }).isDisabled()).toBe(
      true,
    );
    await screenshot(aino.page, 'proposal-readonly');

    await command(board, { type: 'setPhase', phase: 'draft' });
    await command(board, { type: 'lockCluster', clusterId, locked: true });
    await aino.page.getByText('The facilitator has locked this cluster.').waitFor();
    expect(await editor.getAttribute('aria-readonly')).toBe('true');
    await command(board, { type: 'lockCluster', clusterId, locked: false });
    await expect.poll(() => editor.getAttribute('aria-readonly')).toBe('false');
    await destroyAll(seed.provider);
  });
});

/** Text as the person reads it: without the name labels of others' carets. */
async function textOf(locator: ReturnType<Page['locator']>): Promise<string> {
  return locator.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
    return copy.textContent ?? '';
  });
}

/**
 * The editor's HTML without what differs per screen: others' carets and selections, and the
 * helper elements ProseMirror puts next to them.
 */
async function normalized(page: Page): Promise<string> {
  return editorOf(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy
      .querySelectorAll(
        '.collaboration-carets__caret, .ProseMirror-separator, .ProseMirror-trailingBreak',
      )
      .forEach((c) => c.remove());
    copy
      .querySelectorAll('.ProseMirror-yjs-selection')
      .forEach((s) => s.replaceWith(...Array.from(s.childNodes)));
    return copy.innerHTML;
  });
}
