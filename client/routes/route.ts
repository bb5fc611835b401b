/** The app's routes, parsed from a location; pure so it can be unit-tested. */
import { isValidId } from '@shared/ids';

export type Route =
  | { kind: 'home' }
  | { kind: 'board'; boardId: string; token: string | null }
  | { kind: 'notFound' };

/** Parses a pathname and hash (`#token=…`) into a route. */
export function parseRoute(pathname: string, hash: string): Route {
  if (pathname === '/' || pathname === '') return { kind: 'home' };
  const match = /^\/board\/([^/]+)\/?$/.exec(pathname);
  if (match && match[1] !== undefined) {
    const boardId = decodeURIComponent(match[1]);
    if (!isValidId(boardId)) return { kind: 'notFound' };
    const params = new URLSearchParams(hash.replace(/^#/, ''));
    const token = params.get('token');
    return { kind: 'board', boardId, token: token && token.length > 0 ? token : null };
  }
  return { kind: 'notFound' };
}
