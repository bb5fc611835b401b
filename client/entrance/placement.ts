/**
 * A person's placement through the forum entrance, remembered on the device per forum, so
 * opening the entrance again goes straight to their (current) table instead of joining twice.
 */
import { savePersonalLink } from '../session/personalLink';
import type { Placement } from './api';

const PREFIX = 'talkoot:forum:';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The remembered placement in `forumId`, or null. */
export function loadPlacement(forumId: string): Placement | null {
  try {
    const raw = storage()?.getItem(PREFIX + forumId);
    if (!raw) return null;
    const v = JSON.parse(raw) as Record<string, unknown>;
    const keys = ['personId', 'name', 'boardId', 'boardTitle', 'token', 'link', 'forumToken'];
    return keys.every((k) => typeof v[k] === 'string') ? (v as unknown as Placement) : null;
  } catch {
    return null;
  }
}

/** The address of the person's table on this server (whatever address the entrance came from). */
export function boardPath(placement: Placement): string {
  return `/board/${encodeURIComponent(placement.boardId)}#token=${placement.token}`;
}

/** Remembers a placement, and its personal link for the board page to adopt. */
export function savePlacement(forumId: string, placement: Placement): void {
  storage()?.setItem(PREFIX + forumId, JSON.stringify(placement));
  savePersonalLink(placement.boardId, {
    personId: placement.personId,
    name: placement.name,
    role: 'participant',
    token: placement.token,
    link: window.location.origin + boardPath(placement),
  });
}

/** Forgets the placement in `forumId` (its token no longer works). */
export function forgetPlacement(forumId: string): void {
  storage()?.removeItem(PREFIX + forumId);
}
