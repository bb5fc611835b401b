import * as Y from 'yjs';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { boardRoots } from '../board/roots';
import { isValidId } from '../ids';
import { NOTE_CITATION, proposalSchema } from './schema';
import type { ProposalJSON } from './template';

/** A proposal as the server reads it (e.g. to publish it with an outcome). */
export interface ProposalRecord {
  /** The cluster the proposal belongs to (it is keyed by this id). */
  clusterId: string;
  /** ProseMirror JSON of the proposal schema (`{ type: 'doc', content: [...] }`). */
  body: ProposalJSON;
  /** Ids of the notes the text cites, in order of first citation, without repeats. */
  citedNoteIds: string[];
}

/** The live rich-text fragment of a cluster's proposal, or null when none was created. */
export function proposalFragment(doc: Y.Doc, clusterId: string): Y.XmlFragment | null {
  const value: unknown = boardRoots(doc).proposals.get(clusterId);
  return value instanceof Y.XmlFragment ? value : null;
}

const SCRATCH = 'proposal';

/**
 * ProseMirror JSON of the proposal of `clusterId`, or null when the cluster has none. Reads with
 * the shared schema; content the schema does not know (foreign nodes, marks or attributes) is
 * dropped. Never throws on document content and never writes to `doc`: the Yjs binding deletes
 * content it cannot read, so it reads a detached copy.
 */
export function readProposal(doc: Y.Doc, clusterId: string): ProposalJSON | null {
  const fragment = proposalFragment(doc, clusterId);
  if (!fragment) return null;
  try {
    const scratch = new Y.Doc();
    const copy = scratch.getXmlFragment(SCRATCH);
    // Only elements can be blocks; a stray text or foreign value at the top is not content.
    const blocks = fragment.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);
    copy.insert(
      0,
      blocks.map((block) => block.clone()),
    );
    const json = yXmlFragmentToProseMirrorRootNode(copy, proposalSchema()).toJSON() as ProposalJSON;
    scratch.destroy();
    return json;
  } catch {
    return { type: 'doc', content: [] };
  }
}

/** The ids of the notes `body` cites, in order of first citation, without repeats. */
export function citedNoteIds(body: unknown): string[] {
  const ids = new Set<string>();
  const visit = (node: unknown, depth: number): void => {
    if (typeof node !== 'object' || node === null || depth > 64) return;
    const { marks, content } = node as { marks?: unknown; content?: unknown };
    if (Array.isArray(marks)) {
      for (const mark of marks as { type?: unknown; attrs?: { noteId?: unknown } }[]) {
        const id = mark?.type === NOTE_CITATION ? mark.attrs?.noteId : null;
        if (isValidId(id)) ids.add(id);
      }
    }
    if (Array.isArray(content)) for (const child of content) visit(child, depth + 1);
  };
  visit(body, 0);
  return Array.from(ids);
}

/** Every proposal of the board, ordered by cluster id; clusters deleted since are included. */
export function readProposals(doc: Y.Doc): ProposalRecord[] {
  const ids = Array.from(boardRoots(doc).proposals.keys()).filter(isValidId).sort();
  const out: ProposalRecord[] = [];
  for (const clusterId of ids) {
    const body = readProposal(doc, clusterId);
    if (body) out.push({ clusterId, body, citedNoteIds: citedNoteIds(body) });
  }
  return out;
}
