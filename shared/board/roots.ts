import * as Y from 'yjs';

/**
 * The board document's root names live here and nowhere else. Renaming a root orphans every
 * stored board, so these strings are frozen; change the layout through a migration instead.
 */
const META_ROOT = 'meta';
const NOTES_ROOT = 'notes';
const CLUSTERS_ROOT = 'clusters';
const PROPOSALS_ROOT = 'proposals';

/** Every root a board document has; anything written elsewhere is refused (docSchema.ts). */
export const BOARD_ROOT_NAMES: readonly string[] = [
  META_ROOT,
  NOTES_ROOT,
  CLUSTERS_ROOT,
  PROPOSALS_ROOT,
];

/** A person's private document holds only notes (revealed onto the board later). */
export const PRIVATE_ROOT_NAMES: readonly string[] = [NOTES_ROOT];

/** The schema version this code reads and writes (see docs/SCHEMA.md). */
export const BOARD_SCHEMA_VERSION = 1;

/** Keys of the meta map. */
export const MetaKey = {
  SchemaVersion: 'schemaVersion',
} as const;

/**
 * The roots of a board document; each note and cluster is a nested Y.Map keyed by field, each
 * proposal a rich-text Y.XmlFragment keyed by its cluster's id (see shared/proposal/).
 */
export interface BoardRoots {
  meta: Y.Map<unknown>;
  notes: Y.Map<Y.Map<unknown>>;
  clusters: Y.Map<Y.Map<unknown>>;
  proposals: Y.Map<Y.XmlFragment>;
}

/** Typed accessors for the roots of a board document (creating them lazily, as Yjs does). */
export function boardRoots(doc: Y.Doc): BoardRoots {
  return {
    meta: doc.getMap<unknown>(META_ROOT),
    notes: doc.getMap<Y.Map<unknown>>(NOTES_ROOT),
    clusters: doc.getMap<Y.Map<unknown>>(CLUSTERS_ROOT),
    proposals: doc.getMap<Y.XmlFragment>(PROPOSALS_ROOT),
  };
}

/** The document's schema version; 0 when unset or malformed (a fresh or pre-versioning doc). */
export function readSchemaVersion(doc: Y.Doc): number {
  const value = boardRoots(doc).meta.get(MetaKey.SchemaVersion);
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}
