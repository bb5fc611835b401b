import fs from 'node:fs';
import { isValidId } from '@shared/ids';
import {
  isOutcomeLang,
  type BoardOutcomeVersions,
  type ForumOutcomesIndex,
  type OutcomeLang,
} from '@shared/outcome/api';
import { outcomeJsonSchemaText, outcomeSchemaPath } from '@shared/outcome/schema';
import type { Boards } from '../boards';
import { AppError } from '../errors';
import type { Facilitation } from '../facilitation/facilitation';
import { bearerToken, sendJson } from '../http/io';
import type { RouteContext, RouteHandler, Router } from '../http/router';
import type { ForumStore, OutcomeStore } from '../persistence/store';
import { mainLanguage } from './build';
import { IMMUTABLE, redirect, sendBytes } from './http';
import { contentTypeOf, forumIndexPath, htmlFormat, outcomePath, parseVersionFile } from './paths';
import { renderForumIndex } from './render/html/forumIndex';
import type { OutcomeService } from './service';

const SCHEMA_FILE = new URL('../../shared/outcome/outcome.schema.json', import.meta.url);

export interface OutcomeRouteDeps {
  boards: Boards;
  facilitation: Facilitation;
  store: ForumStore & OutcomeStore;
  outcomes: OutcomeService;
  timeZone?: string;
}

const requireToken = (ctx: RouteContext): string => {
  const token = bearerToken(ctx.req);
  if (!token) throw new AppError('unauthorized', 'A facilitator token is required');
  return token;
};

const queryLang = (ctx: RouteContext): OutcomeLang | null => {
  const lang = ctx.url.searchParams.get('lang');
  return isOutcomeLang(lang) ? lang : null;
};

/**
 * Adds freezing, snapshots and the public outcome pages to `router`: facilitator routes under
 * /api/boards/:boardId, public ones under /outcomes and /forums (docs/API.md).
 */
