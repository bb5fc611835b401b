import { ControlCommandSchema, JoinSchema, VoteSchema } from '@shared/control/commands';
import { CreateProposalSchema } from '@shared/proposal/api';
import type { Boards } from '../boards';
import type { Facilitation } from '../facilitation/facilitation';
import type { TokenService } from '../auth/tokens';
import { AppError } from '../errors';
import type { Metrics } from '../metrics';
import type { StorageHealth } from '../persistence/health';
import type { OutcomeService } from '../outcomes/service';
import type { Proposals } from '../proposals/proposals';
import { registerConsoleRoutes, type ConsoleDeps } from './consoleRoutes';
import { bearerToken, readJson, sendJson } from './io';
import { joinOrigin, withRetryAfter } from './joinOrigin';
import { Router } from './router';

export interface ApiDeps {
  boards: Boards;
  /** The forum console and entrance (server/console). */
  console: Omit<ConsoleDeps, 'boards' | 'tokens' | 'maxBodyBytes'>;
  facilitation: Facilitation;
  /** Freezing publishes the board's outcome (server/outcomes). */
  outcomes?: OutcomeService;
  /** Creating a cluster's proposal (server/proposals). */
  proposals?: Proposals;
  tokens: TokenService;
  metrics: Metrics;
  maxBodyBytes: number;
  /** True once the store is open. */
  ready: () => boolean;
  /** Whether the store can write: /healthz is 503 while it cannot (a full disk). */
  storage?: StorageHealth;
}

/** Every HTTP route except static files. */
export function createApiRouter(deps: ApiDeps): Router {
  const { boards, facilitation, tokens, maxBodyBytes } = deps;

  const router = new Router()
    .add('GET', '/healthz', async ({ res }) => {
      if (!deps.ready()) throw new AppError('unavailable', 'The store is not open yet');
      const storage = await deps.storage?.check();
      if (storage && !storage.ok) {
        // Not ok, so a load balancer or monitor notices; the server still serves boards.
        sendJson(res, 503, {
          ok: false,
          reason: `storage: ${storage.reason}`,
          since: storage.since,
        });
        return;
      }
      sendJson(res, 200, { ok: true });
    })
    .add('GET', '/metrics', async ({ res }) => {
      const text = await deps.metrics.registry.metrics();
      res.writeHead(200, { 'Content-Type': deps.metrics.registry.contentType });
      res.end(text);
    })
    .add('GET', '/api/boards/:boardId', async (ctx) => {
      sendJson(ctx.res, 200, await boards.session(ctx.params.boardId!, bearerToken(ctx.req)));
    })
    .add('POST', '/api/boards/:boardId/commands', async (ctx) => {
      const token = bearerToken(ctx.req);
      if (!token) throw new AppError('unauthorized', 'A facilitator token is required');
      const command = await readJson(ctx.req, maxBodyBytes, ControlCommandSchema);
      if (command.type === 'freeze' && deps.outcomes) {
        // "Frozen" always means "published": the command takes the same path as /freeze.
        const { control, outcome } = await deps.outcomes.freeze(ctx.params.boardId!, token);
        sendJson(ctx.res, 200, { control, outcome });
        return;
      }
      const control = await facilitation.command(ctx.params.boardId!, token, command);
      sendJson(ctx.res, 200, { control });
    })
    .add('POST', '/api/boards/:boardId/join', async (ctx) => {
      const body = await readJson(ctx.req, maxBodyBytes, JoinSchema);
      const joined = await withRetryAfter(ctx, () =>
        facilitation.join(ctx.params.boardId!, bearerToken(ctx.req), body, joinOrigin(ctx)),
      );
      sendJson(ctx.res, 201, joined);
    })
    .add('GET', '/api/boards/:boardId/votes', async (ctx) => {
      sendJson(ctx.res, 200, await facilitation.votes(ctx.params.boardId!, bearerToken(ctx.req)));
    })
    .add('POST', '/api/boards/:boardId/votes', async (ctx) => {
      const body = await readJson(ctx.req, maxBodyBytes, VoteSchema);
      sendJson(
        ctx.res,
        200,
        await facilitation.vote(ctx.params.boardId!, bearerToken(ctx.req), body),
      );
    })
    .add('POST', '/api/boards/:boardId/proposals/:clusterId', async (ctx) => {
      if (!deps.proposals) throw new AppError('not_found', 'Proposals are not enabled');
      const body = await readJson(ctx.req, maxBodyBytes, CreateProposalSchema);
      const { boardId, clusterId } = ctx.params;
      const result = await deps.proposals.create(boardId!, clusterId!, bearerToken(ctx.req), body);
      sendJson(ctx.res, result.created ? 201 : 200, result);
    })
    .add('GET', '/api/boards/:boardId/people', async (ctx) => {
      const people = await facilitation.people(ctx.params.boardId!, bearerToken(ctx.req));
      sendJson(ctx.res, 200, { people });
    })
    .add('DELETE', '/api/boards/:boardId/people/:personId', async (ctx) => {
      const { boardId, personId } = ctx.params;
      const token = bearerToken(ctx.req);
      if (!token) throw new AppError('unauthorized', 'A facilitator token is required');
      sendJson(ctx.res, 200, await facilitation.removePerson(boardId!, token, personId!));
    })
    .add('GET', '/api/time', ({ res }) => {
      // Devices measure their clock offset against this to show the same timer.
      sendJson(res, 200, { now: Date.now() });
    });
  return registerConsoleRoutes(router, { ...deps.console, boards, tokens, maxBodyBytes });
}
