/**
 * Published versions (public, no token) and the version history (facilitator token), as the
 * client calls them. Errors are the facilitation API's (`ApiError` with the server's
 * code), so `useErrorText` words them.
 */
import type {
  BoardOutcomeVersions,
  OutcomeListing,
  RestoreResult,
  SnapshotInfo,
} from '@shared/outcome/api';
import { ApiError, apiRequest } from '../api/http';

const snapshotsPath = (boardId: string, rest = ''): string =>
  `/api/boards/${encodeURIComponent(boardId)}/snapshots${rest}`;

/** Every published version of a board, newest first; empty when nothing has been published. */
export async function fetchPublishedVersions(boardId: string): Promise<OutcomeListing[]> {
  try {
    const body = await apiRequest<BoardOutcomeVersions>(
      'GET',
      `/outcomes/${encodeURIComponent(boardId)}/versions.json`,
      null,
    );
    return body.versions;
  } catch (err) {
    // 404 is the server's way of saying "nothing published yet".
    if (err instanceof ApiError && err.status === 404) return [];
    throw err;
  }
}

/** The board's snapshots, newest first. */
export async function listSnapshots(boardId: string, token: string): Promise<SnapshotInfo[]> {
  const body = await apiRequest<{ snapshots: SnapshotInfo[] }>(
    'GET',
    snapshotsPath(boardId),
    token,
  );
  return body.snapshots;
}

/** Takes a snapshot now (reason "manual"). */
export function takeSnapshot(boardId: string, token: string): Promise<SnapshotInfo> {
  return apiRequest<SnapshotInfo>('POST', snapshotsPath(boardId), token);
}

/** Makes the board equal to a snapshot; restoring `undo.id` afterwards takes it back. */
export function restoreSnapshot(
  boardId: string,
  token: string,
  snapshotId: string,
): Promise<RestoreResult> {
  return apiRequest<RestoreResult>(
    'POST',
    snapshotsPath(boardId, `/${encodeURIComponent(snapshotId)}/restore`),
    token,
  );
}
