import { describe, expect, it } from 'vitest';
import { Router } from './router';

describe('the router', () => {
  const router = new Router()
    .add('GET', '/api/forums', () => undefined)
    .add('POST', '/api/forums', () => undefined)
    .add('POST', '/api/forums/:forumId/boards', () => undefined);

  it('matches routes and extracts params', () => {
    expect(router.match('POST', '/api/forums/abc/boards')?.params).toEqual({ forumId: 'abc' });
    expect(router.match('GET', '/api/forums/')).not.toBeNull();
  });

  it('returns null for unknown paths and throws 405 with Allow for known paths', () => {
    expect(router.match('GET', '/api/other')).toBeNull();
    expect(router.match('GET', '/api/forums/a/b/boards')).toBeNull();
    expect(() => router.match('DELETE', '/api/forums')).toThrow(
      expect.objectContaining({ code: 'method_not_allowed', allow: 'GET, POST' }),
    );
  });
});
