import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotInfo } from '@shared/outcome/api';
import { ApiError } from '../api/http';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { useErrorText } from '../kit/control/useCommand';
import { useStore } from '../kit/useStore';
import { listSnapshots, restoreSnapshot, takeSnapshot } from './api';

/** Automatic snapshots appear every few minutes; the open panel looks again this often. */
const REFRESH_MS = 30_000;

/** What the last action did, shown in a live region above the list. */
export type HistoryMessage =
  { kind: 'taken' } | { kind: 'restored'; takenAt: string; undoId: string } | { kind: 'undone' };

export interface VersionHistory {
  snapshots: SnapshotInfo[] | null;
  busy: boolean;
  error: string | null;
  message: HistoryMessage | null;
  take(): Promise<void>;
  restore(snapshot: SnapshotInfo): Promise<boolean>;
  undo(undoId: string): Promise<void>;
}

/** The board's snapshots (facilitators only) and the three things one can do with them. */
export function useVersionHistory(): VersionHistory {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const frozen = useStore(fac.control).frozen;
  const errorText = useErrorText();
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<HistoryMessage | null>(null);
  const { boardId, token } = fac;

  const reload = useCallback(async () => {
    try {
      setSnapshots(await listSnapshots(boardId, token));
    } catch (err) {
      setError(errorText(err));
    }
  }, [boardId, token, errorText]);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const explain = useCallback(
    (err: unknown): string =>
      // 409 is the frozen board (or a board written by a newer version; then the words are general).
      err instanceof ApiError && err.status === 409 && frozen
        ? t('outcomes.history.frozen')
        : errorText(err),
    [frozen, t, errorText],
  );

  const act = useCallback(
    async (fn: () => Promise<HistoryMessage>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        setMessage(await fn());
        return true;
      } catch (err) {
        const text = explain(err);
        setError(text);
        setMessage(null);
        return false;
      } finally {
        setBusy(false);
        await reload();
      }
    },
    [explain, reload],
  );

  return {
    snapshots,
    busy,
    error,
    message,
    take: async () => {
      await act(async () => {
        await takeSnapshot(boardId, token);
        return { kind: 'taken' };
      });
    },
    restore: (snapshot) =>
      act(async () => {
        const result = await restoreSnapshot(boardId, token, snapshot.id);
        return { kind: 'restored', takenAt: result.restored.takenAt, undoId: result.undo.id };
      }),
    undo: async (undoId) => {
      await act(async () => {
        await restoreSnapshot(boardId, token, undoId);
        return { kind: 'undone' };
      });
    },
  };
}
