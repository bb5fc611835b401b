/**
 * Which token a board page uses. Opening a role link with a name joins the board
 * (`POST /api/boards/:id/join`) and from then on the device uses the personal link it got: votes
 * and private notes belong to that person and follow the link to other devices. A device that
 * joined before keeps its person: it joins again with its remembered personal link (which mints
 * no one and only updates the name), and mints a new person with the role link only when that
 * personal link has expired (new links for the table). A personal link opened directly is
 * adopted as is. Offline, the remembered personal link (or the role link) is used so the board
 * still opens from the device's copy. None of this is a guard: the server meters joins itself.
 */
import { useEffect, useMemo, useState } from 'react';
import i18next from 'i18next';
import type { BoardSession } from '@shared/api';
import { saveProfile, type Profile } from '../session/profile';
import {
  fromJoin,
  personalLinkStore,
  savePersonalLink,
  type PersonalLink,
} from '../session/personalLink';
import { useStore } from '../kit/useStore';
import { noteLangFor } from '../sync/openBoard';
import { joinBoard } from '../kit/control/api';
import { ApiError } from '../api/http';

export type TokenState =
  { kind: 'pending' } | { kind: 'ready'; token: string; personal: PersonalLink | null };

/** How long a join refused as too many at once (429) is tried again before giving up. */
const BUSY_RETRY_FOR_MS = 3 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Joins; while the server says too many people are joining (a venue behind one address), waits
 * a few seconds (spread, so devices do not come back together) and tries again.
 */
async function joinPatiently(
  boardId: string,
  token: string,
  body: Parameters<typeof joinBoard>[2],
  live: () => boolean,
): Promise<Awaited<ReturnType<typeof joinBoard>>> {
  const started = Date.now();
  for (;;) {
    try {
      return await joinBoard(boardId, token, body);
    } catch (err) {
      const busy = err instanceof ApiError && err.status === 429;
      if (!busy || !live() || Date.now() - started > BUSY_RETRY_FOR_MS) throw err;
      await sleep(3_000 + Math.random() * 5_000);
    }
  }
}

/** The board link of a personal token, on this page's origin. */
export function linkFor(boardId: string, token: string): string {
  return `${window.location.origin}/board/${encodeURIComponent(boardId)}#token=${token}`;
}

async function join(
  session: BoardSession,
  roleToken: string,
  stored: PersonalLink | null,
  profile: Profile,
  live: () => boolean,
): Promise<TokenState> {
  const body = {
    name: profile.displayName,
    tags: profile.tags,
    lang: noteLangFor(i18next.language),
  };
  const mine = stored && stored.role === session.role ? stored : null;
  try {
    let result;
    try {
      // Joining again with the personal link keeps the same person (and updates the name).
      result = await joinPatiently(session.id, mine?.token ?? roleToken, body, live);
    } catch (err) {
      if (mine && err instanceof ApiError && err.code === 'removed') {
        // A facilitator removed this person: the device does not quietly come back as someone
        // new. Its link is refused, and the page says the link no longer works.
        return { kind: 'ready', token: mine.token, personal: mine };
      }
      if (!mine || !(err instanceof ApiError) || err.status !== 401) throw err;
      result = await joinPatiently(session.id, roleToken, body, live);
    }
    const personal = fromJoin(result);
    savePersonalLink(session.id, personal);
    return { kind: 'ready', token: personal.token, personal };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'network' && mine) {
      return { kind: 'ready', token: mine.token, personal: mine };
    }
    return { kind: 'ready', token: roleToken, personal: null };
  }
}

/** Resolves the token for `session` opened with `urlToken`; `profile` null until the person joined. */
export function usePersonalToken(
  session: BoardSession | null,
  urlToken: string,
  profile: Profile | null,
): TokenState {
  const boardId = session?.id ?? '';
  const stored = useStore(personalLinkStore(boardId));
  const [joined, setJoined] = useState<TokenState>({ kind: 'pending' });
  const direct = session?.personId ? session : null;
  const viewer = session?.role === 'viewer';

  const directLink = useMemo<PersonalLink | null>(
    () =>
      direct?.personId
        ? {
            personId: direct.personId,
            name: direct.name ?? '',
            role: direct.role,
            token: urlToken,
            link: linkFor(direct.id, urlToken),
          }
        : null,
    [direct, urlToken],
  );

  // A personal link opened directly: remember it, and take its name as this device's profile.
  useEffect(() => {
    if (!directLink || !direct) return;
    if (JSON.stringify(personalLinkStore(direct.id).get()) !== JSON.stringify(directLink)) {
      savePersonalLink(direct.id, directLink);
    }
    if (!profile && direct.role !== 'viewer' && directLink.name) {
      saveProfile({ displayName: directLink.name, tags: [], anonymous: false });
    }
  }, [direct, directLink, profile]);

  useEffect(() => {
    if (!session || direct || viewer || !profile) return;
    let live = true;
    setJoined({ kind: 'pending' });
    const remembered = personalLinkStore(session.id).get();
    void join(session, urlToken, remembered, profile, () => live).then((r) => {
      if (live) setJoined(r);
    });
    return () => {
      live = false;
    };
  }, [session, direct, viewer, urlToken, profile]);

  if (!session) return { kind: 'pending' };
  if (directLink) return { kind: 'ready', token: urlToken, personal: directLink };
  if (viewer) {
    // Viewers answer no questions; "Join to vote" gives them a personal link when allowed.
    const mine = stored && stored.role === 'viewer' ? stored : null;
    return { kind: 'ready', token: mine?.token ?? urlToken, personal: mine };
  }
  return joined;
}
