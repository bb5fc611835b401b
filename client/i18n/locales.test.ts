import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import fi from './locales/fi.json';
import sv from './locales/sv.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('locales', () => {
  it('Finnish and Swedish translate every English string, and nothing else', () => {
    const reference = keys(en).sort();
    expect(keys(fi).sort()).toEqual(reference);
    expect(keys(sv).sort()).toEqual(reference);
  });

  it('has no empty strings', () => {
    for (const locale of [en, fi, sv]) {
      const flat = JSON.stringify(locale);
      expect(flat).not.toContain('""');
    }
  });
});
