import { z } from 'zod';
import { ID_PATTERN } from '../ids';
import { randomId } from './id';

/**
 * Sticky-note colours. `name` is stored in the doc and doubles as the i18n key suffix
 * (e.g. `color.yellow`); `hex` is the fill. All are light enough that black text passes WCAG AA
 * (contrast ≥ 4.5:1; the unit test checks it), so text colour never depends on the note colour.
 */
export const NOTE_COLORS = [
  { name: 'yellow', hex: '#FFF176' },
  { name: 'pink', hex: '#F8BBD0' },
  { name: 'blue', hex: '#B3E5FC' },
  { name: 'green', hex: '#C5E1A5' },
  { name: 'orange', hex: '#FFCC80' },
  { name: 'purple', hex: '#D1C4E9' },
] as const;

export type NoteColor = (typeof NOTE_COLORS)[number]['name'];

/** Colour names in palette order. */
export const NOTE_COLOR_NAMES: readonly NoteColor[] = NOTE_COLORS.map((c) => c.name);

/** Languages a note can be written in (the board's UI languages). */
export const NOTE_LANGS = ['en', 'fi', 'sv'] as const;

export type NoteLang = (typeof NOTE_LANGS)[number];

/** Size of every note on the canvas, in board units; notes are not resizable. */
export const NOTE_WIDTH = 160;
export const NOTE_HEIGHT = 120;

/** Limits in UTF-16 code units (what `String.length` and `<textarea maxLength>` count). */
export const MAX_NOTE_TEXT = 2000;
export const MAX_AUTHOR_NAME = 120;
export const MAX_AUTHOR_ID = 200;

/** Board coordinates are clamped to ±COORD_LIMIT so a bad drag cannot fling a note to Infinity. */
export const COORD_LIMIT = 1_000_000;

export interface Note {
  id: string;
  text: string;
  color: NoteColor;
  /** Top-left corner in board units. */
  x: number;
  y: number;
  /** null = anonymous. */
  authorId: string | null;
  authorName: string | null;
  lang: NoteLang;
  /** The cluster the note belongs to; a dangling id reads as null. */
  clusterId: string | null;
  /** Milliseconds since the epoch, from the author's clock. */
  createdAt: number;
}

/** Values a new note takes for fields the caller leaves out. */
export const noteDefaults = {
  text: '',
  color: 'yellow',
  authorId: null,
  authorName: null,
  clusterId: null,
} as const satisfies Partial<Note>;

/** The per-field keys of a note's Y.Map (the id is the key in the notes root, not a field). */
export const NOTE_FIELDS = [
  'text',
  'color',
  'x',
  'y',
  'authorId',
  'authorName',
  'lang',
  'clusterId',
  'createdAt',
] as const satisfies readonly (keyof Note)[];

const coord = z.number().min(-COORD_LIMIT).max(COORD_LIMIT);

// Unknown keys are stripped, not rejected, so an older client can still read a newer note.
const noteSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  text: z.string().max(MAX_NOTE_TEXT),
  color: z.enum(NOTE_COLOR_NAMES as [NoteColor, ...NoteColor[]]),
  x: coord,
  y: coord,
  authorId: z.string().min(1).max(MAX_AUTHOR_ID).nullable(),
  authorName: z.string().max(MAX_AUTHOR_NAME).nullable(),
  lang: z.enum(NOTE_LANGS),
  clusterId: z.string().regex(ID_PATTERN).nullable(),
  createdAt: z.number(),
});

/** True when `value` may be stored under the note field `key` (the schema of one Y.Map entry). */
export function isValidNoteField(key: string, value: unknown): boolean {
  const shape = noteSchema.shape as Record<string, z.ZodType | undefined>;
  const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
  return field !== undefined && field.safeParse(value).success;
}

/** A well-formed Note built from `value`, or null when anything is missing or out of range. */
export function validateNote(value: unknown): Note | null {
  const result = noteSchema.safeParse(value);
  return result.success ? result.data : null;
}

/** True when `value` is one of the palette's colour names. */
export function isNoteColor(value: unknown): value is NoteColor {
  return typeof value === 'string' && (NOTE_COLOR_NAMES as readonly string[]).includes(value);
}

/** True when `value` is a supported note language. */
export function isNoteLang(value: unknown): value is NoteLang {
  return typeof value === 'string' && (NOTE_LANGS as readonly string[]).includes(value);
}

/** The fill colour of a palette colour. */
export function noteColorHex(color: NoteColor): string {
  return NOTE_COLORS.find((c) => c.name === color)?.hex ?? NOTE_COLORS[0].hex;
}

/** A fresh random note id. */
export function newNoteId(): string {
  return randomId();
}

/** Cuts `text` to at most `max` code units without leaving half a surrogate pair at the end. */
export function clampText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return text.slice(0, end);
}

/** Clamps a coordinate into the board's range. */
export function clampCoord(value: number): number {
  return Math.min(COORD_LIMIT, Math.max(-COORD_LIMIT, value));
}
