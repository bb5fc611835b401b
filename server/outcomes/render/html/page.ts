import type { OutcomeFormat, OutcomeLang } from '@shared/outcome/api';
import type { OutcomeNote } from '@shared/outcome/schema';
import { escapeHtml as h } from '../../escape';
import type { OutcomeStrings } from '../../i18n';
import { excerpt, totalVotes, type OutcomeView, type RankedRow, type VoteCount } from '../../view';
import { layout } from './layout';
import { richHtml } from './richText';

export interface PageContext {
  lang: OutcomeLang;
  strings: OutcomeStrings;
  hash: string;
  /** Root-relative URLs of every format, so the page works behind any host name. */
  paths: Record<OutcomeFormat, string>;
  schemaPath: string;
  forumIndexPath: string;
  publishedText: string;
  /** Intrinsic size of the SVG picture. */
  svgSize: { width: number; height: number };
}

function votesLabel(votes: VoteCount | null, s: OutcomeStrings): string {
  if (!votes) return '';
  const remote = votes.remote > 0 ? ` (${h(s.remoteOf(votes.remote))})` : '';
  return `${h(s.voteCount(totalVotes(votes)))}${remote}`;
}

function noteItem(note: OutcomeNote, view: OutcomeView, s: OutcomeStrings): string {
  const author =
    note.author === null ? `<i>${h(s.anonymous)}</i>` : `<span dir="auto">${h(note.author)}</span>`;
  const votes = votesLabel(view.noteVotes(note.id), s);
  return (
    `<li class="note c-${note.color}" id="note-${h(note.id)}">` +
    `<p class="text" lang="${note.lang}" dir="auto">${h(note.text)}</p>` +
    `<p class="meta"><span><span class="visually-hidden">${h(s.author)}: </span>${author}</span>` +
    (votes ? `<span>${votes}</span>` : '') +
    '</p></li>'
  );
}

function noteList(notes: readonly OutcomeNote[], view: OutcomeView, s: OutcomeStrings): string {
  return `<ul class="notes">${notes.map((n) => noteItem(n, view, s)).join('\n')}</ul>`;
}

function clustersSection(view: OutcomeView, s: OutcomeStrings): string {
  const parts = [`<h2 id="clusters">${h(s.clusters)}</h2>`];
  if (view.doc.notes.length === 0 && view.doc.clusters.length === 0) {
    parts.push(`<p>${h(s.noNotes)}</p>`);
  }
  for (const group of view.clusters) {
    const id = `cluster-${h(group.cluster.id)}`;
    const title = group.cluster.title.trim() === '' ? s.untitledCluster : group.cluster.title;
    const votes = votesLabel(group.votes, s);
    parts.push(
      `<section class="cluster" aria-labelledby="${id}">` +
        `<h3 id="${id}" dir="auto">${h(title)}</h3>` +
        `<p class="count">${h(s.noteCount(group.notes.length))}${votes ? ` · ${votes}` : ''}</p>` +
        (group.notes.length > 0 ? noteList(group.notes, view, s) : '') +
        '</section>',
    );
  }
  const out = [`<section aria-labelledby="clusters">${parts.join('\n')}</section>`];
  if (view.loose.length > 0) {
    out.push(
      '<section aria-labelledby="outside">' +
        `<h2 id="outside">${h(s.notesOutside)}</h2>` +
        `<p class="count">${h(s.noteCount(view.loose.length))}</p>` +
        noteList(view.loose, view, s) +
        '</section>',
    );
  }
  return out.join('\n');
}

