import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type { NoteLang } from '../board/note';
import { boardRoots } from '../board/roots';
import { proposalFragment } from './read';
import { proposalSchema } from './schema';
import { proposalTemplate } from './template';

/**
 * Creates the proposal of `clusterId` from the template in `lang`, unless it exists; returns
 * whether it did. Check and write happen in one synchronous step, so on the one document the
 * server holds, concurrent requests create exactly one fragment. Only the server calls this:
 * two devices creating the same key offline would each make a fragment and one would be lost.
 */
export function createProposal(
  doc: Y.Doc,
  clusterId: string,
  lang: NoteLang,
  origin: unknown,
): boolean {
  if (proposalFragment(doc, clusterId)) return false;
  doc.transact(() => {
    const fragment = new Y.XmlFragment();
    boardRoots(doc).proposals.set(clusterId, fragment);
    prosemirrorJSONToYXmlFragment(proposalSchema(), proposalTemplate(lang), fragment);
  }, origin);
  return true;
}
