import type {
  OutcomeCluster,
  OutcomeDocument,
  OutcomeNote,
  OutcomeProposal,
} from '@shared/outcome/schema';

/** Dots on one item, counted apart for the room and remote attendees. */
export interface VoteCount {
  room: number;
  remote: number;
}

export interface ClusterView {
  cluster: OutcomeCluster;
  notes: OutcomeNote[];
  votes: VoteCount | null;
}

export interface RankedRow<T> {
  item: T;
  votes: VoteCount;
}

/** The outcome grouped the way every renderer presents it; the document's order is kept. */
export interface OutcomeView {
  doc: OutcomeDocument;
  clusters: ClusterView[];
  /** Notes outside any cluster. */
  loose: OutcomeNote[];
  notesById: Map<string, OutcomeNote>;
  clustersById: Map<string, OutcomeCluster>;
  /** Votes per note; null when the outcome has no votes section. */
  noteVotes(id: string): VoteCount | null;
  rankedNotes: RankedRow<OutcomeNote>[];
  rankedClusters: RankedRow<OutcomeCluster>[];
  proposals: OutcomeProposal[];
}

export const totalVotes = (v: VoteCount): number => v.room + v.remote;

/** Groups an outcome for rendering. */
export function outcomeView(doc: OutcomeDocument): OutcomeView {
  const notesById = new Map(doc.notes.map((n) => [n.id, n]));
  const clustersById = new Map(doc.clusters.map((c) => [c.id, c]));
  const results = doc.votes?.results ?? [];
  const noteVotes = new Map<string, VoteCount>();
  const clusterVotes = new Map<string, VoteCount>();
  for (const r of results) {
    (r.target === 'note' ? noteVotes : clusterVotes).set(r.id, { room: r.room, remote: r.remote });
  }
  // Clusters nobody voted on directly show the sum of their notes' votes.
  const summed = new Map<string, VoteCount>();
  for (const n of doc.notes) {
    const v = noteVotes.get(n.id);
    if (!v || n.clusterId === null) continue;
    const sum = summed.get(n.clusterId) ?? { room: 0, remote: 0 };
    summed.set(n.clusterId, { room: sum.room + v.room, remote: sum.remote + v.remote });
  }
  const hasVotes = doc.votes !== undefined;
  const clusters = doc.clusters.map((cluster) => ({
    cluster,
    notes: doc.notes.filter((n) => n.clusterId === cluster.id),
    votes: hasVotes
      ? (clusterVotes.get(cluster.id) ?? summed.get(cluster.id) ?? { room: 0, remote: 0 })
      : null,
  }));
  const rankedNotes = results
    .filter((r) => r.target === 'note')
    .map((r) => ({ item: notesById.get(r.id)!, votes: { room: r.room, remote: r.remote } }));
  const rankedClusters = results
    .filter((r) => r.target === 'cluster')
    .map((r) => ({ item: clustersById.get(r.id)!, votes: { room: r.room, remote: r.remote } }));
  return {
    doc,
    clusters,
    loose: doc.notes.filter((n) => n.clusterId === null),
    notesById,
    clustersById,
    noteVotes: (id) => (hasVotes ? (noteVotes.get(id) ?? { room: 0, remote: 0 }) : null),
    rankedNotes,
    rankedClusters,
    proposals: doc.proposals ?? [],
  };
}

/** The first `max` characters of a note, on one line, for tables and citations. */
export function excerpt(text: string, max = 140): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const code = line.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${line.slice(0, end)}…`;
}
