/** The roles a board link can carry. */
export const ROLES = ['facilitator', 'participant', 'viewer'] as const;

export type Role = (typeof ROLES)[number];

/** True when `value` names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a role may write to the board document at all (phase and lock rules come on top). */
export function canWriteBoard(role: Role): boolean {
  return role === 'facilitator' || role === 'participant';
}

/** Whether a role publishes presence (cursors, names). Viewers never send awareness. */
export function sendsPresence(role: Role): boolean {
  return role !== 'viewer';
}
