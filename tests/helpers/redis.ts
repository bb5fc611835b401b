import { Redis } from 'ioredis';

/** Where integration tests find Redis (CI runs one at 127.0.0.1:6379). */
export const REDIS_URL = process.env.TALKOOT_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/** True when Redis answers; on CI its absence is a failure, not a skip. */
export async function redisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (err) {
    if (process.env.CI === 'true') {
      throw new Error(
        `Redis is required on CI but not reachable at ${REDIS_URL}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    console.warn(`Skipping Redis tests: no server at ${REDIS_URL} (set TALKOOT_TEST_REDIS)`);
    return false;
  } finally {
    client.disconnect();
  }
}
