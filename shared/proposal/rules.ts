import type { ControlState } from '../control/controlDoc';
import { phaseRules } from '../control/phases';
import type { Role } from '../roles';

/**
 * Whether `role` may edit (or create) the proposal of `clusterId` under `control`. Facilitators
 * may while the board is not frozen; participants also need a phase that allows proposals (a
 * board without a phase does), an unlocked board and an unlocked cluster; viewers never may. The
 * server enforces this; the client mirrors it to make the editor read-only.
 */
export function canEditProposal(control: ControlState, role: Role, clusterId: string): boolean {
  if (control.frozen || role === 'viewer') return false;
  if (role === 'facilitator') return true;
  return participantMayEditProposal(control, clusterId);
}

/** The participant part of `canEditProposal` (freezing is enforced apart, for every role). */
export function participantMayEditProposal(control: ControlState, clusterId: string): boolean {
  return (
    phaseRules(control.phase).editProposals &&
    !control.boardLocked &&
    !control.lockedClusters.includes(clusterId)
  );
}
