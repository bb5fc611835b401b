import { createHash } from 'node:crypto';
import type { RouteContext } from '../http/router';

/** Published pages run no script and load nothing from elsewhere. */
export const OUTCOME_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

/** Published versions never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface SendOptions {
  contentType: string;
  cacheControl: string;
  /** Open data may be fetched from any origin. */
  cors?: boolean;
  filename?: string;
  status?: number;
  headers?: Record<string, string>;
}

/**
 * Sends bytes exactly as given, with a strong ETag, answering HEAD without a body and a matching
 * If-None-Match with 304.
 */
export function sendBytes(
  ctx: RouteContext,
  body: Uint8Array | string,
  options: SendOptions,
): void {
  const { req, res } = ctx;
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
  const headers: Record<string, string | number> = {
    'Content-Type': options.contentType,
    'Cache-Control': options.cacheControl,
    'Content-Security-Policy': OUTCOME_CSP,
    'X-Content-Type-Options': 'nosniff',
    ETag: etag,
    ...options.headers,
  };
  if (options.cors) headers['Access-Control-Allow-Origin'] = '*';
  if (options.filename) headers['Content-Disposition'] = `inline; filename="${options.filename}"`;
  const match = req.headers['if-none-match'];
  if (match && match.split(',').some((t) => t.trim() === etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers['Content-Length'] = bytes.byteLength;
  res.writeHead(options.status ?? 200, headers);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** Sends a redirect that is never cached (it points at the latest version). */
export function redirect(ctx: RouteContext, location: string): void {
  ctx.res.writeHead(302, { Location: location, 'Cache-Control': 'no-cache' });
  ctx.res.end();
}
