import * as Y from 'yjs';
import { boardRoots } from '@shared/board/roots';
import type { ControlState } from '@shared/control/controlDoc';
import { phaseRules } from '@shared/control/phases';
import { participantMayEditProposal } from '@shared/proposal/rules';

/** The origin of a participant's transaction: a peer whose role is "participant". */
function isParticipantOrigin(origin: unknown): boolean {
  return (
    typeof origin === 'object' &&
    origin !== null &&
    (origin as { role?: unknown }).role === 'participant'
  );
}

/** UndoManager asks its trackedOrigins `has(origin)`; this one answers for every participant. */
class ParticipantOrigins extends Set<unknown> {
  override has(value: unknown): boolean {
    return isParticipantOrigin(value);
  }
}

/** True when the control state restricts participants on the board or its proposals at all. */
export function restrictsParticipants(control: ControlState): boolean {
  const rules = phaseRules(control.phase);
  return (
    control.boardLocked ||
    control.lockedClusters.length > 0 ||
    !rules.editBoard ||
    !rules.editProposals
  );
}

/**
 * Enforces phase and lock rules on participants' board edits. The server never filters binary
 * updates: a participant's transaction is applied, its effect on notes, clusters and proposals
 * judged from
 * the document's own events, and a transaction that breaks a rule is undone by the server in the
 * same event-loop turn, so the change and its reversal are saved and relayed together and every
 * device, the sender's included, ends where it started. Active only while some rule restricts
 * participants, so unrestricted boards pay nothing.
 */
export class ParticipantGuard {
  private readonly undo: Y.UndoManager;
  private readonly clusterOfNote = new Map<string, string | null>();
  private violating: Y.Transaction | null = null;
  private readonly onDeep: (
    events: Array<Y.YEvent<Y.AbstractType<unknown>>>,
    txn: Y.Transaction,
  ) => void;
  private readonly onClusters: (
    events: Array<Y.YEvent<Y.AbstractType<unknown>>>,
    txn: Y.Transaction,
  ) => void;
  private readonly onProposals: (
    events: Array<Y.YEvent<Y.AbstractType<unknown>>>,
    txn: Y.Transaction,
  ) => void;
  private readonly onMeta: (event: Y.YMapEvent<unknown>, txn: Y.Transaction) => void;
  private readonly onAfter: (txn: Y.Transaction) => void;
  /** Participant transactions undone so far (for metrics and tests). */
  reverted = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly control: () => ControlState,
    private readonly onRevert: (origin: unknown) => void,
  ) {
    const { notes, clusters, meta, proposals } = boardRoots(doc);
    for (const [id, note] of notes) this.clusterOfNote.set(id, clusterIdOf(note));
    this.undo = new Y.UndoManager([notes, clusters, meta, proposals], {
      trackedOrigins: new ParticipantOrigins(),
      captureTimeout: 0,
    });
    this.onDeep = (events, txn) => this.judgeNotes(events, txn);
    this.onClusters = (events, txn) => this.judgeClusters(events, txn);
    this.onProposals = (events, txn) => this.judgeProposals(events, txn);
    this.onMeta = (_event, txn) => {
      // The schema version is the server's to write.
      if (isParticipantOrigin(txn.origin)) this.violating = txn;
    };
    this.onAfter = (txn) => this.after(txn);
    notes.observeDeep(this.onDeep);
    clusters.observeDeep(this.onClusters);
    proposals.observeDeep(this.onProposals);
    meta.observe(this.onMeta);
    // Registered after the UndoManager's own handler, so its stack item exists when we run.
    doc.on('afterTransaction', this.onAfter);
  }

  private judgeNotes(events: Array<Y.YEvent<Y.AbstractType<unknown>>>, txn: Y.Transaction): void {
    const { notes } = boardRoots(this.doc);
    const touched = new Set<string>();
    for (const event of events) {
      if (event.path.length === 0) for (const key of event.keys.keys()) touched.add(key);
      else touched.add(String(event.path[0]));
    }
    const participant = isParticipantOrigin(txn.origin);
    const control = this.control();
    const locked = new Set(control.lockedClusters);
    const closed = control.boardLocked || !phaseRules(control.phase).editBoard;
    for (const id of touched) {
      const before = this.clusterOfNote.get(id) ?? null;
      const map = notes.get(id);
      const after = map instanceof Y.Map ? clusterIdOf(map) : null;
      if (
        participant &&
        (closed || (before && locked.has(before)) || (after && locked.has(after)))
      ) {
        this.violating = txn;
      }
      if (map instanceof Y.Map) this.clusterOfNote.set(id, after);
      else this.clusterOfNote.delete(id);
    }
  }

  private judgeClusters(
    events: Array<Y.YEvent<Y.AbstractType<unknown>>>,
    txn: Y.Transaction,
  ): void {
    if (!isParticipantOrigin(txn.origin)) return;
    const control = this.control();
    if (control.boardLocked || !phaseRules(control.phase).editBoard) {
      this.violating = txn;
      return;
    }
    const locked = new Set(control.lockedClusters);
    for (const event of events) {
      const ids = event.path.length === 0 ? Array.from(event.keys.keys()) : [String(event.path[0])];
      if (ids.some((id) => locked.has(id))) this.violating = txn;
    }
  }

  /**
   * A proposal is keyed by its cluster's id (path[0]). Participants may edit it while the phase
   * allows proposals and neither the board nor the cluster is locked; they never add or remove
   * proposals themselves (creating one is a server command, so two devices cannot race).
   */
  private judgeProposals(
    events: Array<Y.YEvent<Y.AbstractType<unknown>>>,
    txn: Y.Transaction,
  ): void {
    if (!isParticipantOrigin(txn.origin)) return;
    const control = this.control();
    for (const event of events) {
      if (event.path.length === 0) {
        this.violating = txn;
        return;
      }
      if (!participantMayEditProposal(control, String(event.path[0]))) {
        this.violating = txn;
        return;
      }
    }
  }

  private after(txn: Y.Transaction): void {
    if (this.violating === txn) {
      this.violating = null;
      this.reverted += 1;
      this.undo.undo();
      this.onRevert(txn.origin);
    }
    if (this.undo.undoStack.length > 0 || this.undo.redoStack.length > 0) this.undo.clear();
  }

  /** Stops guarding (no rule restricts participants any more). */
  destroy(): void {
    const { notes, clusters, meta, proposals } = boardRoots(this.doc);
    notes.unobserveDeep(this.onDeep);
    clusters.unobserveDeep(this.onClusters);
    proposals.unobserveDeep(this.onProposals);
    meta.unobserve(this.onMeta);
    this.doc.off('afterTransaction', this.onAfter);
    this.undo.destroy();
  }
}

function clusterIdOf(note: Y.Map<unknown>): string | null {
  const value = note.get('clusterId');
  return typeof value === 'string' ? value : null;
}
