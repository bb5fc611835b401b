import { describe, expect, it } from 'vitest';
import { consolePath, parseConsolePath } from './consoleRoute';

describe('parseConsolePath', () => {
  it('shows the list of forums at /admin', () => {
    expect(parseConsolePath('/admin')).toEqual({ kind: 'forums' });
    expect(parseConsolePath('/admin/')).toEqual({ kind: 'forums' });
  });
  it('opens a forum on its tables unless a tab is named', () => {
    expect(parseConsolePath('/admin/forums/F1')).toEqual({
      kind: 'forum',
      forumId: 'F1',
      tab: 'tables',
    });
    expect(parseConsolePath('/admin/forums/F1/overview')).toEqual({
      kind: 'forum',
      forumId: 'F1',
      tab: 'overview',
    });
    expect(parseConsolePath('/admin/forums/F1/print')).toEqual({ kind: 'print', forumId: 'F1' });
  });
  it('refuses unknown tabs and malformed ids', () => {
    expect(parseConsolePath('/admin/forums/F1/elsewhere')).toEqual({ kind: 'notFound' });
    expect(parseConsolePath('/admin/forums/a%20b')).toEqual({ kind: 'notFound' });
    expect(parseConsolePath('/admin/boards')).toEqual({ kind: 'notFound' });
  });
  it('builds the paths it parses', () => {
    for (const path of [
      '/admin',
      '/admin/forums/F1',
      '/admin/forums/F1/people',
      '/admin/forums/F1/print',
    ]) {
      expect(consolePath(parseConsolePath(path))).toBe(path);
    }
  });
});
