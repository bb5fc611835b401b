import { z } from 'zod';
import { JoinSchema } from '@shared/control/commands';
import { BOARD_TEMPLATES } from '@shared/board/templates';
import { ID_PATTERN } from '@shared/ids';
import type { TokenService } from '../auth/tokens';
import type { Boards } from '../boards';
import type { Entrance } from '../console/entrance';
import { forumOverview } from '../console/overview';
import { AppError } from '../errors';
import type { ForumStore } from '../persistence/store';
import type { RoomManager } from '../rooms/roomManager';
import { bearerToken, readJson, sendJson } from './io';
import { joinOrigin, withRetryAfter } from './joinOrigin';
import type { RouteContext, Router } from './router';

/** The entrance's device cookie: one placement per device (server/console/entrance.ts). */
const DEVICE_COOKIE = 'talkoot_device';

function deviceCookie(ctx: RouteContext): string | null {
  for (const part of (ctx.req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === DEVICE_COOKIE) return value.join('=') || null;
  }
  return null;
}

/**
 * HttpOnly (page scripts never see it), SameSite=Strict and scoped to the forum's API paths;
 * not Secure, because a venue laptop serves plain HTTP on the LAN.
 */
function setDeviceCookie(ctx: RouteContext, forumId: string, token: string, maxAge: number) {
  ctx.res.setHeader(
    'Set-Cookie',
    `${DEVICE_COOKIE}=${token}; Path=/api/forums/${forumId}/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict`,
  );
}

const Title = z
  .string({ error: 'title must be a string' })
  .trim()
  .min(1, 'title must not be empty')
  .max(200, 'title must be at most 200 characters');
const Lang = z.enum(['en', 'fi', 'sv']);
const ForumFields = {
  date: z.iso.date({ error: 'date must be a calendar date, YYYY-MM-DD' }).nullable(),
  description: z.string().trim().max(2000),
  languages: z.array(Lang).min(1).max(3),
};
const NewForumBody = z.object({ title: Title, ...ForumFields }).partial({
  date: true,
  description: true,
  languages: true,
});
const ForumPatchBody = z
  .object({ title: Title, ...ForumFields })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
