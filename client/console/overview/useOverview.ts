import { useEffect, useState } from 'react';
import { isAuthError } from '../api';
import { useConsole } from '../ConsoleContext';
import type { Overview } from '../types';

export const POLL_MS = 3000;

export interface OverviewState {
  overview: Overview | null;
  /** The last poll failed (the previous figures stay on screen). */
  stale: boolean;
  /** When the figures were fetched, on this device's clock (for "2 min ago"). */
  fetchedAt: number;
}

/** The live forum dashboard: polls the overview every few seconds while mounted. */
export function useOverview(forumId: string): OverviewState {
  const { api, onUnauthorized } = useConsole();
  const [state, setState] = useState<OverviewState>({ overview: null, stale: false, fetchedAt: 0 });
  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const poll = (): void => {
      api
        .overview(forumId)
        .then(
          (overview) => {
            if (live) setState({ overview, stale: false, fetchedAt: Date.now() });
          },
          (err: unknown) => {
            if (!live) return;
            if (isAuthError(err)) onUnauthorized();
            setState((s) => ({ ...s, stale: true }));
          },
        )
        .finally(() => {
          // The next poll starts after this one ends: a slow server is never asked twice at once.
          if (live) timer = window.setTimeout(poll, POLL_MS);
        });
    };
    poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [api, forumId, onUnauthorized]);
  return state;
}
