import type { RichBlock, RichInline } from '@shared/outcome/richText';
import type { OutcomeNote } from '@shared/outcome/schema';
import { escapeMarkdown, escapeMarkdownLine, markdownLinkDestination } from '../escape';
import type { OutcomeStrings } from '../i18n';
import { excerpt, totalVotes, type OutcomeView, type VoteCount } from '../view';

export interface MarkdownContext {
  strings: OutcomeStrings;
  hash: string;
  /** Absolute URLs of the other formats. */
  links: { html: string; json: string; csv: string; svg: string };
  publishedText: string;
}

// A code span needs a fence longer than any run of backticks inside it.
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const body = text.replace(/\r\n|\r|\n/g, ' ');
  const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

// Delimiters must hug non-space text ("** x**" is not bold), so edge spaces go outside.
function wrap(text: string, open: string, close = open): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return match[2] === '' ? text : `${match[1]}${open}${match[2]}${close}${match[3]}`;
}

function inlineMarkdown(nodes: readonly RichInline[] | undefined, indent: string): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === 'hardBreak') return `\\\n${indent}`;
      const marks = node.marks ?? [];
      if (marks.some((m) => m.type === 'code')) return codeSpan(node.text);
      let out = escapeMarkdown(node.text, indent);
      for (const mark of marks) {
        if (mark.type === 'bold') out = wrap(out, '**');
        else if (mark.type === 'italic') out = wrap(out, '*');
        else if (mark.type === 'strike') out = wrap(out, '~~');
        else if (mark.type === 'link') {
          // The text is already escaped (no `[`, `]` or `!` of its own can form a link or image);
          // a destination that is not safe to publish leaves the text without its link.
          const destination = markdownLinkDestination(mark.attrs.href);
          if (destination !== null) out = `[${out}](${destination})`;
        }
      }
      return out;
    })
    .join('');
}

/** Formatted text as Markdown lines; headings start at `headingLevel`. */
export function richMarkdown(
  blocks: readonly RichBlock[],
  headingLevel: number,
  indent = '',
): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (out.length > 0) out.push('');
    switch (block.type) {
      case 'paragraph':
        out.push(inlineMarkdown(block.content, indent));
        break;
      case 'heading': {
        const level = Math.min(6, headingLevel + block.attrs.level - 1);
        out.push(`${'#'.repeat(level)} ${inlineMarkdown(block.content, indent)}`);
        break;
      }
      case 'bulletList':
      case 'orderedList':
        block.content.forEach((item, i) => {
          const marker = block.type === 'bulletList' ? '- ' : `${(block.attrs?.start ?? 1) + i}. `;
          const inner = ' '.repeat(marker.length);
          const lines = richMarkdown(item.content, headingLevel, indent + inner);
          lines.forEach((line, j) =>
            out.push(j === 0 ? marker + line : line === '' ? '' : inner + line),
          );
        });
        break;
      case 'blockquote':
        for (const line of richMarkdown(block.content, headingLevel, indent + '> ')) {
          out.push(line === '' ? '>' : `> ${line}`);
        }
        break;
      case 'codeBlock': {
        const text = (block.content ?? []).map((t) => t.text).join('');
        const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
        const fence = '`'.repeat(longest + 1);
        out.push(fence, ...text.split(/\r\n|\r|\n/), fence);
        break;
      }
      case 'horizontalRule':
        out.push('***');
        break;
    }
  }
  return out;
}

function votesText(votes: VoteCount | null, s: OutcomeStrings): string {
  if (!votes) return '';
  const remote = votes.remote > 0 ? `, ${s.remoteOf(votes.remote)}` : '';
  return ` (${s.voteCount(totalVotes(votes))}${remote})`;
}

function noteItem(note: OutcomeNote, view: OutcomeView, s: OutcomeStrings): string {
  const author = note.author === null ? s.anonymous : escapeMarkdownLine(note.author);
  return `- ${escapeMarkdown(note.text, '  ')} — *${author}*${votesText(view.noteVotes(note.id), s)}`;
}

