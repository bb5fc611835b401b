import { describe, expect, it } from 'vitest';
import type { OutcomeListing } from '@shared/outcome/api';
import { formatSize, reasonKey, versionOfFreeze } from './format';

const listing = (version: number, publishedAt: string): OutcomeListing => ({
  version,
  hash: 'h'.repeat(64),
  url: `http://x/outcomes/b/v/${version}`,
  formats: { html: '', json: '', md: '', csv: '', svg: '' },
  boardId: 'b',
  boardTitle: 'Board',
  publishedAt,
  language: 'en',
});

describe('outcomes helpers', () => {
  it('finds the version published by the current freeze, and none before it is stored', () => {
    const v1 = listing(1, '2026-05-12T10:00:00.000Z');
    const v2 = listing(2, '2026-05-12T11:00:00.000Z');
    expect(versionOfFreeze([v2, v1], '2026-05-12T11:00:00.000Z')).toBe(v2);
    expect(versionOfFreeze([v1], '2026-05-12T11:00:00.000Z')).toBeNull();
    expect(versionOfFreeze([], '2026-05-12T11:00:00.000Z')).toBeNull();
  });

  it('takes the newest version when the freeze time is unknown', () => {
    const v1 = listing(1, '2026-05-12T10:00:00.000Z');
    const v2 = listing(2, '2026-05-12T11:00:00.000Z');
    expect(versionOfFreeze([v2, v1], null)).toBe(v2);
    expect(versionOfFreeze([], null)).toBeNull();
  });

  it('words every reason the server gives, and unknown ones as they are', () => {
    expect(reasonKey('interval')).toBe('interval');
    expect(reasonKey('manual')).toBe('manual');
    expect(reasonKey('before phase change')).toBe('beforePhase');
    expect(reasonKey('before restore')).toBe('beforeRestore');
    expect(reasonKey('imported')).toBe('other');
  });

  it('shows sizes in bytes, kilobytes and megabytes', () => {
    expect(formatSize(812, 'en')).toBe('812 bytes');
    expect(formatSize(12_400, 'en')).toBe('12 kB');
    expect(formatSize(1_234, 'en')).toBe('1.2 kB');
    expect(formatSize(2_500_000, 'en')).toBe('2.5 MB');
  });
});
