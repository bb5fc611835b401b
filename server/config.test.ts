import { describe, expect, it } from 'vitest';
import { configFromEnv, DEFAULT_LIMITS, defaultMaxConnections, readOpenFileLimit } from './config';

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const config = configFromEnv({}, '/srv/talkoot');
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe('/srv/talkoot/data');
    expect(config.publicUrl).toBeNull();
    expect(config.adminToken).toBeNull();
    expect(config.limits.maxFrameBytes).toBe(DEFAULT_LIMITS.maxFrameBytes);
  });

  it('reads every variable and derives the update limit from the frame limit', () => {
    const config = configFromEnv({
      PORT: '9000',
      HOST: '127.0.0.1',
      DATA_DIR: '/tmp/x',
      PUBLIC_URL: 'https://forum.example.org',
      TALKOOT_ADMIN_TOKEN: 'a'.repeat(20),
      MAX_FRAME_BYTES: '4096',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/tmp/x',
      publicUrl: 'https://forum.example.org',
    });
    expect(config.limits.maxUpdateBytes).toBe(4096);
  });

  it('refuses invalid values with a message naming the variable', () => {
    expect(() => configFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => configFromEnv({ TALKOOT_ADMIN_TOKEN: 'short' })).toThrow(/TALKOOT_ADMIN_TOKEN/);
    expect(() => configFromEnv({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });
});

describe('socket caps from the open-file limit', () => {
  const limits = (soft: string, hard: string) =>
    'Limit                     Soft Limit           Hard Limit           Units\n' +
    'Max processes             63504                63504                processes\n' +
    `Max open files            ${soft.padEnd(20)} ${hard.padEnd(20)} files\n`;

  it('reads the soft and hard open-file limits from /proc/self/limits', () => {
    expect(readOpenFileLimit(() => limits('1024', '524288'))).toEqual({ soft: 1024, hard: 524288 });
    expect(readOpenFileLimit(() => limits('unlimited', 'unlimited'))).toEqual({
      soft: Infinity,
      hard: Infinity,
    });
    expect(
      readOpenFileLimit(() => {
        throw new Error('ENOENT');
      }),
    ).toBeNull();
    expect(readOpenFileLimit(() => 'nothing useful')).toBeNull();
  });

  it('keeps the default total cap below the soft limit, with a reserve of a tenth (at least 256)', () => {
    expect(defaultMaxConnections({ soft: 20_000, hard: 20_000 })).toBe(18_000);
    expect(defaultMaxConnections({ soft: 1024, hard: 4096 })).toBe(768);
    expect(defaultMaxConnections({ soft: 256, hard: 256 })).toBe(64);
    expect(defaultMaxConnections(null)).toBe(DEFAULT_LIMITS.maxConnections);
    for (const soft of [300, 1024, 4096, 65_536, 1_048_576]) {
      expect(defaultMaxConnections({ soft, hard: soft })).toBeLessThan(soft);
    }
  });

  it('derives MAX_CONNECTIONS from the limit unless it is set, and reads the per-address cap', () => {
    const config = configFromEnv({}, '/srv', { soft: 4096, hard: 4096 });
    expect(config.limits.maxConnections).toBe(4096 - 410);
    expect(config.limits.maxConnectionsPerAddress).toBe(1000);
    expect(config.limits.setupTimeoutMs).toBe(10_000);
    expect(config.openFiles).toEqual({ soft: 4096, hard: 4096 });
    const set = configFromEnv(
      { MAX_CONNECTIONS: '300', MAX_CONNECTIONS_PER_ADDRESS: '0', SETUP_TIMEOUT_MS: '500' },
      '/srv',
      { soft: 4096, hard: 4096 },
    );
    expect(set.limits).toMatchObject({
      maxConnections: 300,
      maxConnectionsPerAddress: 0,
      setupTimeoutMs: 500,
    });
    expect(() => configFromEnv({ MAX_CONNECTIONS: '-1' })).toThrow(/MAX_CONNECTIONS/);
    expect(() => configFromEnv({ SETUP_TIMEOUT_MS: '10' })).toThrow(/SETUP_TIMEOUT_MS/);
  });
});