function votesTable<T>(
  caption: string,
  itemHeader: string,
  rows: RankedRow<T>[],
  cell: (item: T) => string,
  s: OutcomeStrings,
): string {
  const head = [s.rank, itemHeader, s.inRoom, s.remote, s.total]
    .map((t, i) => `<th scope="col"${i === 1 ? '' : ' class="num"'}>${h(t)}</th>`)
    .join('');
  const body = rows
    .map(
      (r, i) =>
        `<tr><td class="num">${i + 1}</td><th scope="row" dir="auto">${cell(r.item)}</th>` +
        `<td class="num">${r.votes.room}</td><td class="num">${r.votes.remote}</td>` +
        `<td class="num">${totalVotes(r.votes)}</td></tr>`,
    )
    .join('\n');
  return `<table><caption>${h(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function votesSection(view: OutcomeView, s: OutcomeStrings): string {
  const votes = view.doc.votes;
  if (!votes) return '';
  const parts = [`<h2 id="votes">${h(s.voteResults)}</h2>`];
  if (votes.budget !== null) parts.push(`<p>${h(s.budget(votes.budget))}</p>`);
  if (votes.results.length === 0) parts.push(`<p>${h(s.noVotes)}</p>`);
  if (view.rankedNotes.length > 0) {
    const link = (n: OutcomeNote) => `<a href="#note-${h(n.id)}">${h(excerpt(n.text))}</a>`;
    parts.push(votesTable(s.notesByVotes, s.note, view.rankedNotes, link, s));
  }
  if (view.rankedClusters.length > 0) {
    parts.push(
      votesTable(
        s.clustersByVotes,
        s.cluster,
        view.rankedClusters,
        (c) => `<a href="#cluster-${h(c.id)}">${h(c.title.trim() || s.untitledCluster)}</a>`,
        s,
      ),
    );
  }
  return `<section aria-labelledby="votes">${parts.join('\n')}</section>`;
}

function proposalsSection(view: OutcomeView, s: OutcomeStrings): string {
  if (view.proposals.length === 0) return '';
  const items = view.proposals.map((p) => {
    const id = `proposal-${h(p.id)}`;
    const cluster = p.clusterId ? view.clustersById.get(p.clusterId) : undefined;
    const cited = p.citedNoteIds.map((noteId) => {
      const note = view.notesById.get(noteId)!;
      return `<li><a href="#note-${h(noteId)}" lang="${note.lang}" dir="auto">${h(excerpt(note.text))}</a></li>`;
    });
    return (
      `<article class="proposal" aria-labelledby="${id}">` +
      `<h3 id="${id}" dir="auto">${h(p.title.trim() || s.untitledProposal)}</h3>` +
      (cluster
        ? `<p class="count">${h(s.cluster)}: <a href="#cluster-${h(cluster.id)}">${h(cluster.title.trim() || s.untitledCluster)}</a></p>`
        : '') +
      `<div class="body">${richHtml(p.body, 4)}</div>` +
      (cited.length > 0 ? `<h4>${h(s.basedOn)}</h4><ul>${cited.join('')}</ul>` : '') +
      '</article>'
    );
  });
  return `<section aria-labelledby="proposals"><h2 id="proposals">${h(s.proposals)}</h2>${items.join('\n')}</section>`;
}

function pictureSection(view: OutcomeView, ctx: PageContext): string {
  const s = ctx.strings;
  const alt = s.pictureAlt(view.doc.clusters.length, view.doc.notes.length);
  return (
    '<section aria-labelledby="picture">' +
    `<h2 id="picture">${h(s.picture)}</h2>` +
    `<figure><img src="${h(ctx.paths.svg)}" alt="${h(alt)}" width="${ctx.svgSize.width}" height="${ctx.svgSize.height}">` +
    `<figcaption><a href="${h(ctx.paths.svg)}">${h(s.openPicture)}</a></figcaption></figure>` +
    '</section>'
  );
}

function aboutSection(view: OutcomeView, ctx: PageContext): string {
  const s = ctx.strings;
  const { doc } = view;
  const downloads = (['json', 'csv', 'md', 'svg'] as const)
    .map((f) => `<li><a href="${h(ctx.paths[f])}">${h(s.formats[f])}</a></li>`)
    .join('');
  return (
    '<section aria-labelledby="about">' +
    `<h2 id="about">${h(s.about)}</h2><dl class="about">` +
    `<dt>${h(s.version)}</dt><dd>${doc.version}</dd>` +
    `<dt>${h(s.published)}</dt><dd><time datetime="${h(doc.publishedAt)}">${h(ctx.publishedText)}</time></dd>` +
    `<dt>${h(s.permalink)}</dt><dd><a href="${h(doc.permalink)}">${h(doc.permalink)}</a></dd>` +
    `<dt>${h(s.hash)}</dt><dd><code class="hash">${h(ctx.hash)}</code></dd>` +
    `<dt>${h(s.downloads)}</dt><dd><ul>${downloads}</ul></dd>` +
    `<dt>${h(s.schema)}</dt><dd><a href="${h(ctx.schemaPath)}">${h(ctx.schemaPath)}</a></dd>` +
    '</dl></section>'
  );
}

/** The published HTML page of one version in one language. */
export function renderHtml(view: OutcomeView, ctx: PageContext): string {
  const s = ctx.strings;
  const { doc } = view;
  const time = `<time datetime="${h(doc.publishedAt)}">${h(ctx.publishedText)}</time>`;
  const main = [
    `<h1 dir="auto">${h(doc.board.title)}</h1>`,
    `<p class="lede">${h(s.forum)}: <span dir="auto">${h(doc.forum.title)}</span> · ` +
      `${h(s.published)} ${time} · ${h(s.version)} ${doc.version}</p>`,
    clustersSection(view, s),
    votesSection(view, s),
    proposalsSection(view, s),
    pictureSection(view, ctx),
    aboutSection(view, ctx),
  ];
  const alternates = (['en', 'fi', 'sv'] as const)
    .map((l) => `<link rel="alternate" hreflang="${l}" href="${h(`${doc.permalink}?lang=${l}`)}">`)
    .join('\n');
  return layout({
    lang: ctx.lang,
    title: `${doc.board.title} — ${doc.forum.title}`,
    banner: `<strong dir="auto">${h(doc.forum.title)}</strong> · ${h(s.publishedFindings)}`,
    main: main.filter((part) => part !== '').join('\n'),
    footer:
      `<p>${h(s.footer)}</p>` + `<p><a href="${h(ctx.forumIndexPath)}">${h(s.allOutcomes)}</a></p>`,
    head:
      `<link rel="canonical" href="${h(doc.permalink)}">\n${alternates}\n` +
      `<link rel="alternate" type="application/json" href="${h(ctx.paths.json)}">`,
    langHref: (lang) => `?lang=${lang}`,
  });
}
