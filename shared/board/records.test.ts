import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../ids';
import { MAX_CLUSTER_TITLE, validateCluster, newClusterId } from './cluster';
import {
  MAX_NOTE_TEXT,
  NOTE_COLORS,
  clampText,
  newNoteId,
  noteColorHex,
  validateNote,
} from './note';
import type { Note } from './note';

const note: Note = {
  id: 'note-1',
  text: 'Hei',
  color: 'yellow',
  x: 10,
  y: -20,
  authorId: null,
  authorName: null,
  lang: 'fi',
  clusterId: null,
  createdAt: 1,
};

function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

describe('note records', () => {
  it('a complete note validates and comes back unchanged', () => {
    expect(validateNote(note)).toEqual(note);
  });

  it('unknown fields are stripped so newer notes stay readable', () => {
    expect(validateNote({ ...note, votes: 3 })).toEqual(note);
  });

  it.each([
    ['a missing field', { ...note, lang: undefined }],
    ['an unknown colour', { ...note, color: 'black' }],
    ['an unknown language', { ...note, lang: 'de' }],
    ['a non-finite coordinate', { ...note, x: Number.POSITIVE_INFINITY }],
    ['NaN', { ...note, y: Number.NaN }],
    ['text over the limit', { ...note, text: 'x'.repeat(MAX_NOTE_TEXT + 1) }],
    ['a malformed id', { ...note, id: 'a b' }],
    ['a non-object', 'note'],
  ])('a note with %s is rejected', (_, value) => {
    expect(validateNote(value)).toBeNull();
  });

  it('every palette colour gives black text at least WCAG AA contrast', () => {
    expect(NOTE_COLORS).toHaveLength(6);
    for (const { name, hex } of NOTE_COLORS) {
      expect(noteColorHex(name)).toBe(hex);
      const ratio = (relativeLuminance(hex) + 0.05) / 0.05;
      expect(ratio, name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('new ids are url-safe and distinct', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newNoteId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
    expect(newClusterId()).toMatch(ID_PATTERN);
  });

  it('clamping text never leaves half an emoji behind', () => {
    expect(clampText('ab🙂', 3)).toBe('ab');
    expect(clampText('abc', 3)).toBe('abc');
  });
});

describe('cluster records', () => {
  const cluster = {
    id: 'c1',
    title: 'Ideas',
    x: 0,
    y: 0,
    width: 300,
    height: 200,
    order: 1,
    createdAt: 1,
  };

  it('a complete cluster validates', () => {
    expect(validateCluster(cluster)).toEqual(cluster);
  });

  it.each([
    ['zero width', { ...cluster, width: 0 }],
    ['a title over the limit', { ...cluster, title: 'x'.repeat(MAX_CLUSTER_TITLE + 1) }],
    ['a missing order', { ...cluster, order: undefined }],
  ])('a cluster with %s is rejected', (_, value) => {
    expect(validateCluster(value)).toBeNull();
  });
});
