import { describe, expect, it } from 'vitest';
import { searchNotes } from './search';

const notes = [
  { id: 'fi', text: 'Päiväkoti lähemmäs kotia' },
  { id: 'sv', text: 'Bättre cykelvägar i Åbo' },
  { id: 'en', text: 'More BIKE lanes' },
  { id: 'no', text: 'Smørbrød' },
];

describe('searchNotes', () => {
  it('ignores case', () => {
    expect(searchNotes(notes, 'bike')).toEqual(['en']);
  });

  it('ignores diacritics in both directions', () => {
    expect(searchNotes(notes, 'paivakoti')).toEqual(['fi']);
    expect(searchNotes(notes, 'ÅBO')).toEqual(['sv']);
    expect(searchNotes(notes, 'abo')).toEqual(['sv']);
    expect(searchNotes(notes, 'smorbrod')).toEqual(['no']);
  });

  it('requires every term and ignores blank queries', () => {
    expect(searchNotes(notes, 'bättre åbo')).toEqual(['sv']);
    expect(searchNotes(notes, 'bättre bike')).toEqual([]);
    expect(searchNotes(notes, '   ')).toEqual([]);
  });
});
