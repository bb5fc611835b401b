/** The forum console's pages under `/admin`, parsed from the path; pure so it can be unit-tested. */
import { isValidId } from '@shared/ids';

export const FORUM_TABS = ['tables', 'people', 'overview', 'details'] as const;

export type ForumTab = (typeof FORUM_TABS)[number];

export type ConsolePage =
  | { kind: 'forums' }
  | { kind: 'forum'; forumId: string; tab: ForumTab }
  | { kind: 'print'; forumId: string }
  | { kind: 'notFound' };

/** Parses an `/admin…` pathname. */
export function parseConsolePath(pathname: string): ConsolePage {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(2).map(decodeURIComponent);
  if (parts.length === 0) return { kind: 'forums' };
  const [section, forumId, tab] = parts;
  if (section !== 'forums' || !isValidId(forumId) || parts.length > 3) return { kind: 'notFound' };
  if (tab === undefined) return { kind: 'forum', forumId, tab: 'tables' };
  if (tab === 'print') return { kind: 'print', forumId };
  if ((FORUM_TABS as readonly string[]).includes(tab)) {
    return { kind: 'forum', forumId, tab: tab as ForumTab };
  }
  return { kind: 'notFound' };
}

/** The path of a console page. */
export function consolePath(page: ConsolePage): string {
  switch (page.kind) {
    case 'forums':
    case 'notFound':
      return '/admin';
    case 'forum':
      return `/admin/forums/${encodeURIComponent(page.forumId)}${page.tab === 'tables' ? '' : `/${page.tab}`}`;
    case 'print':
      return `/admin/forums/${encodeURIComponent(page.forumId)}/print`;
  }
}

/** Goes to another page of the app without reloading (App listens to popstate). */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
