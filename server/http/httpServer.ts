import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { refusalOf, type Refusal } from '../transport/socketCaps';
import { sendError } from './io';
import type { Router } from './router';

/** What is not a page (API answers, errors): nothing may load, run or frame it. */
export const DEFAULT_CSP =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// A Host header this server could be reached by; anything else leaves sockets at 'self' alone.
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The web client's pages (board, console, entrance, print sheet). Script only from this origin
 * (the built bundle, nothing inline; zod's one `Function('')` probe is refused and it falls back);
 * styles may be inline too, because Tiptap injects the proposal editor's CSS as a <style> element
 * (React and Konva set styles through the CSSOM, which CSP leaves alone); images
 * from here and data: URIs (the icon); WebSockets to the host the page came from (older
 * browsers do not count ws: as 'self'). Never framed: a board or the console in someone else's
 * frame could be clicked through.
 */
export function appCsp(host: string | undefined): string {
  const sockets = host && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
    `img-src 'self' data:; font-src 'self'; connect-src 'self'${sockets}; ` +
    "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'self'; " +
    "frame-ancestors 'none'"
  );
}

/**
 * The HTTP front door: API routes first, then the built client (with the single-page fallback
 * for its routes), and a JSON 404 for anything else under /api. A request on a socket over a
 * connection cap (server/transport/socketCaps.ts) is answered 503 or 429 with Retry-After.
 */
export function createHttpServer(router: Router, staticDir: string, log: Logger): http.Server {
  const hasClient = fs.existsSync(path.join(staticDir, 'index.html'));
  if (!hasClient) log.warn({ staticDir }, 'client build not found; run "npm run build"');
  const serveStatic = hasClient
    ? sirv(staticDir, { single: true, etag: true, gzip: false, brotli: false, dev: false })
    : null;

  // Check for headers and whole-request timeouts every 2 s rather than Node's 30 s, so a slow
  // request is cut off close to its deadline.
  return http.createServer({ connectionsCheckingInterval: 2000 }, (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // Routes that serve pages (the client below, published outcomes) set their own.
    res.setHeader('Content-Security-Policy', DEFAULT_CSP);
    const refusal = refusalOf(req.socket);
    if (refusal) {
      refuseRequest(res, refusal);
      return;
    }
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
    res.setHeader('Content-Security-Policy', appCsp(req.headers.host));
    res.setHeader('X-Frame-Options', 'DENY');
    serveStatic(req, res, () => {
      res.setHeader('Content-Security-Policy', DEFAULT_CSP);
      sendError(res, new AppError('not_found', 'Not found'));
    });
  }
}

/** A request on a socket over a cap: answered, and the socket closed after the answer. */
function refuseRequest(res: http.ServerResponse, refusal: Refusal): void {
  const err =
    refusal === 'total'
      ? new AppError('unavailable', 'The server is at its connection limit; try again shortly')
      : new AppError('rate_limited', 'Too many connections from this address; try again shortly');
  sendError(res, err, { 'Retry-After': '5', Connection: 'close' });
}
