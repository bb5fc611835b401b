/** A table as the placement sees it: who sits there already, by their expertise tags. */
export interface TableLoad {
  id: string;
  /** Tags of each person already placed at this table. */
  members: readonly (readonly string[])[];
}

/** Tags compare case- and space-insensitively ("Data policy" = "data policy "). */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/g, ' ');
}

function tagCount(table: TableLoad, tag: string): number {
  let n = 0;
  for (const member of table.members) if (member.some((t) => normalizeTag(t) === tag)) n += 1;
  return n;
}

/**
 * Picks the table for a newcomer so that each table mixes expertise while tables stay about the
 * same size. For each of the newcomer's tags, a table's excess is how far that tag would be over
 * its fair share there (its count so far across all tables, divided evenly). Among tables at most
 * two people larger than the smallest (size itself is balanced as one more tag everyone has), the one with the smallest worst excess wins, then the
 * smallest total excess, then the smaller table, then the earlier one: a common tag ("company")
 * may repeat at a table before a rare one does. Returns null when there is no table.
 */
export function chooseTable(tables: readonly TableLoad[], tags: readonly string[]): string | null {
  if (tables.length === 0) return null;
  const wanted = Array.from(new Set(tags.map(normalizeTag).filter((t) => t.length > 0)));
  const totals = wanted.map((tag) => tables.reduce((sum, t) => sum + tagCount(t, tag), 0));
  const minSize = Math.min(...tables.map((t) => t.members.length));
  const people = tables.reduce((sum, t) => sum + t.members.length, 0);
  let best: { id: string; key: number[] } | null = null;
  for (const table of tables) {
    const size = table.members.length;
    if (size > minSize + SIZE_SLACK) continue;
    // The table's size counts as one more "tag" everyone has: size is balanced like expertise.
    const excess = wanted
      .map((tag, i) => tagCount(table, tag) + 1 - (totals[i]! + 1) / tables.length)
      .concat(size + 1 - (people + 1) / tables.length);
    const key = [
      excess.length > 0 ? Math.max(...excess) : 0,
      excess.reduce((sum, e) => sum + Math.max(0, e), 0),
      size,
    ];
    if (!best || isLess(key, best.key)) best = { id: table.id, key };
  }
  return best!.id;
}

/** How many people larger than the smallest table a table may be and still be chosen. */
const SIZE_SLACK = 2;

function isLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return true;
    if (a[i]! > b[i]!) return false;
  }
  return false;
}
