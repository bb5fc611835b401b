import { useEffect, useState } from 'react';
import type { OutcomeListing } from '@shared/outcome/api';
import { fetchPublishedVersions } from './api';
import { PUBLISH_RETRY_MS, versionOfFreeze } from './format';

export interface PublishedVersions {
  status: 'loading' | 'ready' | 'error';
  /** Newest first. */
  versions: OutcomeListing[];
  /** The version the current freeze published; null while not frozen or not yet stored. */
  current: OutcomeListing | null;
}

interface Options {
  /** Fetch at all (the banner only asks while the board is frozen). */
  enabled: boolean;
  /** The control document's `frozenAt` while frozen, else null. */
  frozenAt: string | null;
  frozen: boolean;
  /**
   * Longest random wait before the first request: every device of a big audience sees the freeze
   * at the same moment, and the version is stored a moment after `frozen` is set anyway.
   */
  jitterMs?: number;
}

const LOADING: PublishedVersions = { status: 'loading', versions: [], current: null };

/**
 * The board's published versions from the public `versions.json`. While the board is frozen it
 * asks again (a few times, backing off) until the version of this freeze is there.
 */
export function usePublishedVersions(boardId: string, opts: Options): PublishedVersions {
  const { enabled, frozen, frozenAt, jitterMs = 0 } = opts;
  const [state, setState] = useState<PublishedVersions>(LOADING);
  useEffect(() => {
    if (!enabled) {
      setState(LOADING);
      return;
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const load = async (): Promise<void> => {
      try {
        const versions = await fetchPublishedVersions(boardId);
        if (cancelled) return;
        const current = frozen ? versionOfFreeze(versions, frozenAt) : null;
        setState({ status: 'ready', versions, current });
        const delay = PUBLISH_RETRY_MS[attempt];
        if (frozen && !current && delay !== undefined) {
          attempt += 1;
          timer = setTimeout(() => void load(), delay);
        }
      } catch {
        if (cancelled) return;
        const delay = PUBLISH_RETRY_MS[attempt];
        if (delay === undefined) {
          setState((s) => ({ ...s, status: 'error' }));
          return;
        }
        attempt += 1;
        timer = setTimeout(() => void load(), delay);
      }
    };
    timer = setTimeout(() => void load(), Math.random() * jitterMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [boardId, enabled, frozen, frozenAt, jitterMs]);
  return state;
}
