/** `POST /api/boards/:boardId/proposals/:clusterId` as the client calls it. */
import type { NoteLang } from '@shared/board/note';
import type { CreateProposalResult } from '@shared/proposal/api';
import { ApiError, apiRequest } from '../api/http';

export type CreateFailure = 'offline' | 'forbidden' | 'notFound' | 'failed';

export class CreateProposalError extends Error {
  constructor(readonly reason: CreateFailure) {
    super(`proposal could not be created: ${reason}`);
    this.name = 'CreateProposalError';
  }
}

/** Asks the server to create the cluster's proposal (it may exist already: that is fine). */
export async function requestProposal(
  boardId: string,
  clusterId: string,
  token: string,
  lang: NoteLang,
): Promise<CreateProposalResult> {
  const path = `/api/boards/${encodeURIComponent(boardId)}/proposals/${encodeURIComponent(clusterId)}`;
  try {
    return await apiRequest<CreateProposalResult>('POST', path, token, { lang });
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 0;
    if (status === 0) throw new CreateProposalError('offline');
    if (status === 401 || status === 403) throw new CreateProposalError('forbidden');
    if (status === 404) throw new CreateProposalError('notFound');
    throw new CreateProposalError(status >= 500 ? 'offline' : 'failed');
  }
}
