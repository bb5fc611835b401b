import type { OutcomeLang, OutcomeListing } from '@shared/outcome/api';
import { escapeHtml as h } from '../../escape';
import { formatDateTime, OUTCOME_STRINGS } from '../../i18n';
import { outcomePaths } from '../../paths';
import { layout } from './layout';

export interface ForumIndexInput {
  lang: OutcomeLang;
  forum: { id: string; title: string };
  /** Newest first. */
  outcomes: OutcomeListing[];
  jsonPath: string;
  timeZone?: string;
}

/** The public index of a forum's published outcomes: every version, newest first. */
export function renderForumIndex(input: ForumIndexInput): string {
  const s = OUTCOME_STRINGS[input.lang];
  const items = input.outcomes.map((o) => {
    const when = formatDateTime(o.publishedAt, s, input.timeZone);
    const paths = outcomePaths(o.boardId, o.version);
    const formats = (['json', 'csv', 'md', 'svg'] as const)
      .map((f) => `<a href="${h(paths[f])}">${h(s.formats[f])}</a>`)
      .join(' · ');
    return (
      `<li><article aria-labelledby="o-${h(o.boardId)}-${o.version}">` +
      `<h2 id="o-${h(o.boardId)}-${o.version}"><a href="${h(paths.html)}?lang=${input.lang}" dir="auto">${h(o.boardTitle)}</a></h2>` +
      `<p>${h(s.version)} ${o.version} · ${h(s.published)} <time datetime="${h(o.publishedAt)}">${h(when)}</time></p>` +
      `<p>${formats}</p>` +
      `<p>${h(s.hash)}: <code class="hash">${h(o.hash)}</code></p>` +
      '</article></li>'
    );
  });
  const main = [
    `<h1 dir="auto">${h(input.forum.title)}</h1>`,
    `<p class="lede">${h(s.indexTitle)}</p>`,
    items.length > 0
      ? `<ol class="outcomes">${items.join('\n')}</ol>`
      : `<p>${h(s.indexEmpty)}</p>`,
  ].join('\n');
  return layout({
    lang: input.lang,
    title: `${s.indexTitle} — ${input.forum.title}`,
    banner: `<strong dir="auto">${h(input.forum.title)}</strong> · ${h(s.publishedFindings)}`,
    main,
    footer: `<p><a href="${h(input.jsonPath)}">${h(s.formats.json)}</a></p>`,
    head: `<link rel="alternate" type="application/json" href="${h(input.jsonPath)}">`,
    langHref: (lang) => `?lang=${lang}`,
  });
}
