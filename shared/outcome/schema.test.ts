import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  OutcomeDocumentSchema,
  outcomeJsonSchema,
  outcomeJsonSchemaText,
  type OutcomeDocument,
} from './schema';

const SCHEMA_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'outcome.schema.json');

export const SAMPLE_OUTCOME: OutcomeDocument = {
  schemaVersion: 1,
  board: { id: 'board1', title: 'Table 1' },
  forum: { id: 'forum1', title: 'AI ethics' },
  version: 1,
  publishedAt: '2026-05-12T13:45:00.000Z',
  language: 'fi',
  permalink: 'http://localhost:8080/outcomes/board1/v/1',
  clusters: [{ id: 'c1', title: 'Luottamus', x: 0, y: 0, width: 536, height: 324 }],
  notes: [
    {
      id: 'n1',
      text: 'Avoimuus',
      color: 'yellow',
      lang: 'fi',
      author: null,
      clusterId: 'c1',
      x: 16,
      y: 56,
    },
  ],
  votes: { budget: 5, results: [{ target: 'note', id: 'n1', room: 3, remote: 1 }] },
  proposals: [
    {
      id: 'p1',
      title: 'Open algorithms',
      clusterId: 'c1',
      body: [{ type: 'paragraph', content: [{ type: 'text', text: 'Publish them.' }] }],
      citedNoteIds: ['n1'],
    },
  ],
};

describe('the outcome schema', () => {
  it('the committed JSON Schema file says exactly what the zod schema generates', () => {
    // After changing schema.ts: UPDATE_OUTCOME_SCHEMA=1 npx vitest run shared/outcome, then
    // npx prettier --write shared/outcome/outcome.schema.json
    if (process.env.UPDATE_OUTCOME_SCHEMA === '1') {
      fs.writeFileSync(SCHEMA_FILE, outcomeJsonSchemaText());
    }
    expect(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(outcomeJsonSchema());
  });

  it('accepts a complete document and refuses unknown fields and unsafe links', () => {
    expect(OutcomeDocumentSchema.safeParse(SAMPLE_OUTCOME).success).toBe(true);
    expect(OutcomeDocumentSchema.safeParse({ ...SAMPLE_OUTCOME, extra: 1 }).success).toBe(false);
    const { votes: _v, proposals: _p, ...minimal } = SAMPLE_OUTCOME;
    expect(OutcomeDocumentSchema.safeParse(minimal).success).toBe(true);
    const badLink: OutcomeDocument = {
      ...SAMPLE_OUTCOME,
      proposals: [
        {
          ...SAMPLE_OUTCOME.proposals![0]!,
          body: [
            {
              type: 'paragraph',
              content: [
                {
                  type: 'text',
                  text: 'x',
                  marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(OutcomeDocumentSchema.safeParse(badLink).success).toBe(false);
  });
});
