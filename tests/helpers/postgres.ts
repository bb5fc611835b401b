import pg from 'pg';

/** Where integration tests find PostgreSQL (CI runs one at 127.0.0.1:5432). */
export const PG_URL = process.env.TALKOOT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when PostgreSQL answers; on CI its absence is a failure, not a skip. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    if (process.env.CI === 'true') {
      throw new Error(
        `PostgreSQL is required on CI but not reachable at ${PG_URL}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    console.warn(`Skipping PostgreSQL tests: no server at ${PG_URL} (set TALKOOT_TEST_PG)`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema name for one test's store. */
export function testSchema(): string {
  return `talkoot_t_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e9).toString(36)}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
