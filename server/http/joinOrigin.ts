import { addressKey, JoinRateLimited } from '../auth/joinLimits';
import type { RouteContext } from './router';

/**
 * The address joins are counted for: the peer of the TCP connection. Behind a reverse proxy
 * every request shares the proxy's address, so the per-address join limit becomes one limit for
 * everyone (docs/SECURITY.md); forwarded headers are not trusted, as anyone can send them.
 */
export function joinOrigin(ctx: RouteContext): { address: string } {
  return { address: addressKey(ctx.req.socket.remoteAddress) };
}

/** Runs a join; a refusal by the join limits carries `Retry-After` (seconds). */
export async function withRetryAfter<T>(ctx: RouteContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof JoinRateLimited) {
      ctx.res.setHeader('Retry-After', String(err.retryAfterSeconds));
    }
    throw err;
  }
}
