import { describe, expect, it } from 'vitest';
import { formatDate, timeAgo } from './format';

describe('console formats', () => {
  const now = Date.parse('2026-11-27T10:00:00Z');
  it('says how long ago the last activity was, in the UI language', () => {
    expect(timeAgo('2026-11-27T09:58:00Z', now, 'en')).toBe('2 min. ago');
    expect(timeAgo('2026-11-27T09:59:57Z', now, 'en')).toBe('now');
    expect(timeAgo('2026-11-27T07:00:00Z', now, 'en')).toBe('3 hr. ago');
    expect(timeAgo('2026-11-27T09:58:00Z', now, 'fi')).toMatch(/2 min/);
  });
  it('writes a forum date out in full and keeps a malformed one as it is', () => {
    expect(formatDate('2026-11-27', 'en')).toBe('November 27, 2026');
    expect(formatDate('someday', 'en')).toBe('someday');
  });
});
