/**
 * Which token a board page uses. Opening a role link with a name joins the board
 * (`POST /api/boards/:id/join`) and from then on the device uses the personal link it got: votes
 * and private notes belong to that person and follow the link to other devices. A personal link
 * opened directly is adopted as is. Offline, the remembered personal link (or the role link) is
 * used so the board still opens from the device's copy.
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
import { useStore } from '../ui/useStore';
import { noteLangFor } from '../sync/openBoard';
import { FacilitationApiError, joinBoard } from './api';

export type TokenState =
  { kind: 'pending' } | { kind: 'ready'; token: string; personal: PersonalLink | null };

/** The board link of a personal token, on this page's origin. */
export function linkFor(boardId: string, token: string): string {
  return `${window.location.origin}/board/${encodeURIComponent(boardId)}#token=${token}`;
}

async function join(
  session: BoardSession,
  roleToken: string,
  stored: PersonalLink | null,
  profile: Profile,
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
      result = await joinBoard(session.id, mine?.token ?? roleToken, body);
    } catch (err) {
      if (!mine || !(err instanceof FacilitationApiError) || err.status !== 401) throw err;
      result = await joinBoard(session.id, roleToken, body);
    }
    const personal = fromJoin(result);
    savePersonalLink(session.id, personal);
    return { kind: 'ready', token: personal.token, personal };
  } catch (err) {
    if (err instanceof FacilitationApiError && err.code === 'network' && mine) {
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
    void join(session, urlToken, personalLinkStore(session.id).get(), profile).then((r) => {
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
