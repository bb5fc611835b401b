import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sanitizeRichText } from '@shared/outcome/richText';
import { createProposal } from '@shared/proposal/create';
import { readProposal, readProposals } from '@shared/proposal/read';
import { richHtml } from '../outcomes/render/html/richText';

describe('the server reading a proposal', () => {
  it('turns a proposal synced from another device into JSON and safe HTML', () => {
    const device = new Y.Doc();
    createProposal(device, 'c1', 'fi', { server: true });
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(device));

    const json = readProposal(server, 'c1');
    expect(json?.content?.[0]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: 'Haaste' }],
    });
    // Sections are stored as level-2 headings: under a page whose title is the h1 they are h2.
    const html = richHtml(sanitizeRichText(json), 1);
    expect(html).toContain('<h2 dir="auto">Haaste</h2>');
    expect(html).toContain('<h2 dir="auto">Seuraavat askeleet</h2>');
    expect(readProposals(server).map((p) => p.clusterId)).toEqual(['c1']);
  });
});
