/**
 * The workshop's phases, in their usual order. A facilitator may jump to any of them; what each
 * allows participants is decided here, once, for the server (which enforces it) and the client
 * (which hides what is not allowed).
 */
export const PHASES = ['write', 'share', 'cluster', 'vote', 'draft', 'review'] as const;

export type Phase = (typeof PHASES)[number];

/** True when `value` names a phase. */
export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

/** What a participant may do in a phase (facilitators may always act). */
export interface PhaseRules {
  /** Add, edit, move, delete notes and clusters on the shared board. */
  editBoard: boolean;
  /** Write notes only they can see (revealed when the phase ends). */
  writePrivately: boolean;
  /** Spend dot votes. */
  vote: boolean;
  /** Edit the proposals of clusters. */
  editProposals: boolean;
}

const RULES: Record<Phase, PhaseRules> = {
  write: { editBoard: false, writePrivately: true, vote: false, editProposals: false },
  share: { editBoard: true, writePrivately: false, vote: false, editProposals: false },
  cluster: { editBoard: true, writePrivately: false, vote: false, editProposals: false },
  vote: { editBoard: false, writePrivately: false, vote: true, editProposals: false },
  draft: { editBoard: false, writePrivately: false, vote: false, editProposals: true },
  review: { editBoard: false, writePrivately: false, vote: false, editProposals: false },
};

/** A board whose facilitator never picked a phase is a free board: edit notes and proposals. */
const UNFACILITATED: PhaseRules = {
  editBoard: true,
  writePrivately: false,
  vote: false,
  editProposals: true,
};

/** The participant rules of `phase` (null: no phase chosen yet). */
export function phaseRules(phase: Phase | null): PhaseRules {
  return phase === null ? UNFACILITATED : RULES[phase];
}
