import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { createBoardCommands } from '@shared/board/commands';
import { readBoard } from '@shared/board/read';
import { boardRoots } from '@shared/board/roots';
import { createProposal } from '@shared/proposal/create';
import { proposalSchema } from '@shared/proposal/schema';
import { buildOutcome } from './build';
import { publishedProposals } from './extras';
import { renderOutcomeFiles } from './render/files';

const SERVER = { server: true };
const note = { x: -900, y: -900, authorId: null, authorName: null, lang: 'fi' } as const;

function boardWithProposals() {
  const doc = new Y.Doc();
  const cmd = createBoardCommands(doc, { user: 'a' });
  const drafted = cmd.addCluster({ title: 'Avoimuus', x: 0, y: 0 });
  const empty = cmd.addCluster({ title: 'Vastuu', x: 700, y: 0 });
  const cited = cmd.addNote({ ...note, text: 'Avoin data', clusterId: drafted });
  createProposal(doc, drafted, 'fi', SERVER);
  createProposal(doc, empty, 'fi', SERVER);
  const fragment = boardRoots(doc).proposals.get(drafted)!;
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(
      proposalSchema(),
      {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ehdotus' }] },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Julkaistaan ' },
              {
                type: 'text',
                text: 'avoin data',
                marks: [{ type: 'noteCitation', attrs: { noteId: cited } }],
              },
            ],
          },
        ],
      },
      fragment,
    );
  }, SERVER);
  return { doc, drafted, cited };
}

describe('proposals in a published outcome', () => {
  it('publishes drafted proposals titled by their cluster, leaving template-only ones out', () => {
    const { doc, drafted, cited } = boardWithProposals();
    const proposals = publishedProposals(doc);
    expect(proposals.map((p) => [p.id, p.title, p.clusterId, p.citedNoteIds])).toEqual([
      [drafted, 'Avoimuus', drafted, [cited]],
    ]);
    const outcome = buildOutcome({
      board: { id: 'b', title: 'B' },
      forum: { id: 'f', title: 'F' },
      version: 1,
      publishedAt: '2026-05-12T13:45:00.000Z',
      permalink: 'http://localhost/outcomes/b/v/1',
      content: readBoard(doc),
      extras: { proposals },
    });
    expect(outcome.proposals![0]!.body[1]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Julkaistaan ' },
        {
          type: 'text',
          text: 'avoin data',
          marks: [{ type: 'noteCitation', attrs: { noteId: cited } }],
        },
      ],
    });
    const html = renderOutcomeFiles(outcome, { publicUrl: 'http://localhost' }).files.find(
      (f) => f.format === 'html-fi',
    )!;
    expect(Buffer.from(html.data).toString()).toContain(
      `<a href="#note-${cited}" class="cite">avoin data</a>`,
    );
  });
});
