import * as Y from 'yjs';

type Content = Y.Item['content'];
import { isValidId } from '../ids';
import {
  MAX_PROPOSAL_DEPTH,
  isProposalMark,
  isProposalNode,
  isProposalNodeAttr,
} from '../proposal/contentSchema';
import { isValidClusterField } from './cluster';
import { isValidNoteField } from './note';
import { BOARD_ROOT_NAMES, MetaKey, PRIVATE_ROOT_NAMES } from './roots';
import type { Place } from './updatePlaces';

/**
 * The schema of a board document item by item: what may be stored where. Used by the server to
 * judge an update before it is applied (updateCheck.ts); the layout is documented in
 * docs/SCHEMA.md and the readers in read.ts skip whatever does not fit it.
 */

/** Which document a schema is for: the shared board, or one person's private notes. */
export type DocKind = 'board' | 'private';

/** Roots each kind of document has; writes anywhere else are refused. */
const ROOTS: Record<DocKind, readonly string[]> = {
  board: BOARD_ROOT_NAMES,
  private: PRIVATE_ROOT_NAMES,
};

/** A record's one scalar value, when `content` is exactly that. */
function singleValue(content: Content): { value: unknown } | null {
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return null;
  return { value: content.arr[0] };
}

const isMapType = (content: Content): boolean =>
  content instanceof Y.ContentType && content.type instanceof Y.Map;

/** A record map (note or cluster) keyed by its id in a root map, its fields scalar entries. */
function checkRecord(
  place: Place,
  content: Content,
  isValidField: (key: string, value: unknown) => boolean,
  what: string,
): string | null {
  const { path } = place.container;
  if (path.length === 0) {
    if (!isValidId(place.key)) return `A ${what} needs a valid id as its key`;
    return isMapType(content) ? null : `A ${what} must be a map`;
  }
  if (path.length === 1) {
    if (place.key === null) return `A ${what} is a map, not a list`;
    const one = singleValue(content);
    if (!one) return `The ${what} field "${place.key}" must be one plain value`;
    if (place.key === 'id' && one.value !== path[0]) return `A ${what}'s id must match its key`;
    return isValidField(place.key, one.value)
      ? null
      : `The ${what} field "${place.key}" has a value of the wrong type or range`;
  }
  return `Nothing may be nested inside a ${what}'s fields`;
}

/** Proposal content: the y-prosemirror layout of shared/proposal/contentSchema.ts. */
function checkProposal(place: Place, content: Content): string | null {
  const { path, kind, nodeName } = place.container;
  if (path.length === 0) {
    if (!isValidId(place.key)) return 'A proposal is keyed by its cluster id';
    return content instanceof Y.ContentType &&
      content.type instanceof Y.XmlFragment &&
      !(content.type instanceof Y.XmlElement)
      ? null
      : 'A proposal must be an XML fragment';
  }
  if (path.length > MAX_PROPOSAL_DEPTH) return 'The proposal is nested too deeply';
  if (kind === 'xmlText') {
    if (place.key !== null) return 'Proposal text has no attributes';
    if (content instanceof Y.ContentString) return null;
    if (content instanceof Y.ContentFormat) {
      return isProposalMark(content.key, content.value) ? null : `Unknown mark "${content.key}"`;
    }
    return 'Proposal text holds only text and marks';
  }
  if (kind !== 'xmlFragment' && kind !== 'xmlElement') return 'Not a proposal structure';
  if (place.key !== null) {
    if (kind !== 'xmlElement') return 'Only elements have attributes';
    const one = singleValue(content);
    return one && isProposalNodeAttr(nodeName, place.key, one.value)
      ? null
      : `"${place.key}" is not an attribute of ${nodeName ?? 'this node'}`;
  }
  if (!(content instanceof Y.ContentType)) return 'A proposal holds elements and text';
  const type = content.type;
  if (type instanceof Y.XmlText) return null;
  if (type instanceof Y.XmlElement) {
    return isProposalNode(type.nodeName) ? null : `Unknown node "${type.nodeName}"`;
  }
  return 'A proposal holds elements and text';
}

/**
 * Why an item of `content` may not be stored at `place` in a document of `kind`, or null when
 * it may. Deleted content (`ContentDeleted`) fits anywhere a value fits: it holds nothing.
 */
export function schemaViolation(kind: DocKind, place: Place, content: Content): string | null {
  const { root } = place.container;
  if (!ROOTS[kind].includes(root)) return `"${root}" is not part of this document`;
  if (content instanceof Y.ContentDeleted) {
    // Deleted content still claims a slot: the slot itself must exist in the schema.
    return place.container.path.length > MAX_PROPOSAL_DEPTH ? 'Nested too deeply' : null;
  }
  switch (root) {
    case 'meta': {
      if (place.container.path.length > 0 || place.key !== MetaKey.SchemaVersion) {
        return 'meta holds only the schema version';
      }
      const one = singleValue(content);
      return one && Number.isInteger(one.value) ? null : 'The schema version is a whole number';
    }
    case 'notes':
      return checkRecord(place, content, isValidNoteField, 'note');
    case 'clusters':
      return checkRecord(place, content, isValidClusterField, 'cluster');
    case 'proposals':
      return checkProposal(place, content);
    default:
      return `"${root}" is not part of this document`;
  }
}
