/**
 * Whether this device may edit a proposal now, and if not, why (for the notice the panel shows).
 * Mirrors `canEditProposal` from shared/proposal/rules, which the server enforces.
 */
import type { ControlState } from '@shared/control/controlDoc';
import { phaseRules } from '@shared/control/phases';
import { canEditProposal } from '@shared/proposal/rules';
import type { Role } from '@shared/roles';

export type ReadOnlyReason = 'viewer' | 'frozen' | 'phase' | 'boardLocked' | 'locked';

export interface AccessInput {
  role: Role;
  /** The page may write at all (a writer role that has joined with a name). */
  writer: boolean;
  /** Frozen as this page knows it (control document or the session it opened with). */
  frozen: boolean;
  control: ControlState;
  clusterId: string;
}

/** null when the proposal is editable, else the first reason it is not. */
export function readOnlyReason(input: AccessInput): ReadOnlyReason | null {
  const { role, writer, frozen, control, clusterId } = input;
  if (!writer || role === 'viewer') return 'viewer';
  if (frozen || control.frozen) return 'frozen';
  if (canEditProposal(control, role, clusterId)) return null;
  if (!phaseRules(control.phase).editProposals) return 'phase';
  if (control.boardLocked) return 'boardLocked';
  return 'locked';
}
