import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { copyDoc, restoreBoardContent } from '../board/restore';
import { boardRoots } from '../board/roots';
import { seededRandom } from '../../tests/helpers/random';
import { createProposal } from './create';
import { citedNoteIds, proposalFragment, readProposal, readProposals } from './read';
import { NOTE_CITATION, isSafeLinkTarget, proposalSchema } from './schema';
import { proposalTemplate, TEMPLATE_HEADINGS, type ProposalJSON } from './template';

const SERVER = { server: true };

/** A proposal using every kind of content the toolbar offers, and a citation. */
export const RICH: ProposalJSON = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Challenge' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Trust ' },
        { type: 'text', text: 'first', marks: [{ type: 'bold' }, { type: 'italic' }] },
        { type: 'text', text: ', see ' },
        {
          type: 'text',
          text: 'the report',
          marks: [{ type: 'link', attrs: { href: 'https://example.org/r' } }],
        },
        { type: 'text', text: ' and ' },
        {
          type: 'text',
          text: '“Open data by default”',
          marks: [{ type: NOTE_CITATION, attrs: { noteId: 'note_1' } }],
        },
      ],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ministries' }] }],
        },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 1, type: null },
      content: [
        {
          type: 'listItem',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Pilot' }] }],
        },
      ],
    },
    {
      type: 'blockquote',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quote' }] }],
    },
  ],
};

function boardWithProposal(body: ProposalJSON, clusterId = 'c1'): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const fragment = new Y.XmlFragment();
    boardRoots(doc).proposals.set(clusterId, fragment);
    prosemirrorJSONToYXmlFragment(proposalSchema(), body, fragment);
  });
  return doc;
}

describe('the proposal schema', () => {
  it('loads in plain Node, with no DOM', () => {
    expect(typeof document).toBe('undefined');
    expect(typeof window).toBe('undefined');
    const schema = proposalSchema();
    expect(Object.keys(schema.marks)).toEqual(
      expect.arrayContaining(['bold', 'italic', 'link', NOTE_CITATION]),
    );
    expect(Object.keys(schema.nodes)).toEqual(
      expect.arrayContaining(['heading', 'bulletList', 'orderedList', 'blockquote']),
    );
  });

  it('keeps only http, https and mailto link targets', () => {
    expect(isSafeLinkTarget('https://example.org')).toBe(true);
    expect(isSafeLinkTarget('mailto:a@example.org')).toBe(true);
    expect(isSafeLinkTarget('javascript:alert(1)')).toBe(false);
    expect(isSafeLinkTarget('java\tscript:alert(1)')).toBe(false);
    expect(isSafeLinkTarget('data:text/html,<script>')).toBe(false);
    expect(isSafeLinkTarget('/relative')).toBe(false);
  });
});

describe('proposals in the board document', () => {
  it.each(['en', 'fi', 'sv'] as const)(
    'are created once from the %s template and read back as the same JSON',
    (lang) => {
      const doc = new Y.Doc();
      expect(readProposal(doc, 'c1')).toBeNull();
      expect(createProposal(doc, 'c1', lang, SERVER)).toBe(true);
      expect(createProposal(doc, 'c1', 'en', SERVER)).toBe(false);
      const json = readProposal(doc, 'c1');
      expect(json).toEqual(proposalTemplate(lang));
      const headings = json!.content!.filter((n) => n.type === 'heading');
      expect(headings.map((h) => h.content![0]!.text)).toEqual([...TEMPLATE_HEADINGS[lang]]);
    },
  );

  it('round-trip rich text and citations through a Yjs update to another document', () => {
    const source = boardWithProposal(RICH);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
    expect(readProposal(copy, 'c1')).toEqual(RICH);
    expect(citedNoteIds(readProposal(copy, 'c1'))).toEqual(['note_1']);
    expect(readProposals(copy)).toEqual([
      { clusterId: 'c1', body: RICH, citedNoteIds: ['note_1'] },
    ]);
  });

  it('drop what the schema does not know, never throw, and never write while reading', () => {
    const doc = boardWithProposal(proposalTemplate('en'));
    const fragment = proposalFragment(doc, 'c1')!;
    doc.transact(() => {
      const script = new Y.XmlElement('script');
      script.insert(0, [new Y.XmlText('alert(1)')]);
      const para = new Y.XmlElement('paragraph');
      para.setAttribute('style', 'color:red');
      const text = new Y.XmlText();
      para.insert(0, [text]);
      text.insert(0, 'styled', { blink: true });
      text.insert(6, ' kept', {});
      fragment.insert(0, [script, para, new Y.XmlText('stray')]);
      boardRoots(doc).proposals.set('junk', 42 as unknown as Y.XmlFragment);
    });
    const before = Y.encodeStateVector(doc);
    const json = readProposal(doc, 'c1')!;
    expect(JSON.stringify(json)).not.toMatch(/script|alert|style|blink|stray/);
    expect(json.content!.slice(-8)).toEqual(proposalTemplate('en').content);
    expect(readProposal(doc, 'junk')).toBeNull();
    expect(readProposals(doc).map((p) => p.clusterId)).toEqual(['c1']);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('concurrent random typing by three people converges to one proposal (seeded)', () => {
    const seed = Number(process.env.PROPOSAL_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const rand = seededRandom(seed);
    const server = new Y.Doc();
    createProposal(server, 'c1', 'fi', SERVER);
    const peers = [0, 1, 2].map(() => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(server));
      return d;
    });
    for (let round = 0; round < 30; round++) {
      for (const peer of peers) {
        const blocks = proposalFragment(peer, 'c1')!.toArray() as Y.XmlElement[];
        const block = blocks[Math.floor(rand() * blocks.length)]!;
        let text = block.get(0);
        if (!(text instanceof Y.XmlText)) {
          text = new Y.XmlText();
          block.insert(0, [text]);
        }
        const t = text as Y.XmlText;
        const at = Math.floor(rand() * (t.length + 1));
        if (rand() < 0.8 || t.length === 0)
          t.insert(at, `w${round}`, rand() < 0.3 ? { bold: true } : {});
        else t.delete(Math.min(at, t.length - 1), 1);
      }
      if (rand() < 0.5) {
        for (const a of peers) for (const b of peers) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      }
    }
    for (const a of peers) for (const b of peers) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const results = peers.map((p) => JSON.stringify(readProposal(p, 'c1')));
    expect(new Set(results).size, `seed ${seed}`).toBe(1);
    expect(readProposal(peers[0]!, 'c1')!.content).toHaveLength(8);
  });

  it('are brought back by restoring a snapshot, and removed when the snapshot had none', () => {
    const doc = boardWithProposal(RICH);
    const snapshot = copyDoc(doc);
    const text = proposalFragment(doc, 'c1')!.get(0) as Y.XmlElement;
    (text.get(0) as Y.XmlText).insert(0, 'Edited ');
    createProposal(doc, 'c2', 'sv', SERVER);
    expect(restoreBoardContent(doc, snapshot, { restore: true })).toBe(true);
    expect(readProposal(doc, 'c1')).toEqual(RICH);
    expect(readProposal(doc, 'c2')).toBeNull();
    expect(restoreBoardContent(doc, snapshot, { restore: true })).toBe(false);
  });
});
