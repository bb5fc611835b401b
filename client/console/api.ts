/**
 * The forum console's calls to the admin API. Every call carries the admin token; failures become
 * a `ConsoleApiError` with the server's error code (or `network` when the server was not reached).
 */
import { ApiError as ConsoleApiErrorClass, apiRequest } from '../api/http';
import type { BoardTemplate } from '@shared/board/templates';
import type { Language } from '../i18n/languages';
import type {
  Board,
  EntranceLink,
  Forum,
  ForumDetails,
  ForumFields,
  ForumPerson,
  Overview,
} from './types';

/** Failures of the console's calls (the shared API error). */
export { ApiError as ConsoleApiError } from '../api/http';

/** True when the error means the admin token is missing or wrong. */
export function isAuthError(err: unknown): boolean {
  return err instanceof ConsoleApiErrorClass && (err.status === 401 || err.status === 403);
}

const enc = encodeURIComponent;

/** The admin API bound to one admin token. */
export function consoleApi(token: string) {
  const call = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    apiRequest<T>(method, path, token, body);

  return {
    listForums: async () => (await call<{ forums: Forum[] }>('GET', '/api/forums')).forums,
    createForum: (fields: ForumFields) =>
      call<{ id: string; title: string }>('POST', '/api/forums', fields),
    getForum: (forumId: string) => call<ForumDetails>('GET', `/api/forums/${enc(forumId)}`),
    updateForum: (forumId: string, fields: Partial<ForumFields>) =>
      call<ForumDetails>('PATCH', `/api/forums/${enc(forumId)}`, fields),
    listBoards: async (forumId: string) =>
      (await call<{ boards: Board[] }>('GET', `/api/forums/${enc(forumId)}/boards`)).boards,
    createBoard: (
      forumId: string,
      body: { title: string; template: BoardTemplate; lang: Language },
    ) => call<Board>('POST', `/api/forums/${enc(forumId)}/boards`, body),
    createBoards: async (
      forumId: string,
      body: { count: number; titlePrefix: string; template: BoardTemplate; lang: Language },
    ) =>
      (await call<{ boards: Board[] }>('POST', `/api/forums/${enc(forumId)}/boards/batch`, body))
        .boards,
    reorderBoards: async (forumId: string, ids: string[]) =>
      (await call<{ boards: Board[] }>('PUT', `/api/forums/${enc(forumId)}/boards/order`, { ids }))
        .boards,
    updateBoard: (boardId: string, body: { title?: string; archived?: boolean }) =>
      call<Board>('PATCH', `/api/boards/${enc(boardId)}`, body),
    rotateLinks: (boardId: string) =>
      call<Board>('POST', `/api/boards/${enc(boardId)}/links/rotate`),
    overview: (forumId: string) => call<Overview>('GET', `/api/forums/${enc(forumId)}/overview`),
    listPeople: async (forumId: string) =>
      (await call<{ people: ForumPerson[] }>('GET', `/api/forums/${enc(forumId)}/people`)).people,
    movePerson: (forumId: string, personId: string, boardId: string) =>
      call<ForumPerson>('POST', `/api/forums/${enc(forumId)}/people/${enc(personId)}/move`, {
        boardId,
      }),
    rotateEntrance: (forumId: string) =>
      call<EntranceLink>('POST', `/api/forums/${enc(forumId)}/entrance/rotate`),
  };
}

export type ConsoleApi = ReturnType<typeof consoleApi>;
