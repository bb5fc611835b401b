import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { sendError } from './io';
import type { Router } from './router';

/**
 * The HTTP front door: API routes first, then the built client (with the single-page fallback
 * for its routes), and a JSON 404 for anything else under /api.
 */
export function createHttpServer(router: Router, staticDir: string, log: Logger): http.Server {
  const hasClient = fs.existsSync(path.join(staticDir, 'index.html'));
  if (!hasClient) log.warn({ staticDir }, 'client build not found; run "npm run build"');
  const serveStatic = hasClient
    ? sirv(staticDir, { single: true, etag: true, gzip: false, brotli: false, dev: false })
    : null;

  return http.createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    void handle(req, res).catch((err: unknown) => {
      const appErr = err instanceof AppError ? err : null;
      if (!appErr) log.error({ err, method: req.method }, 'request failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const allow = (err as { allow?: string }).allow;
      sendError(
        res,
        appErr ?? new AppError('internal', 'Internal server error'),
        allow ? { Allow: allow } : {},
      );
      if (appErr?.code === 'too_large') req.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const route = router.match(method, url.pathname);
    if (route) {
      await route.handler({ req, res, params: route.params, url });
      return;
    }
    if (
      url.pathname.startsWith('/api/') ||
      url.pathname === '/api' ||
      url.pathname.startsWith('/sync')
    ) {
      throw new AppError('not_found', `No route ${method} ${url.pathname}`);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      throw Object.assign(new AppError('method_not_allowed', 'Only GET and HEAD serve pages'), {
        allow: 'GET, HEAD',
      });
    }
    if (!serveStatic) {
      throw new AppError('unavailable', 'The web client is not built; run "npm run build"');
    }
    serveStatic(req, res, () => {
      sendError(res, new AppError('not_found', 'Not found'));
    });
  }
}
