import { describe, expect, it } from 'vitest';
import type { Board } from '@shared/board/read';
import { buildOutcome, mainLanguage } from './build';

const note = (id: string, over: Partial<Board['notes'][number]> = {}): Board['notes'][number] => ({
  id,
  text: id,
  color: 'yellow',
  x: 0,
  y: 0,
  authorId: 'u',
  authorName: 'Aino',
  lang: 'fi',
  clusterId: null,
  createdAt: 0,
  ...over,
});

const input = (content: Board) => ({
  board: { id: 'b', title: 'Board' },
  forum: { id: 'f', title: 'Forum' },
  version: 1,
  publishedAt: '2026-05-12T13:45:00.000Z',
  permalink: 'http://localhost/outcomes/b/v/1',
  content,
});

describe('building an outcome', () => {
  it('picks the most common note language, English when there are no notes', () => {
    expect(mainLanguage([])).toBe('en');
    expect(mainLanguage([{ lang: 'sv' }, { lang: 'fi' }, { lang: 'sv' }])).toBe('sv');
    expect(mainLanguage([{ lang: 'sv' }, { lang: 'fi' }])).toBe('fi');
  });

  it('publishes display names only, never for anonymous notes, and strips control characters', () => {
    const doc = buildOutcome(
      input({
        clusters: [],
        notes: [
          note('a', { authorId: null, authorName: 'Secret' }),
          note('b', { text: 'x\u0000y\u0007z' }),
          note('c', { authorName: '  ' }),
        ],
      }),
    );
    expect(doc.notes.map((n) => n.author)).toEqual([null, 'Aino', null]);
    expect(doc.notes[1]!.text).toBe('xyz');
    expect(JSON.stringify(doc)).not.toContain('"u"');
  });

  it('lists notes cluster by cluster in reading order, then the unclustered ones', () => {
    const cluster = (id: string, x: number, y: number) => ({
      id,
      title: id,
      x,
      y,
      width: 536,
      height: 324,
      order: 0,
      createdAt: 0,
    });
    const doc = buildOutcome(
      input({
        clusters: [cluster('lower', 0, 500), cluster('upper', 600, 0)],
        notes: [
          note('loose', { x: 0, y: 0 }),
          note('l2', { clusterId: 'lower', x: 200, y: 540 }),
          note('l1', { clusterId: 'lower', x: 16, y: 540 }),
          note('u1', { clusterId: 'upper', x: 616, y: 56 }),
        ],
      }),
    );
    expect(doc.clusters.map((c) => c.id)).toEqual(['upper', 'lower']);
    expect(doc.notes.map((n) => n.id)).toEqual(['u1', 'l1', 'l2', 'loose']);
  });

  it('keeps only votes and citations of notes that exist, and sanitises proposal bodies', () => {
    const doc = buildOutcome({
      ...input({ clusters: [], notes: [note('a'), note('b')] }),
      extras: {
        votes: {
          budget: 5,
          results: [
            { target: 'note', id: 'a', room: 1, remote: 0 },
            { target: 'note', id: 'b', room: 2, remote: 2 },
            { target: 'note', id: 'gone', room: 9, remote: 0 },
          ],
        },
        proposals: [
          {
            id: 'p',
            title: 'P',
            clusterId: 'gone',
            citedNoteIds: ['a', 'gone', 'a'],
            body: [
              {
                type: 'paragraph',
                content: [
                  {
                    type: 'text',
                    text: 'x',
                    marks: [{ type: 'link', attrs: { href: 'javascript:1' } }],
                  },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(doc.votes!.results.map((r) => r.id)).toEqual(['b', 'a']);
    expect(doc.proposals).toEqual([
      {
        id: 'p',
        title: 'P',
        clusterId: null,
        citedNoteIds: ['a'],
        body: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }],
      },
    ]);
  });
});
