import { z } from 'zod';
import { NOTE_COLOR_NAMES, NOTE_LANGS, type NoteColor } from '../board/note';
import { ID_PATTERN } from '../ids';
import { SIMPLE_MARKS, type RichBlock, type RichInline, type RichListItem } from './richText';

/**
 * The published outcome format (docs/OUTCOME_SCHEMA.md). This zod schema is the single source:
 * the TypeScript types are inferred from it and `shared/outcome/outcome.schema.json` is generated
 * from it (a unit test keeps the file in step). A published document never changes, so each one
 * names the schema version it follows; any change to the format is a new version.
 */
export const OUTCOME_SCHEMA_VERSION = 1;

/** Where the JSON Schema of each version is served, relative to the server's public URL. */
export function outcomeSchemaPath(version: number = OUTCOME_SCHEMA_VERSION): string {
  return `/outcomes/schema/v${version}.json`;
}

const Id = z.string().regex(ID_PATTERN);
const Count = z.int().min(0);

const Mark = z.union([
  z.strictObject({ type: z.enum(SIMPLE_MARKS) }),
  z.strictObject({
    type: z.literal('link'),
    attrs: z.strictObject({ href: z.string().regex(/^(https?:|mailto:)/i) }),
  }),
  z
    .strictObject({ type: z.literal('noteCitation'), attrs: z.strictObject({ noteId: Id }) })
    .meta({ description: 'Cites a note of this outcome by its id.' }),
]);

const TextNode = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1),
  marks: z.array(Mark).optional(),
});

const Inline: z.ZodType<RichInline> = z
  .union([TextNode, z.strictObject({ type: z.literal('hardBreak') })])
  .meta({ id: 'richInline' });

const ListItem: z.ZodType<RichListItem> = z
  .strictObject({
    type: z.literal('listItem'),
    get content() {
      return z.array(Block);
    },
  })
  .meta({ id: 'richListItem' });

const Block: z.ZodType<RichBlock> = z
  .union([
    z.strictObject({ type: z.literal('paragraph'), content: z.array(Inline).optional() }),
    z.strictObject({
      type: z.literal('heading'),
      attrs: z.strictObject({ level: z.int().min(1).max(6) }),
      content: z.array(Inline).optional(),
    }),
    z.strictObject({ type: z.literal('bulletList'), content: z.array(ListItem) }),
    z.strictObject({
      type: z.literal('orderedList'),
      attrs: z.strictObject({ start: z.int() }).optional(),
      content: z.array(ListItem),
    }),
    z.strictObject({
      type: z.literal('blockquote'),
      get content() {
        return z.array(Block);
      },
    }),
    z.strictObject({ type: z.literal('codeBlock'), content: z.array(TextNode).optional() }),
    z.strictObject({ type: z.literal('horizontalRule') }),
  ])
  .meta({ id: 'richBlock', description: 'A block of formatted text (a ProseMirror JSON subset).' });

export const OutcomeClusterSchema = z
  .strictObject({
    id: Id,
    title: z.string().meta({ description: 'May be empty: an untitled cluster.' }),
    x: z.number(),
    y: z.number(),
    width: z.number().positive(),
    height: z.number().positive(),
  })
  .meta({ id: 'cluster', description: 'A titled group of notes; board units, origin top-left.' });

export const OutcomeNoteSchema = z
  .strictObject({
    id: Id,
    text: z.string(),
    color: z.enum(NOTE_COLOR_NAMES as [NoteColor, ...NoteColor[]]),
    lang: z.enum(NOTE_LANGS),
    author: z
      .string()
      .nullable()
      .meta({ description: "The author's display name; null for an anonymous note." }),
    clusterId: Id.nullable(),
    x: z.number(),
    y: z.number(),
  })
  .meta({ id: 'note', description: 'A sticky note (160 × 120 board units).' });

export const OutcomeVotesSchema = z
  .strictObject({
    budget: z.int().min(1).nullable().meta({ description: 'Dots each person had; null if unset.' }),
    results: z.array(
      z.strictObject({
        target: z.enum(['note', 'cluster']),
        id: Id,
        room: Count.meta({ description: 'Dots from people in the room.' }),
        remote: Count.meta({ description: 'Dots from remote attendees, counted apart.' }),
      }),
    ),
  })
  .meta({ id: 'votes', description: 'Dot-vote results, most votes first.' });

export const OutcomeProposalSchema = z
  .strictObject({
    id: Id,
    title: z.string(),
    clusterId: Id.nullable(),
    body: z.array(Block),
    citedNoteIds: z.array(Id).meta({ description: 'Notes the proposal came from.' }),
  })
  .meta({ id: 'proposal' });

export const OutcomeDocumentSchema = z
  .strictObject({
    schemaVersion: z.literal(OUTCOME_SCHEMA_VERSION),
    board: z.strictObject({ id: Id, title: z.string() }),
    forum: z.strictObject({ id: Id, title: z.string() }),
    version: z.int().min(1).meta({ description: 'Published versions of a board count from 1.' }),
    publishedAt: z
      .string()
      .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
      .meta({ format: 'date-time', description: 'When the board was frozen (UTC, ISO 8601).' }),
    language: z.enum(NOTE_LANGS).meta({ description: "The board's main language." }),
    permalink: z.url().meta({ description: 'The HTML page of this version.' }),
    clusters: z.array(OutcomeClusterSchema),
    notes: z.array(OutcomeNoteSchema),
    votes: OutcomeVotesSchema.optional(),
    proposals: z.array(OutcomeProposalSchema).optional(),
  })
  .meta({
    title: 'Talkoot published outcome',
    description: 'One immutable published version of a Talkoot board.',
  });

export type OutcomeDocument = z.infer<typeof OutcomeDocumentSchema>;
export type OutcomeCluster = z.infer<typeof OutcomeClusterSchema>;
export type OutcomeNote = z.infer<typeof OutcomeNoteSchema>;
export type OutcomeVotes = z.infer<typeof OutcomeVotesSchema>;
export type OutcomeProposal = z.infer<typeof OutcomeProposalSchema>;

/** The JSON Schema (draft 2020-12) of the current version, as served and committed. */
export function outcomeJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(OutcomeDocumentSchema, { target: 'draft-2020-12' });
  return { $schema, $id: `urn:talkoot:outcome:v${OUTCOME_SCHEMA_VERSION}`, ...rest };
}

/** The committed file's exact text: two-space JSON and a final newline. */
export function outcomeJsonSchemaText(): string {
  return JSON.stringify(outcomeJsonSchema(), null, 2) + '\n';
}
