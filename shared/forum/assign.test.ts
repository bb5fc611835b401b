import { describe, expect, it } from 'vitest';
import { chooseTable, normalizeTag, type TableLoad } from './assign';

/** mulberry32: a seeded PRNG so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POOL = ['mobility', 'data policy', 'public sector', 'company', 'research', 'civil society'];

describe('placing people at tables', () => {
  it('keeps tables within three people of each other and no tag over ceil(n/tables)+1 at any table (property test)', () => {
    const base = Number(process.env.TEST_SEED) || 20261127;
    for (let run = 0; run < 300; run++) {
      const seed = base + run;
      const rand = rng(seed);
      const tableCount = 2 + Math.floor(rand() * 9);
      const people = Math.floor(rand() * 120);
      const tables: Array<TableLoad & { members: string[][] }> = Array.from(
        { length: tableCount },
        (_, i) => ({
          id: `t${i}`,
          members: [],
        }),
      );
      // Skewed mixes: some tags are much more common than others.
      const weights = POOL.map(() => rand() ** 2);
      const tagTotals = new Map<string, number>();
      for (let p = 0; p < people; p++) {
        const tags = POOL.filter((_, i) => rand() < weights[i]!);
        const id = chooseTable(tables, tags)!;
        tables.find((t) => t.id === id)!.members.push(tags);
        for (const tag of tags) tagTotals.set(tag, (tagTotals.get(tag) ?? 0) + 1);
      }
      const sizes = tables.map((t) => t.members.length);
      expect({ seed, spread: Math.max(...sizes) - Math.min(...sizes) <= 3 }).toEqual({
        seed,
        spread: true,
      });
      for (const [tag, total] of tagTotals) {
        const limit = Math.ceil(total / tableCount) + 1;
        const worst = Math.max(
          ...tables.map((t) => t.members.filter((m) => m.includes(tag)).length),
        );
        expect({ seed, tag, ok: worst <= limit }).toEqual({ seed, tag, ok: true });
      }
    }
  });

  it('normalises tags and prefers the earlier table on ties', () => {
    expect(normalizeTag('  Data   Policy ')).toBe('data policy');
    const tables = [
      { id: 'a', members: [['Mobility']] },
      { id: 'b', members: [['research']] },
    ];
    expect(chooseTable(tables, ['mobility '])).toBe('b');
    expect(chooseTable(tables, [])).toBe('a');
    expect(chooseTable([], ['x'])).toBeNull();
  });
});
