import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64 } from 'lib0/buffer';
import fixtureV1 from '../../tests/fixtures/board-v1.json';
import { BOARD_MIGRATIONS, CURRENT_SCHEMA_VERSION, migrateBoard } from './migrations';
import { readBoard } from './read';
import { BOARD_SCHEMA_VERSION, MetaKey, boardRoots, readSchemaVersion } from './roots';

function loadFixture(update: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64(update));
  return doc;
}

describe('migrations', () => {
  it('the migration table is a gapless, uniquely named chain from 0 to the current version', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(BOARD_SCHEMA_VERSION);
    expect(new Set(BOARD_MIGRATIONS.map((m) => m.name)).size).toBe(BOARD_MIGRATIONS.length);
    BOARD_MIGRATIONS.forEach((m, i) => {
      expect(m.from).toBe(i);
      expect(m.to).toBe(i + 1);
    });
    expect(BOARD_MIGRATIONS.at(-1)?.to).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('an empty doc is stamped with the current version', () => {
    const doc = new Y.Doc();
    const result = migrateBoard(doc);
    expect(result).toMatchObject({ status: 'migrated', from: 0, to: CURRENT_SCHEMA_VERSION });
    expect(result.applied).toEqual(BOARD_MIGRATIONS.map((m) => m.name));
    expect(readSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('migrating twice writes nothing the second time', () => {
    const doc = new Y.Doc();
    migrateBoard(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrateBoard(doc).status).toBe('current');
    expect(updates).toBe(0);
  });

  it('two peers migrating the same empty board concurrently converge', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    migrateBoard(a);
    migrateBoard(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readSchemaVersion(a)).toBe(CURRENT_SCHEMA_VERSION);
    expect(boardRoots(a).meta.toJSON()).toEqual(boardRoots(b).meta.toJSON());
  });

  it('a board from newer code is left untouched and reported as too new', () => {
    const doc = new Y.Doc();
    boardRoots(doc).meta.set(MetaKey.SchemaVersion, CURRENT_SCHEMA_VERSION + 1);
    const before = Y.encodeStateVector(doc);
    expect(migrateBoard(doc).status).toBe('too-new');
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('the frozen v1 fixture still reads as it did when it was written', () => {
    const doc = loadFixture(fixtureV1.update);
    expect(readSchemaVersion(doc)).toBe(fixtureV1.schemaVersion);
    migrateBoard(doc);
    expect(readSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION);
    expect(readBoard(doc)).toEqual(fixtureV1.expected);
  });
});
