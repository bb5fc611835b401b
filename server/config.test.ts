import { describe, expect, it } from 'vitest';
import { configFromEnv, DEFAULT_LIMITS } from './config';

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
