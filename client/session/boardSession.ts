/**
 * Asks the server what a board link opens (`GET /api/boards/:id`), and remembers the answer on
 * the device so a reload on a dropped network still opens the board from the offline cache.
 */
import type { BoardSession } from '@shared/api';
import { isRole } from '@shared/roles';
import { ApiError, apiRequest } from '../api/http';

export type SessionResult =
  | { kind: 'ok'; session: BoardSession; offline: boolean }
  | { kind: 'invalidLink' }
  | { kind: 'boardNotFound' }
  | { kind: 'unreachable' };

const CACHE_PREFIX = 'talkoot:session:';

function isBoardSession(value: unknown): value is BoardSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.title === 'string' &&
    typeof v.forumTitle === 'string' &&
    typeof v.forumId === 'string' &&
    isRole(v.role) &&
    typeof v.frozen === 'boolean'
  );
}

function readCache(boardId: string, token: string): BoardSession | null {
  try {
    const raw = window.localStorage.getItem(CACHE_PREFIX + boardId);
    if (!raw) return null;
    const cached = JSON.parse(raw) as { token?: unknown; session?: unknown };
    return cached.token === token && isBoardSession(cached.session) ? cached.session : null;
  } catch {
    return null;
  }
}

function writeCache(boardId: string, token: string, session: BoardSession): void {
  try {
    window.localStorage.setItem(CACHE_PREFIX + boardId, JSON.stringify({ token, session }));
  } catch {
    // Only an optimisation for offline reloads.
  }
}

/** Resolves a board link to a session, or to the reason it cannot be opened. */
export async function loadBoardSession(boardId: string, token: string): Promise<SessionResult> {
  let body: unknown;
  try {
    body = await apiRequest<unknown>('GET', `/api/boards/${encodeURIComponent(boardId)}`, token);
  } catch (err) {
    // Status 0: the server was not reached (offline); open the copy kept on this device.
    const status = err instanceof ApiError ? err.status : 0;
    if (status === 401 || status === 403) return { kind: 'invalidLink' };
    if (status === 404) return { kind: 'boardNotFound' };
    const cached = readCache(boardId, token);
    return cached ? { kind: 'ok', session: cached, offline: true } : { kind: 'unreachable' };
  }
  if (!isBoardSession(body)) return { kind: 'unreachable' };
  writeCache(boardId, token, body);
  return { kind: 'ok', session: body, offline: false };
}
