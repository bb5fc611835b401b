/**
 * The facilitation HTTP API as the client calls it: facilitator commands, joining with a name,
 * dot votes and the server clock. Every call carries the device's token; failures become an
 * `ApiError` (client/api/http.ts) with the server's error code (or `network` when it was not
 * reached).
 */
import type { BoardPerson, JoinResult, RemovePersonResult, VotesView } from '@shared/api';
import { apiRequest } from '../../api/http';
import type { ControlState } from '@shared/control/controlDoc';
import type { ControlCommand, JoinBody } from '@shared/control/commands';

export type ApiErrorCode =
  'network' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | string;

const boardPath = (boardId: string, rest: string): string =>
  `/api/boards/${encodeURIComponent(boardId)}/${rest}`;

/** The answer to a command; `outcome` is there when freezing published the board. */
export interface CommandResult {
  control: ControlState;
  outcome?: { url?: string; version?: number };
}

/** Runs a facilitator command (the server refuses it for everyone else). */
export function sendCommand(
  boardId: string,
  token: string,
  command: ControlCommand,
): Promise<CommandResult> {
  return apiRequest<CommandResult>('POST', boardPath(boardId, 'commands'), token, command);
}

/** Joins with a name: a personal link of the same role as `token`. */
export function joinBoard(boardId: string, token: string, body: JoinBody): Promise<JoinResult> {
  return apiRequest<JoinResult>('POST', boardPath(boardId, 'join'), token, body);
}

/** Who joined the board, removed people included (facilitators only). */
export async function listPeople(boardId: string, token: string): Promise<BoardPerson[]> {
  return (await apiRequest<{ people: BoardPerson[] }>('GET', boardPath(boardId, 'people'), token))
    .people;
}

/** Removes a person: their link stops working and their dots are deleted (facilitators only). */
export function removePerson(
  boardId: string,
  token: string,
  personId: string,
): Promise<RemovePersonResult> {
  return apiRequest<RemovePersonResult>(
    'DELETE',
    boardPath(boardId, `people/${encodeURIComponent(personId)}`),
    token,
  );
}

/** The caller's dots (and tallies where the caller may see them). */
export function fetchVotes(boardId: string, token: string): Promise<VotesView> {
  return apiRequest<VotesView>('GET', boardPath(boardId, 'votes'), token);
}

/** Adds (+1) or takes back (-1) one dot. */
export function castVote(
  boardId: string,
  token: string,
  noteId: string,
  delta: 1 | -1,
): Promise<VotesView> {
  return apiRequest<VotesView>('POST', boardPath(boardId, 'votes'), token, { noteId, delta });
}

/** The server's clock (epoch ms). */
export async function fetchServerTime(): Promise<number> {
  const body = await apiRequest<{ now: number }>('GET', '/api/time', null);
  return body.now;
}
