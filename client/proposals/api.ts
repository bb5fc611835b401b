/** `POST /api/boards/:boardId/proposals/:clusterId` as the client calls it. */
import type { NoteLang } from '@shared/board/note';
import type { CreateProposalResult } from '@shared/proposal/api';

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
  let res: Response;
  try {
    res = await fetch(
      `/api/boards/${encodeURIComponent(boardId)}/proposals/${encodeURIComponent(clusterId)}`,
      {
        method: 'POST',
        cache: 'no-store',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ lang }),
      },
    );
  } catch {
    throw new CreateProposalError('offline');
  }
  if (res.ok) return (await res.json()) as CreateProposalResult;
  if (res.status === 401 || res.status === 403) throw new CreateProposalError('forbidden');
  if (res.status === 404) throw new CreateProposalError('notFound');
  throw new CreateProposalError(res.status >= 500 ? 'offline' : 'failed');
}
