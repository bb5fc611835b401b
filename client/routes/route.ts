/** The app's routes, parsed from a location; pure so it can be unit-tested. */
import { isValidId } from '@shared/ids';

export type Route =
  | { kind: 'home' }
  | { kind: 'board'; boardId: string; token: string | null }
  | { kind: 'admin'; path: string }
  | { kind: 'forum'; forumId: string; token: string | null }
  | { kind: 'notFound' };

function tokenOf(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length > 0 ? token : null;
}

/** Parses a pathname and hash (`#token=…`) into a route. */
export function parseRoute(pathname: string, hash: string): Route {
  if (pathname === '/' || pathname === '') return { kind: 'home' };
  // The forum console parses the rest of its path itself (client/console/consoleRoute.ts).
  if (pathname === '/admin' || pathname.startsWith('/admin/'))
    return { kind: 'admin', path: pathname };
  const match = /^\/(board|forum)\/([^/]+)\/?$/.exec(pathname);
  if (match && match[2] !== undefined) {
    const id = decodeURIComponent(match[2]);
    if (!isValidId(id)) return { kind: 'notFound' };
    const token = tokenOf(hash);
    return match[1] === 'board'
      ? { kind: 'board', boardId: id, token }
      : { kind: 'forum', forumId: id, token };
  }
  return { kind: 'notFound' };
}