const NewBoardBody = z.object({
  title: Title,
  template: z.enum(BOARD_TEMPLATES).optional(),
  lang: Lang.optional(),
});
const BatchBody = z.object({
  count: z.number().int().min(1).max(50),
  titlePrefix: Title.optional(),
  template: z.enum(BOARD_TEMPLATES).optional(),
  lang: Lang.optional(),
});
const BoardPatchBody = z
  .object({ title: Title, archived: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
const OrderBody = z.object({ ids: z.array(z.string().regex(ID_PATTERN)).max(500) });
const MoveBody = z.object({ boardId: z.string().regex(ID_PATTERN) });

export interface ConsoleDeps {
  boards: Boards;
  entrance: Entrance;
  store: ForumStore;
  rooms: RoomManager;
  tokens: TokenService;
  maxBodyBytes: number;
  /** Lifetime of the entrance's device cookie (the token lifetime). */
  deviceCookieSeconds: number;
}

/**
 * The forum console's routes: forums and tables (admin token), the live overview, and the forum
 * entrance (its own link, for everyone in the room).
 */
export function registerConsoleRoutes(router: Router, deps: ConsoleDeps): Router {
  const { boards, entrance, store, rooms, tokens, maxBodyBytes } = deps;
  const admin = ({ req }: RouteContext): void => {
    const token = bearerToken(req);
    if (!token) {
      throw new AppError('unauthorized', 'Send the admin token as "Authorization: Bearer <token>"');
    }
    if (!tokens.isAdmin(token))
      throw new AppError('forbidden', 'This token is not the admin token');
  };
  const forumView = async (forumId: string) => {
    const forum = await boards.getForum(forumId);
    return { ...forum, entrance: await entrance.link(forum) };
  };

  return router
    .add('GET', '/api/forums', async (ctx) => {
      admin(ctx);
      sendJson(ctx.res, 200, { forums: await boards.listForums() });
    })
    .add('POST', '/api/forums', async (ctx) => {
      admin(ctx);
      const body = await readJson(ctx.req, maxBodyBytes, NewForumBody);
      const forum = await boards.createForum(body);
      // Exactly {id, title}: tools outside the repository rely on this answer.
      sendJson(ctx.res, 201, { id: forum.id, title: forum.title });
    })
    .add('GET', '/api/forums/:forumId', async (ctx) => {
      admin(ctx);
      sendJson(ctx.res, 200, await forumView(ctx.params.forumId!));
    })
    .add('PATCH', '/api/forums/:forumId', async (ctx) => {
      admin(ctx);
      const body = await readJson(ctx.req, maxBodyBytes, ForumPatchBody);
      await boards.updateForum(ctx.params.forumId!, body);
      sendJson(ctx.res, 200, await forumView(ctx.params.forumId!));
    })
    .add('GET', '/api/forums/:forumId/boards', async (ctx) => {
      admin(ctx);
      sendJson(ctx.res, 200, { boards: await boards.listBoards(ctx.params.forumId!) });
    })
    .add('POST', '/api/forums/:forumId/boards', async (ctx) => {
      admin(ctx);
      const body = await readJson(ctx.req, maxBodyBytes, NewBoardBody);
      sendJson(ctx.res, 201, await boards.createBoard(ctx.params.forumId!, body));
    })
    .add('POST', '/api/forums/:forumId/boards/batch', async (ctx) => {
      admin(ctx);
      const body = await readJson(ctx.req, maxBodyBytes, BatchBody);
      const created = await boards.createBoards(
        ctx.params.forumId!,
        body.count,
        body.titlePrefix ?? 'Table',
        {
          template: body.template,
          lang: body.lang,
        },
      );
      sendJson(ctx.res, 201, { boards: created });
    })
    .add('PUT', '/api/forums/:forumId/boards/order', async (ctx) => {
      admin(ctx);
      const body = await readJson(ctx.req, maxBodyBytes, OrderBody);
      sendJson(ctx.res, 200, { boards: await boards.reorderBoards(ctx.params.forumId!, body.ids) });
    })
    .add('PATCH', '/api/boards/:boardId', async (ctx) => {
      admin(ctx);
      const body = await readJson(ctx.req, maxBodyBytes, BoardPatchBody);
      sendJson(ctx.res, 200, await boards.updateBoard(ctx.params.boardId!, body));
    })
    .add('POST', '/api/boards/:boardId/links/rotate', async (ctx) => {
      admin(ctx);
      sendJson(ctx.res, 200, await boards.rotateLinks(ctx.params.boardId!));
    })
    .add('GET', '/api/forums/:forumId/overview', async (ctx) => {
      admin(ctx);
      const tables = await forumOverview(ctx.params.forumId!, boards, store, rooms);
      sendJson(ctx.res, 200, { tables, at: new Date().toISOString() });
    })
    .add('GET', '/api/forums/:forumId/people', async (ctx) => {
      admin(ctx);
      await boards.getForum(ctx.params.forumId!);
      sendJson(ctx.res, 200, { people: await store.listForumPeople(ctx.params.forumId!) });
    })
    .add('POST', '/api/forums/:forumId/people/:personId/move', async (ctx) => {
      admin(ctx);
      const body = await readJson(ctx.req, maxBodyBytes, MoveBody);
      const { forumId, personId } = ctx.params;
      sendJson(ctx.res, 200, await entrance.move(forumId!, personId!, body.boardId));
    })
    .add('POST', '/api/forums/:forumId/entrance/rotate', async (ctx) => {
      admin(ctx);
      sendJson(ctx.res, 200, await entrance.rotate(ctx.params.forumId!));
    })
    .add('GET', '/api/forums/:forumId/entrance', async (ctx) => {
      sendJson(ctx.res, 200, await entrance.info(ctx.params.forumId!, bearerToken(ctx.req)));
    })
    .add('POST', '/api/forums/:forumId/entrance/join', async (ctx) => {
      const body = await readJson(ctx.req, maxBodyBytes, JoinSchema);
      const forumId = ctx.params.forumId!;
      const visitor = { ...joinOrigin(ctx), device: deviceCookie(ctx) };
      const { placement, newDevice } = await withRetryAfter(ctx, () =>
        entrance.join(forumId, bearerToken(ctx.req), body, visitor),
      );
      if (newDevice) setDeviceCookie(ctx, forumId, newDevice, deps.deviceCookieSeconds);
      sendJson(ctx.res, 201, placement);
    })
    .add('GET', '/api/forums/:forumId/me', async (ctx) => {
      sendJson(ctx.res, 200, await entrance.whereAmI(ctx.params.forumId!, bearerToken(ctx.req)));
    });
}
