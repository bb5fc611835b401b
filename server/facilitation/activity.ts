import * as Y from 'yjs';
import { boardRoots } from '@shared/board/roots';
import type { LogEntry } from '@shared/control/controlDoc';
import { isPeerOrigin } from '../rooms/origins';
import type { Peer } from '../rooms/peer';

interface NoteFacts {
  authorId: string | null;
  text: string;
  clusterId: string | null;
}

/** The peer behind a transaction, when it is a facilitator's. */
function asFacilitator(origin: unknown): Peer | null {
  return isPeerOrigin(origin) && origin.role === 'facilitator' ? origin : null;
}

const snippet = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

function factsOf(map: Y.Map<unknown>): NoteFacts {
  const authorId = map.get('authorId');
  const text = map.get('text');
  const clusterId = map.get('clusterId');
  return {
    authorId: typeof authorId === 'string' ? authorId : null,
    text: typeof text === 'string' ? text : '',
    clusterId: typeof clusterId === 'string' ? clusterId : null,
  };
}

/**
 * Writes facilitators' board edits that others should be able to see into the facilitator log:
 * deleting someone else's note, merging clusters, deleting a cluster. A deleted record's content
 * is gone from the document by the time its event fires, so what the log needs is remembered
 * here as the board changes.
 */
export class FacilitatorActivity {
  private readonly notes = new Map<string, NoteFacts>();
  private readonly clusters = new Map<string, string>();
  private pending: {
    txn: Y.Transaction;
    deletedNotes: NoteFacts[];
    deletedClusters: string[];
    joined: Map<string, string>;
  } | null = null;
  private readonly onNotes: (
    events: Array<Y.YEvent<Y.AbstractType<unknown>>>,
    txn: Y.Transaction,
  ) => void;
  private readonly onClusters: (
    events: Array<Y.YEvent<Y.AbstractType<unknown>>>,
    txn: Y.Transaction,
  ) => void;
  private readonly onAfter: (txn: Y.Transaction) => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly write: (entry: Omit<LogEntry, 'at'>) => void,
  ) {
    const { notes, clusters } = boardRoots(doc);
    for (const [id, note] of notes) if (note instanceof Y.Map) this.notes.set(id, factsOf(note));
    for (const [id, cluster] of clusters)
      if (cluster instanceof Y.Map) this.clusters.set(id, String(cluster.get('title') ?? ''));
    this.onNotes = (events, txn) => this.noteEvents(events, txn);
    this.onClusters = (events, txn) => this.clusterEvents(events, txn);
    this.onAfter = (txn) => this.after(txn);
    notes.observeDeep(this.onNotes);
    clusters.observeDeep(this.onClusters);
    doc.on('afterTransaction', this.onAfter);
  }

  private current(txn: Y.Transaction) {
    if (this.pending?.txn !== txn) {
      this.pending = { txn, deletedNotes: [], deletedClusters: [], joined: new Map() };
    }
    return this.pending;
  }

  private noteEvents(events: Array<Y.YEvent<Y.AbstractType<unknown>>>, txn: Y.Transaction): void {
    const { notes } = boardRoots(this.doc);
    const facilitator = asFacilitator(txn.origin);
    const touched = new Set<string>();
    for (const event of events) {
      if (event.path.length === 0) for (const key of event.keys.keys()) touched.add(key);
      else touched.add(String(event.path[0]));
    }
    for (const id of touched) {
      const before = this.notes.get(id);
      const map = notes.get(id);
      if (map instanceof Y.Map) {
        const after = factsOf(map);
        if (
          facilitator &&
          after.clusterId &&
          before?.clusterId &&
          after.clusterId !== before.clusterId
        ) {
          this.current(txn).joined.set(before.clusterId, after.clusterId);
        }
        this.notes.set(id, after);
      } else {
        this.notes.delete(id);
        if (facilitator && before && before.authorId !== facilitator.personId) {
          this.current(txn).deletedNotes.push(before);
        }
      }
    }
  }

  private clusterEvents(
    events: Array<Y.YEvent<Y.AbstractType<unknown>>>,
    txn: Y.Transaction,
  ): void {
    const { clusters } = boardRoots(this.doc);
    const facilitator = asFacilitator(txn.origin);
    const touched = new Set<string>();
    for (const event of events) {
      if (event.path.length === 0) for (const key of event.keys.keys()) touched.add(key);
      else touched.add(String(event.path[0]));
    }
    for (const id of touched) {
      const map = clusters.get(id);
      if (map instanceof Y.Map) {
        this.clusters.set(id, String(map.get('title') ?? ''));
      } else if (this.clusters.has(id)) {
        if (facilitator) this.current(txn).deletedClusters.push(id);
        // Keep the title until after the transaction: a merge names both clusters.
      }
    }
  }

  private after(txn: Y.Transaction): void {
    const pending = this.pending;
    this.pending = null;
    const facilitator = asFacilitator(txn.origin);
    const { clusters } = boardRoots(this.doc);
    for (const id of Array.from(this.clusters.keys())) {
      if (!clusters.has(id) && !pending?.deletedClusters.includes(id)) this.clusters.delete(id);
    }
    if (!pending || pending.txn !== txn || !facilitator) return;
    const actor = facilitator.displayName;
    for (const note of pending.deletedNotes) {
      this.write({ actor, action: 'deleteNote', detail: { text: snippet(note.text) } });
    }
    for (const id of pending.deletedClusters) {
      const title = this.clusters.get(id) ?? '';
      const into = pending.joined.get(id);
      if (into) {
        this.write({
          actor,
          action: 'mergeClusters',
          detail: { from: title, into: this.clusters.get(into) ?? '' },
        });
      } else {
        this.write({ actor, action: 'deleteCluster', detail: { title } });
      }
      this.clusters.delete(id);
    }
  }

  destroy(): void {
    const { notes, clusters } = boardRoots(this.doc);
    notes.unobserveDeep(this.onNotes);
    clusters.unobserveDeep(this.onClusters);
    this.doc.off('afterTransaction', this.onAfter);
  }
}
