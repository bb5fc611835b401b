import { z } from 'zod';
import { PHASES } from './phases';
import { MAX_TIMER_MS } from './timer';
import { MAX_BUDGET, MIN_BUDGET } from './voting';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
const Finite = z.number().finite();

const ViewportSchema = z.object({
  x: Finite.min(-1e7).max(1e7),
  y: Finite.min(-1e7).max(1e7),
  scale: Finite.min(0.01).max(100),
});

/**
 * Facilitator commands on a board's control state, as sent to
 * `POST /api/boards/:boardId/commands`. The server validates every body with this schema.
 */
export const ControlCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('freeze') }),
  z.object({ type: z.literal('unfreeze') }),
  z.object({ type: z.literal('setPhase'), phase: z.enum(PHASES) }),
  z.object({ type: z.literal('lockBoard'), locked: z.boolean() }),
  z.object({ type: z.literal('lockCluster'), clusterId: Id, locked: z.boolean() }),
  z.object({
    type: z.literal('startTimer'),
    durationMs: z.number().int().min(1000).max(MAX_TIMER_MS),
  }),
  z.object({ type: z.literal('pauseTimer') }),
  z.object({ type: z.literal('resumeTimer') }),
  z.object({ type: z.literal('extendTimer'), ms: z.number().int().min(1000).max(MAX_TIMER_MS) }),
  z.object({ type: z.literal('stopTimer') }),
  z.object({
    type: z.literal('configureVoting'),
    budget: z.number().int().min(MIN_BUDGET).max(MAX_BUDGET),
    allowMultiple: z.boolean(),
    hidden: z.boolean(),
    allowRemote: z.boolean(),
  }),
  z.object({ type: z.literal('revealVotes') }),
  z.object({ type: z.literal('resetVotes') }),
  z.object({
    type: z.literal('spotlight'),
    target: z.object({ kind: z.enum(['note', 'cluster']), id: Id }).nullable(),
  }),
  z.object({ type: z.literal('follow'), active: z.boolean(), viewport: ViewportSchema.nullable() }),
  z.object({ type: z.literal('viewport'), viewport: ViewportSchema }),
]);

export type ControlCommand = z.infer<typeof ControlCommandSchema>;

/** `POST /api/boards/:boardId/join` body: who is joining. */
export const JoinSchema = z.object({
  name: z.string().trim().min(1, 'name must not be empty').max(80),
  tags: z.array(z.string().trim().min(1).max(40)).max(12).default([]),
  lang: z.enum(['en', 'fi', 'sv']).default('en'),
});

export type JoinBody = z.infer<typeof JoinSchema>;

/** `POST /api/boards/:boardId/votes` body: add (+1) or take back (-1) a dot on a note. */
export const VoteSchema = z.object({ noteId: Id, delta: z.union([z.literal(1), z.literal(-1)]) });

export type VoteBody = z.infer<typeof VoteSchema>;
