import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from '../../shared/board/commands';
import { readBoard } from '../../shared/board/read';
import { boardRoots } from '../../shared/board/roots';
import { sanitizeRichText } from '../../shared/outcome/richText';
import type { CreateProposalResult } from '../../shared/proposal/api';
import { proposalFragment, readProposal, readProposals } from '../../shared/proposal/read';
import { NOTE_CITATION } from '../../shared/proposal/schema';
import { proposalTemplate } from '../../shared/proposal/template';
import { richHtml } from '../../server/outcomes/render/html/richText';
import { apiCall } from '../helpers/api';
import { connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { startTestServer, type CreatedBoard, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const command = (board: CreatedBoard, body: unknown) =>
  apiCall(server.url, 'POST', `/api/boards/${board.id}/commands`, board.tokens.facilitator, body);

const draft = (board: CreatedBoard, clusterId: string, token: string | null, body: unknown) =>
  apiCall<CreateProposalResult>(
    server.url,
    'POST',
    `/api/boards/${board.id}/proposals/${clusterId}`,
    token,
    body,
  );

const serverDoc = (board: CreatedBoard) => server.app.rooms.peek(board.id)!.board.doc;

/** A board with two clusters (written by the facilitator) and both role connections synced. */
async function setUp() {
  const board = await server.board();
  const facilitator = connectProvider(server.syncUrl, board.id, board.tokens.facilitator);
  const participant = connectProvider(server.syncUrl, board.id, board.tokens.participant);
  await Promise.all([synced(facilitator.provider), synced(participant.provider)]);
  const f = createBoardCommands(facilitator.doc, {});
  const first = f.addCluster({ title: 'Trust', x: 0, y: 0 });
  const second = f.addCluster({ title: 'Data', x: 1000, y: 0 });
  const note = f.addNote({
    text: 'Open data by default',
    x: 40,
    y: 80,
    authorId: null,
    authorName: null,
    lang: 'en',
    clusterId: first,
  });
  await waitFor(() => readBoard(participant.doc).clusters.length === 2, 5000, 'clusters');
  await waitFor(() => readBoard(serverDoc(board)).clusters.length === 2, 5000, 'server');
  return { board, facilitator, participant, first, second, note };
}

/** Types `text` at the start of block `index` of a proposal, as the editor binding would. */
function typeInto(
  doc: Y.Doc,
  clusterId: string,
  index: number,
  text: string,
  attributes: Record<string, unknown> = {},
): void {
  doc.transact(() => {
    const block = proposalFragment(doc, clusterId)!.get(index) as Y.XmlElement;
    let yText = block.get(0);
    if (!(yText instanceof Y.XmlText)) {
      yText = new Y.XmlText();
      block.insert(0, [yText]);
    }
    (yText as Y.XmlText).insert(0, text, attributes);
  });
}

const plain = (doc: Y.Doc, clusterId: string) => JSON.stringify(readProposal(doc, clusterId));

describe('creating a proposal', () => {
  it('ten people pressing "Draft proposal" at once make exactly one proposal, from the template', async () => {
    const { board, facilitator, participant, first } = await setUp();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        draft(board, first, i % 2 ? board.tokens.participant : board.tokens.facilitator, {
          lang: 'fi',
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    expect(results.every((r) => r.body.clusterId === first)).toBe(true);
    expect(results.filter((r) => r.body.created)).toHaveLength(1);

    const doc = serverDoc(board);
    expect(Array.from(boardRoots(doc).proposals.keys())).toEqual([first]);
    expect(readProposal(doc, first)).toEqual(proposalTemplate('fi'));
    for (const device of [participant.doc, facilitator.doc]) {
      await waitFor(() => proposalFragment(device, first) !== null, 5000, 'proposal synced');
      expect(readProposal(device, first)).toEqual(proposalTemplate('fi'));
    }
    // Asking again later changes nothing.
    const again = await draft(board, first, board.tokens.participant, { lang: 'en' });
    expect(again).toEqual({ status: 200, body: { clusterId: first, created: false } });
    expect(readProposal(doc, first)).toEqual(proposalTemplate('fi'));
    await destroyAll(facilitator.provider, participant.provider);
  });

  it('refuse viewers, unknown clusters, bad bodies, frozen boards and closed phases or locks', async () => {
    const { board, facilitator, participant, first, second } = await setUp();
    const p = board.tokens.participant;
    expect((await draft(board, first, null, { lang: 'en' })).status).toBe(401);
    expect((await draft(board, first, board.tokens.viewer, { lang: 'en' })).status).toBe(403);
    expect((await draft(board, 'no-such-cluster', p, { lang: 'en' })).status).toBe(404);
    expect((await draft(board, 'not an id!', p, { lang: 'en' })).status).toBe(404);
    expect((await draft(board, first, p, { lang: 'de' })).status).toBe(400);
    expect((await draft(board, first, p, {})).status).toBe(400);

    await command(board, { type: 'setPhase', phase: 'vote' });
    const closed = await draft(board, first, p, { lang: 'en' });
    expect(closed.status).toBe(403);
    expect(closed.body).toMatchObject({ error: { code: 'forbidden' } });
    // Facilitators are not bound by phases.
    expect((await draft(board, first, board.tokens.facilitator, { lang: 'en' })).status).toBe(201);
    // An existing proposal is simply there, whatever the phase.
    expect((await draft(board, first, p, { lang: 'en' })).status).toBe(200);

    await command(board, { type: 'setPhase', phase: 'draft' });
    await command(board, { type: 'lockCluster', clusterId: second, locked: true });
    expect((await draft(board, second, p, { lang: 'en' })).status).toBe(403);
    await command(board, { type: 'lockCluster', clusterId: second, locked: false });

    await command(board, { type: 'freeze' });
    expect((await draft(board, second, board.tokens.facilitator, { lang: 'en' })).status).toBe(403);
    await command(board, { type: 'unfreeze' });
    expect((await draft(board, second, p, { lang: 'sv' })).status).toBe(201);
    await destroyAll(facilitator.provider, participant.provider);
  });
});

describe('editing a proposal', () => {
  it('participant edits pass in the draft phase and are undone in the vote phase and on a locked cluster', async () => {
    const { board, facilitator, participant, first, second } = await setUp();
    await command(board, { type: 'setPhase', phase: 'draft' });
    for (const id of [first, second]) {
      expect((await draft(board, id, board.tokens.facilitator, { lang: 'en' })).status).toBe(201);
      await waitFor(() => proposalFragment(participant.doc, id) !== null, 5000, 'synced');
    }
    const room = server.app.rooms.peek(board.id)!;

    typeInto(participant.doc, first, 1, 'Trust grows from openness. ');
    await waitFor(() => plain(facilitator.doc, first).includes('openness'), 5000, 'draft edit');
    expect(room.revertedByRules).toBe(0);

    await command(board, { type: 'setPhase', phase: 'vote' });
    const agreed = plain(facilitator.doc, first);
    typeInto(participant.doc, first, 1, 'Sneaky. ');
    await waitFor(() => room.revertedByRules === 1, 5000, 'revert in vote');
    await waitFor(() => plain(participant.doc, first) === agreed, 5000, 'sender converges');
    expect(plain(room.board.doc, first)).toBe(agreed);
    expect(plain(facilitator.doc, first)).toBe(agreed);
    // The facilitator may still write.
    typeInto(facilitator.doc, first, 3, 'Ministries. ');
    await waitFor(() => plain(participant.doc, first).includes('Ministries'), 5000, 'facilitator');

    await command(board, { type: 'setPhase', phase: 'draft' });
    await command(board, { type: 'lockCluster', clusterId: first, locked: true });
    const locked = plain(room.board.doc, first);
    typeInto(participant.doc, first, 1, 'Locked out. ');
    await waitFor(() => room.revertedByRules === 2, 5000, 'revert on locked cluster');
    await waitFor(() => plain(participant.doc, first) === locked, 5000, 'locked converges');
    // The other cluster's proposal stays open.
    typeInto(participant.doc, second, 1, 'Data is shared. ');
    await waitFor(() => plain(room.board.doc, second).includes('shared'), 5000, 'open cluster');
    expect(room.revertedByRules).toBe(2);
    await destroyAll(facilitator.provider, participant.provider);
  });

  it('participants can neither create nor delete proposals through the document', async () => {
    const { board, facilitator, participant, first, second } = await setUp();
    await command(board, { type: 'setPhase', phase: 'draft' });
    await draft(board, first, board.tokens.facilitator, { lang: 'en' });
    await waitFor(() => proposalFragment(participant.doc, first) !== null, 5000, 'synced');
    const room = server.app.rooms.peek(board.id)!;
    const proposals = boardRoots(participant.doc).proposals;
    proposals.set(second, new Y.XmlFragment());
    await waitFor(() => room.revertedByRules === 1, 5000, 'create reverted');
    proposals.delete(first);
    await waitFor(() => room.revertedByRules === 2, 5000, 'delete reverted');
    await waitFor(
      () => proposalFragment(participant.doc, first) !== null && !proposals.has(second),
      5000,
      'participant converges',
    );
    expect(readProposal(room.board.doc, first)).toEqual(proposalTemplate('en'));
    expect(Array.from(boardRoots(room.board.doc).proposals.keys())).toEqual([first]);
    await destroyAll(facilitator.provider, participant.provider);
  });
});

describe('reading proposals on the server', () => {
  it('the server reads what people typed back to JSON and HTML, with its citations', async () => {
    const { board, facilitator, participant, first, note } = await setUp();
    expect((await draft(board, first, board.tokens.participant, { lang: 'en' })).status).toBe(201);
    await waitFor(() => proposalFragment(participant.doc, first) !== null, 5000, 'synced');
    typeInto(participant.doc, first, 1, 'as the table said', {
      [NOTE_CITATION]: { noteId: note },
    });
    typeInto(participant.doc, first, 1, 'Open by default, ', { bold: {} });
    await waitFor(
      () => plain(serverDoc(board), first).includes('as the table said'),
      5000,
      'typing reaches the server',
    );

    const [proposal] = readProposals(serverDoc(board));
    expect(proposal).toMatchObject({ clusterId: first, citedNoteIds: [note] });
    expect(proposal!.body.content![1]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Open by default, ', marks: [{ type: 'bold' }] },
        {
          type: 'text',
          text: 'as the table said',
          marks: [{ type: NOTE_CITATION, attrs: { noteId: note } }],
        },
      ],
    });
    const html = richHtml(sanitizeRichText(proposal!.body), 1);
    expect(html).toContain('<h2 dir="auto">Challenge</h2>');
    expect(html).toContain('<p dir="auto"><strong>Open by default, </strong>as the table said</p>');
    await destroyAll(facilitator.provider, participant.provider);
  });
});
