/**
 * The personal link a person got by joining a board (`POST /api/boards/:id/join`), remembered on
 * the device per board. Votes and private notes belong to the person that link names, so the
 * device uses it (not the shared role link) for everything once it has one.
 */
import type { JoinResult } from '@shared/api';
import { isRole, type Role } from '@shared/roles';
import { createStore, type WritableStore } from '../sync/store';

export interface PersonalLink {
  personId: string;
  name: string;
  role: Role;
  token: string;
  link: string;
}

const PREFIX = 'talkoot:person:';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function parse(raw: string | null | undefined): PersonalLink | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    if (
      typeof v.personId !== 'string' ||
      typeof v.name !== 'string' ||
      !isRole(v.role) ||
      typeof v.token !== 'string' ||
      typeof v.link !== 'string'
    )
      return null;
    return { personId: v.personId, name: v.name, role: v.role, token: v.token, link: v.link };
  } catch {
    return null;
  }
}

const stores = new Map<string, WritableStore<PersonalLink | null>>();

/** The personal link remembered for `boardId` (a store, so a later join re-renders the board). */
export function personalLinkStore(boardId: string): WritableStore<PersonalLink | null> {
  let store = stores.get(boardId);
  if (!store) {
    store = createStore(parse(storage()?.getItem(PREFIX + boardId)));
    stores.set(boardId, store);
  }
  return store;
}

/** Remembers (or, with null, forgets) the personal link of `boardId`. */
export function savePersonalLink(boardId: string, link: PersonalLink | null): void {
  if (link) storage()?.setItem(PREFIX + boardId, JSON.stringify(link));
  else storage()?.removeItem(PREFIX + boardId);
  personalLinkStore(boardId).set(link);
}

/** A join result as stored on the device. */
export function fromJoin(result: JoinResult): PersonalLink {
  return {
    personId: result.personId,
    name: result.name,
    role: result.role,
    token: result.token,
    link: result.link,
  };
}
