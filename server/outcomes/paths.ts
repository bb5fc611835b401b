import { OUTCOME_FORMATS, type OutcomeFormat, type OutcomeLang } from '@shared/outcome/api';

/** Root-relative URL of one format of a version: the permalink is the HTML page. */
export function outcomePath(boardId: string, version: number, format: OutcomeFormat): string {
  const base = `/outcomes/${boardId}/v/${version}`;
  return format === 'html' ? base : `${base}.${format}`;
}

/** Root-relative URLs of every format of a version. */
export function outcomePaths(boardId: string, version: number): Record<OutcomeFormat, string> {
  const out = {} as Record<OutcomeFormat, string>;
  for (const format of OUTCOME_FORMATS) out[format] = outcomePath(boardId, version, format);
  return out;
}

/** The public index of a forum's published outcomes. */
export function forumIndexPath(forumId: string, json = false): string {
  return `/forums/${forumId}/outcomes${json ? '.json' : ''}`;
}

/** The store's name for the HTML file of a language. */
export function htmlFormat(lang: OutcomeLang): string {
  return `html-${lang}`;
}

/** Content types of the stored files, by store format name. */
export function contentTypeOf(format: string): string {
  if (format.startsWith('html-')) return 'text/html; charset=utf-8';
  switch (format) {
    case 'json':
      return 'application/json; charset=utf-8';
    case 'md':
      return 'text/markdown; charset=utf-8';
    case 'csv':
      return 'text/csv; charset=utf-8; header=present';
    case 'svg':
      return 'image/svg+xml; charset=utf-8';
    default:
      return 'application/octet-stream';
  }
}

/** Parses the last segment of `/outcomes/:boardId/v/:file`: "3", "3.json", "3.csv", … */
export function parseVersionFile(
  file: string,
): { version: number; format: Exclude<OutcomeFormat, 'html'> | 'html' } | null {
  const match = /^([1-9]\d{0,8})(?:\.(json|md|csv|svg))?$/.exec(file);
  if (!match) return null;
  return { version: Number(match[1]), format: (match[2] as OutcomeFormat | undefined) ?? 'html' };
}
