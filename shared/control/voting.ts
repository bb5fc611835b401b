/** How a facilitator set up dot voting. */
export interface VotingConfig {
  /** Dots per person, 1–20. */
  budget: number;
  /** Whether one person may put several dots on one note. */
  allowMultiple: boolean;
  /** Whether tallies stay hidden (and are not sent to anyone's device) until revealed. */
  hidden: boolean;
  /** Whether remote attendees (viewer links) may vote; their votes are counted apart. */
  allowRemote: boolean;
}

export const MIN_BUDGET = 1;
export const MAX_BUDGET = 20;

export const DEFAULT_VOTING: VotingConfig = {
  budget: 5,
  allowMultiple: true,
  hidden: true,
  allowRemote: false,
};

/** Dots per note, counted apart for the room and for remote attendees. */
export interface Tallies {
  room: Record<string, number>;
  remote: Record<string, number>;
}

/** One ranked row of the results. */
export interface RankedItem {
  id: string;
  room: number;
  remote: number;
}

/** Notes ranked by room votes, then remote votes, then id (stable everywhere). */
export function rankNotes(tallies: Tallies): RankedItem[] {
  const ids = new Set([...Object.keys(tallies.room), ...Object.keys(tallies.remote)]);
  return Array.from(ids, (id) => ({
    id,
    room: tallies.room[id] ?? 0,
    remote: tallies.remote[id] ?? 0,
  }))
    .filter((r) => r.room + r.remote > 0)
    .sort((a, b) => b.room - a.room || b.remote - a.remote || a.id.localeCompare(b.id));
}

/** Clusters ranked by the sum of their notes' votes; `clusterOf` maps a note id to its cluster. */
export function rankClusters(
  tallies: Tallies,
  clusterOf: (noteId: string) => string | null,
): RankedItem[] {
  const sums = new Map<string, RankedItem>();
  const add = (noteId: string, n: number, key: 'room' | 'remote') => {
    const cluster = clusterOf(noteId);
    if (!cluster) return;
    const row = sums.get(cluster) ?? { id: cluster, room: 0, remote: 0 };
    row[key] += n;
    sums.set(cluster, row);
  };
  for (const [id, n] of Object.entries(tallies.room)) add(id, n, 'room');
  for (const [id, n] of Object.entries(tallies.remote)) add(id, n, 'remote');
  return Array.from(sums.values()).sort(
    (a, b) => b.room - a.room || b.remote - a.remote || a.id.localeCompare(b.id),
  );
}