export function addOutcomeRoutes(router: Router, deps: OutcomeRouteDeps): Router {
  const { boards, facilitation, store, outcomes } = deps;
  const { publisher, snapshots } = outcomes;
  const get = (path: string, handler: RouteHandler) =>
    router.add('GET', path, handler).add('HEAD', path, handler);

  router
    .add('POST', '/api/boards/:boardId/freeze', async (ctx) => {
      const result = await outcomes.freeze(ctx.params.boardId!, requireToken(ctx));
      ctx.res.setHeader('Location', result.outcome.url);
      sendJson(ctx.res, result.created ? 201 : 200, result.outcome);
    })
    .add('POST', '/api/boards/:boardId/unfreeze', async (ctx) => {
      const command = { type: 'unfreeze' } as const;
      const control = await facilitation.command(ctx.params.boardId!, requireToken(ctx), command);
      sendJson(ctx.res, 200, { control });
    })
    .add('GET', '/api/boards/:boardId/snapshots', async (ctx) => {
      const board = await outcomes.authorizeFacilitator(ctx.params.boardId!, requireToken(ctx));
      sendJson(ctx.res, 200, { snapshots: await snapshots.list(board.id) });
    })
    .add('POST', '/api/boards/:boardId/snapshots', async (ctx) => {
      const board = await outcomes.authorizeFacilitator(ctx.params.boardId!, requireToken(ctx));
      // An archived board does not change, so there is nothing new to keep: refused like a write.
      await boards.requireWritable(board.id);
      sendJson(ctx.res, 201, await snapshots.takeSnapshot(board.id, 'manual'));
    })
    .add('POST', '/api/boards/:boardId/snapshots/:snapshotId/restore', async (ctx) => {
      const snapshotId = ctx.params.snapshotId!;
      if (!isValidId(snapshotId)) throw new AppError('not_found', 'No such snapshot');
      sendJson(
        ctx.res,
        200,
        await outcomes.restore(ctx.params.boardId!, requireToken(ctx), snapshotId),
      );
    });

  // The committed file is served as it is; the generated text stands in if it is missing.
  let schemaText: string | null = null;
  const readSchema = (): string => {
    try {
      return fs.readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      return outcomeJsonSchemaText();
    }
  };
  get('/outcomes/schema/:file', (ctx) => {
    if (`/outcomes/schema/${ctx.params.file}` !== outcomeSchemaPath()) {
      throw new AppError('not_found', 'No such schema version');
    }
    schemaText ??= readSchema();
    sendBytes(ctx, schemaText, {
      contentType: 'application/schema+json; charset=utf-8',
      cacheControl: 'public, max-age=86400',
      cors: true,
    });
  });

  get('/outcomes/:boardId', async (ctx) => {
    const boardId = ctx.params.boardId!;
    const [latest] = isValidId(boardId) ? await store.listBoardOutcomes(boardId) : [];
    if (!latest) throw new AppError('not_found', 'Nothing has been published from this board');
    const lang = queryLang(ctx);
    redirect(ctx, outcomePath(boardId, latest.version, 'html') + (lang ? `?lang=${lang}` : ''));
  });

  get('/outcomes/:boardId/versions.json', async (ctx) => {
    const boardId = ctx.params.boardId!;
    const versions = isValidId(boardId) ? await store.listBoardOutcomes(boardId) : [];
    const latest = versions[0];
    if (!latest) throw new AppError('not_found', 'Nothing has been published from this board');
    const forum = await store.getForum(latest.forumId);
    const body: BoardOutcomeVersions = {
      board: { id: boardId, title: latest.boardTitle },
      forum: { id: latest.forumId, title: forum?.title ?? '' },
      versions: versions.map((v) => publisher.listing(v)),
    };
    sendBytes(ctx, JSON.stringify(body), {
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'no-cache',
      cors: true,
    });
  });

  get('/outcomes/:boardId/v/:file', async (ctx) => {
    const boardId = ctx.params.boardId!;
    const file = parseVersionFile(ctx.params.file!);
    if (!isValidId(boardId) || !file) throw new AppError('not_found', 'No such outcome');
    let format: string = file.format;
    if (file.format === 'html') {
      const outcome = (await store.listBoardOutcomes(boardId)).find(
        (o) => o.version === file.version,
      );
      if (!outcome) throw new AppError('not_found', 'No such outcome');
      const lang = queryLang(ctx) ?? (isOutcomeLang(outcome.language) ? outcome.language : 'en');
      format = htmlFormat(lang);
    }
    const data = await store.getOutcomeFile(boardId, file.version, format);
    if (!data) throw new AppError('not_found', 'No such outcome');
    sendBytes(ctx, data, {
      contentType: contentTypeOf(format),
      cacheControl: IMMUTABLE,
      cors: file.format !== 'html',
      filename: file.format === 'html' ? undefined : `${boardId}-v${file.version}.${file.format}`,
    });
  });

  const forumIndex = async (forumId: string): Promise<ForumOutcomesIndex> => {
    const forum = await boards.getForum(forumId);
    const outcomes = await store.listForumOutcomes(forum.id);
    return {
      forum: { id: forum.id, title: forum.title },
      outcomes: outcomes.map((o) => publisher.listing(o)),
    };
  };

  get('/forums/:forumId/outcomes.json', async (ctx) => {
    const index = await forumIndex(ctx.params.forumId!);
    sendBytes(ctx, JSON.stringify(index), {
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'no-cache',
      cors: true,
    });
  });

  get('/forums/:forumId/outcomes', async (ctx) => {
    const index = await forumIndex(ctx.params.forumId!);
    const lang =
      queryLang(ctx) ??
      mainLanguage(
        index.outcomes.map((o) => ({ lang: isOutcomeLang(o.language) ? o.language : 'en' })),
      );
    const html = renderForumIndex({
      lang,
      forum: index.forum,
      outcomes: index.outcomes,
      jsonPath: forumIndexPath(index.forum.id, true),
      timeZone: deps.timeZone,
    });
    sendBytes(ctx, html, { contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' });
  });

  return router;
}
