/**
 * The forum entrance API (docs/API.md, "The forum entrance"): what the link opens, joining, and
 * "where do I sit now?". Failures become an `EntranceError` with the HTTP status (0: unreachable).
 */
import { apiRequest } from '../api/http';
import type { JoinBody } from '@shared/control/commands';
import type { Language } from '../i18n/languages';

export interface EntranceInfo {
  forumId: string;
  title: string;
  date: string | null;
  description: string;
  languages: Language[];
}

/** Where a person sits, and the personal link to that table. */
export interface Placement {
  personId: string;
  name: string;
  boardId: string;
  boardTitle: string;
  token: string;
  link: string;
  forumToken: string;
}

/** Failures of the entrance calls (the shared API error; status 0: unreachable). */
export { ApiError as EntranceError } from '../api/http';

const call = <T>(method: string, path: string, token: string, body?: unknown): Promise<T> =>
  apiRequest<T>(method, path, token, body);

const forumPath = (forumId: string, rest: string): string =>
  `/api/forums/${encodeURIComponent(forumId)}/${rest}`;

/** What the entrance link opens (the forum's title, date, description, languages). */
export const entranceInfo = (forumId: string, token: string) =>
  call<EntranceInfo>('GET', forumPath(forumId, 'entrance'), token);

/** Joins the forum and gets placed at a table. */
export const joinForum = (forumId: string, token: string, body: JoinBody) =>
  call<Placement>('POST', forumPath(forumId, 'entrance/join'), token, body);

/** Where the holder of `forumToken` sits now (a facilitator may have moved them). */
export const whereAmI = (forumId: string, forumToken: string) =>
  call<Placement>('GET', forumPath(forumId, 'me'), forumToken);
