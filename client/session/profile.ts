/**
 * Who this device is: a stable random user id (the author id of its notes) and what the person
 * told the join screen. Kept in localStorage so the questions are asked once per device.
 */
import { randomId } from '@shared/board/id';
import { createStore, type WritableStore } from '../sync/store';
import { isLanguage, type Language } from '../i18n/languages';

export interface Profile {
  displayName: string;
  tags: string[];
  /** Write notes without an author (authorId and authorName null). */
  anonymous: boolean;
}

const USER_ID_KEY = 'talkoot:userId';
const PROFILE_KEY = 'talkoot:profile';
const LANGUAGE_KEY = 'talkoot:language';

/** Display names and tags are bounded so one device cannot bloat everyone's presence. */
export const MAX_NAME_LENGTH = 60;
export const MAX_TAG_LENGTH = 40;
export const MAX_TAGS = 12;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage can be disabled (private modes, policies); the app still works, just forgetful.
    return null;
  }
}

/** The device's user id, created on first use. */
export function deviceUserId(): string {
  const store = storage();
  const existing = store?.getItem(USER_ID_KEY);
  if (existing && /^[A-Za-z0-9_-]{8,64}$/.test(existing)) return existing;
  const id = randomId();
  store?.setItem(USER_ID_KEY, id);
  return id;
}

function parseProfile(raw: string | null | undefined): Profile | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Record<string, unknown>;
    if (typeof v.displayName !== 'string' || v.displayName.trim() === '') return null;
    const tags = Array.isArray(v.tags)
      ? v.tags.filter((t): t is string => typeof t === 'string')
      : [];
    return {
      displayName: v.displayName.slice(0, MAX_NAME_LENGTH),
      tags: tags.slice(0, MAX_TAGS),
      anonymous: v.anonymous === true,
    };
  } catch {
    return null;
  }
}

/** The remembered profile, or null before the person has joined on this device. */
export const profileStore: WritableStore<Profile | null> = createStore(
  parseProfile(storage()?.getItem(PROFILE_KEY)),
);

/** Remembers `profile` on the device. */
export function saveProfile(profile: Profile): void {
  storage()?.setItem(PROFILE_KEY, JSON.stringify(profile));
  profileStore.set(profile);
}

/** The remembered UI language, else the browser's if we speak it, else English. */
export function initialLanguage(): Language {
  const saved = storage()?.getItem(LANGUAGE_KEY);
  if (isLanguage(saved)) return saved;
  for (const tag of typeof navigator === 'undefined' ? [] : (navigator.languages ?? [])) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Remembers the UI language. */
export function saveLanguage(language: Language): void {
  storage()?.setItem(LANGUAGE_KEY, language);
}

/** Normalises a free tag: trimmed, single spaces, bounded; '' when nothing is left. */
export function normaliseTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ').slice(0, MAX_TAG_LENGTH);
}
