import type { Board } from '@shared/board/read';
import { NOTE_LANGS, type Note, type NoteLang } from '@shared/board/note';
import { isValidId } from '@shared/ids';
import { sanitizeRichText, stripControlChars } from '@shared/outcome/richText';
import {
  OUTCOME_SCHEMA_VERSION,
  OutcomeDocumentSchema,
  type OutcomeCluster,
  type OutcomeDocument,
  type OutcomeNote,
  type OutcomeProposal,
  type OutcomeVotes,
} from '@shared/outcome/schema';

/** A proposal as the proposals feature hands it over: its body is Tiptap/ProseMirror JSON. */
export interface ProposalInput {
  id: string;
  title: string;
  clusterId: string | null;
  body: unknown;
  citedNoteIds: readonly string[];
}

/** What other features add to a published outcome (votes and proposals, once they exist). */
export interface OutcomeExtras {
  votes?: OutcomeVotes;
  proposals?: readonly ProposalInput[];
}

export interface BuildInput {
  board: { id: string; title: string };
  forum: { id: string; title: string };
  version: number;
  publishedAt: string;
  permalink: string;
  content: Board;
  extras?: OutcomeExtras;
}

const MAX_TITLE = 200;

const clean = (text: string): string => stripControlChars(text);

type Positioned = { id: string; x: number; y: number };

// Reading order: top to bottom, then left to right, then id, so every reader agrees.
function byPosition(a: Positioned, b: Positioned): number {
  return a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The most common note language; ties go to the earlier of en, fi, sv; 'en' for no notes. */
export function mainLanguage(notes: readonly { lang: NoteLang }[]): NoteLang {
  const counts = new Map<NoteLang, number>();
  for (const n of notes) counts.set(n.lang, (counts.get(n.lang) ?? 0) + 1);
  let best: NoteLang = 'en';
  let bestCount = 0;
  for (const lang of NOTE_LANGS) {
    const count = counts.get(lang) ?? 0;
    if (count > bestCount) {
      best = lang;
      bestCount = count;
    }
  }
  return best;
}

function outcomeNote(n: Note): OutcomeNote {
  // Only a display name is published, and never for an anonymous note.
  const name = n.authorId === null ? '' : clean(n.authorName ?? '').trim();
  return {
    id: n.id,
    text: clean(n.text),
    color: n.color,
    lang: n.lang,
    author: name === '' ? null : name,
    clusterId: n.clusterId,
    x: n.x,
    y: n.y,
  };
}

function buildVotes(
  votes: OutcomeVotes,
  noteIds: ReadonlySet<string>,
  clusterIds: ReadonlySet<string>,
): OutcomeVotes {
  const count = (n: number) => (Number.isInteger(n) && n > 0 ? n : 0);
  const results = votes.results
    .filter((r) => (r.target === 'note' ? noteIds : clusterIds).has(r.id))
    .map((r) => ({ target: r.target, id: r.id, room: count(r.room), remote: count(r.remote) }))
    .filter((r) => r.room + r.remote > 0)
    .sort(
      (a, b) =>
        b.room + b.remote - (a.room + a.remote) ||
        b.room - a.room ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const budget = votes.budget !== null && Number.isInteger(votes.budget) && votes.budget > 0;
  return { budget: budget ? votes.budget : null, results };
}

// Proposals follow their clusters' reading order; those without a cluster come last.
function buildProposals(
  proposals: readonly ProposalInput[],
  noteIds: ReadonlySet<string>,
  clusterRank: ReadonlyMap<string, number>,
): OutcomeProposal[] {
  const rankOf = (p: ProposalInput) =>
    p.clusterId === null ? clusterRank.size : (clusterRank.get(p.clusterId) ?? clusterRank.size);
  const clusterIds = new Set(clusterRank.keys());
  return [...proposals]
    .sort((a, b) => rankOf(a) - rankOf(b))
    .filter((p) => isValidId(p.id))
    .map((p) => ({
      id: p.id,
      title: clean(p.title).slice(0, MAX_TITLE),
      clusterId: p.clusterId !== null && clusterIds.has(p.clusterId) ? p.clusterId : null,
      body: sanitizeRichText(p.body, { noteIds }),
      citedNoteIds: Array.from(new Set(p.citedNoteIds)).filter((id) => noteIds.has(id)),
    }));
}

/**
 * The published document of a board's content. Notes are listed in reading order: cluster by
 * cluster (clusters in reading order), then the notes outside clusters. Throws only when the
 * result would not match the published schema (a programming error).
 */
export function buildOutcome(input: BuildInput): OutcomeDocument {
  const clusters: OutcomeCluster[] = input.content.clusters
    .map((c) => ({
      id: c.id,
      title: clean(c.title),
      x: c.x,
      y: c.y,
      width: c.width,
      height: c.height,
    }))
    .sort(byPosition);
  const rank = new Map(clusters.map((c, i) => [c.id, i]));
  const groupOf = (n: OutcomeNote) =>
    n.clusterId === null ? clusters.length : rank.get(n.clusterId)!;
  const notes = input.content.notes
    .map(outcomeNote)
    .sort((a, b) => groupOf(a) - groupOf(b) || byPosition(a, b));
  const noteIds = new Set(notes.map((n) => n.id));
  const clusterIds = new Set(clusters.map((c) => c.id));
  const doc: OutcomeDocument = {
    schemaVersion: OUTCOME_SCHEMA_VERSION,
    board: { id: input.board.id, title: clean(input.board.title) },
    forum: { id: input.forum.id, title: clean(input.forum.title) },
    version: input.version,
    publishedAt: input.publishedAt,
    language: mainLanguage(notes),
    permalink: input.permalink,
    clusters,
    notes,
  };
  const { votes, proposals } = input.extras ?? {};
  if (votes) doc.votes = buildVotes(votes, noteIds, clusterIds);
  if (proposals) doc.proposals = buildProposals(proposals, noteIds, rank);
  return OutcomeDocumentSchema.parse(doc);
}
