import type * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION, MetaKey, boardRoots, readSchemaVersion } from './roots';

/**
 * One step of the board schema. Rules (docs/SCHEMA.md): migrations are append-only and never
 * edited once shipped; each goes from `from` to `from + 1`; `run` must be deterministic and safe
 * when two peers run it concurrently on the same doc, because server and clients all migrate.
 */
export interface BoardMigration {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  run(doc: Y.Doc): void;
}

/** Every migration ever shipped, oldest first. Append only. */
export const BOARD_MIGRATIONS: readonly BoardMigration[] = [
  {
    name: '0001-stamp-schema-version',
    from: 0,
    to: 1,
    // v1's roots are created lazily by boardRoots(), so a v0 (empty) doc only needs its version.
    run: () => {},
  },
];

/** The version migrateBoard brings a document to. */
export const CURRENT_SCHEMA_VERSION = BOARD_SCHEMA_VERSION;

/** Default transaction origin for migrations: never tracked by any user's undo manager. */
export const MIGRATION_ORIGIN: object = Object.freeze({ name: 'talkoot-board-migration' });

export type MigrationStatus = 'current' | 'migrated' | 'too-new';

export interface MigrationResult {
  /** 'too-new': the doc was written by newer code; it is left untouched and should be read-only. */
  status: MigrationStatus;
  from: number;
  to: number;
  applied: string[];
}

export type BoardMigrationErrorCode = 'no-migration-path';

/** Thrown when the migration table has a gap (a programming error caught by the unit tests). */
export class BoardMigrationError extends Error {
  readonly code: BoardMigrationErrorCode;

  constructor(code: BoardMigrationErrorCode, message: string) {
    super(message);
    this.name = 'BoardMigrationError';
    this.code = code;
  }
}

/**
 * Brings `doc` to CURRENT_SCHEMA_VERSION in one transaction and stamps meta.schemaVersion.
 * Idempotent: on a current doc it writes nothing. Call it when a room loads (server) and after
 * the first sync (client) — never on an unsynced client doc, which would look like v0.
 */
export function migrateBoard(doc: Y.Doc, origin: unknown = MIGRATION_ORIGIN): MigrationResult {
  const from = readSchemaVersion(doc);
  if (from > CURRENT_SCHEMA_VERSION) return { status: 'too-new', from, to: from, applied: [] };
  if (from === CURRENT_SCHEMA_VERSION) return { status: 'current', from, to: from, applied: [] };
  const steps: BoardMigration[] = [];
  for (let version = from; version < CURRENT_SCHEMA_VERSION;) {
    const step = BOARD_MIGRATIONS.find((m) => m.from === version);
    if (!step || step.to !== version + 1) {
      throw new BoardMigrationError('no-migration-path', `no migration from schema ${version}`);
    }
    steps.push(step);
    version = step.to;
  }
  doc.transact(() => {
    for (const step of steps) step.run(doc);
    boardRoots(doc).meta.set(MetaKey.SchemaVersion, CURRENT_SCHEMA_VERSION);
  }, origin);
  return {
    status: 'migrated',
    from,
    to: CURRENT_SCHEMA_VERSION,
    applied: steps.map((s) => s.name),
  };
}