function table(header: string[], rows: string[][]): string[] {
  const cell = (text: string) => escapeMarkdownLine(text.replace(/\s+/g, ' '));
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 || i === 1 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map((c, i) => (i === 0 || i > 1 ? c : cell(c))).join(' | ')} |`),
  ];
}

/** The outcome as CommonMark (with GFM tables): every participant text is escaped. */
export function renderMarkdown(view: OutcomeView, ctx: MarkdownContext): string {
  const { doc } = view;
  const s = ctx.strings;
  const out: string[] = [
    `# ${escapeMarkdownLine(doc.board.title)}`,
    '',
    `${s.forum}: ${escapeMarkdownLine(doc.forum.title)}  `,
    `${s.published}: ${ctx.publishedText}  `,
    `${s.version}: ${doc.version}  `,
    `${s.permalink}: <${doc.permalink}>  `,
    `${s.hash}: \`${ctx.hash}\``,
    '',
    `## ${s.clusters}`,
  ];
  if (doc.notes.length === 0 && doc.clusters.length === 0) out.push('', s.noNotes);
  for (const group of view.clusters) {
    const title = group.cluster.title.trim() === '' ? s.untitledCluster : group.cluster.title;
    out.push('', `### ${escapeMarkdownLine(title)}`, '');
    out.push(`${s.noteCount(group.notes.length)}${votesText(group.votes, s)}`, '');
    for (const note of group.notes) out.push(noteItem(note, view, s));
  }
  if (view.loose.length > 0) {
    out.push('', `## ${s.notesOutside}`, '');
    for (const note of view.loose) out.push(noteItem(note, view, s));
  }
  if (doc.votes) {
    out.push('', `## ${s.voteResults}`, '');
    if (doc.votes.budget !== null) out.push(s.budget(doc.votes.budget), '');
    const header = [s.rank, s.note, s.inRoom, s.remote, s.total];
    const row = (text: string, v: VoteCount, i: number) => [
      String(i + 1),
      text,
      String(v.room),
      String(v.remote),
      String(totalVotes(v)),
    ];
    out.push(`### ${s.notesByVotes}`, '');
    out.push(
      ...table(
        header,
        view.rankedNotes.map((r, i) => row(excerpt(r.item.text), r.votes, i)),
      ),
    );
    if (view.rankedClusters.length > 0) {
      const rows = view.rankedClusters.map((r, i) =>
        row(r.item.title || s.untitledCluster, r.votes, i),
      );
      out.push(
        '',
        `### ${s.clustersByVotes}`,
        '',
        ...table([s.rank, s.cluster, ...header.slice(2)], rows),
      );
    }
  }
  if (view.proposals.length > 0) {
    out.push('', `## ${s.proposals}`);
    for (const p of view.proposals) {
      out.push('', `### ${escapeMarkdownLine(p.title.trim() || s.untitledProposal)}`, '');
      const cluster = p.clusterId ? view.clustersById.get(p.clusterId) : undefined;
      if (cluster)
        out.push(`${s.cluster}: ${escapeMarkdownLine(cluster.title || s.untitledCluster)}`, '');
      out.push(...richMarkdown(p.body, 4));
      if (p.citedNoteIds.length > 0) {
        out.push('', `**${s.basedOn}:**`, '');
        for (const id of p.citedNoteIds) {
          out.push(`- ${escapeMarkdownLine(excerpt(view.notesById.get(id)!.text))}`);
        }
      }
    }
  }
  out.push('', '---', '');
  out.push(
    `${s.downloads}: [HTML](<${ctx.links.html}>) · [JSON](<${ctx.links.json}>) · ` +
      `[CSV](<${ctx.links.csv}>) · [SVG](<${ctx.links.svg}>)`,
  );
  return out.join('\n') + '\n';
}
