import { z } from 'zod';
import { NOTE_LANGS } from '../board/note';

/** `POST /api/boards/:boardId/proposals/:clusterId` body: the template's language. */
export const CreateProposalSchema = z.object({ lang: z.enum(NOTE_LANGS) });

export type CreateProposalBody = z.infer<typeof CreateProposalSchema>;

/** Its answer: 201 with `created: true` when this request made it, 200 when it existed. */
export interface CreateProposalResult {
  clusterId: string;
  created: boolean;
}
