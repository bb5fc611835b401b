import { describe, expect, it } from 'vitest';
import { parseRoute } from './route';

describe('parseRoute', () => {
  it('reads the board id from the path and the token from the fragment', () => {
    expect(parseRoute('/board/abc_1', '#token=t.k-n')).toEqual({
      kind: 'board',
      boardId: 'abc_1',
      token: 't.k-n',
    });
  });
  it('gives a board route without a token when the fragment has none', () => {
    expect(parseRoute('/board/abc', '')).toEqual({ kind: 'board', boardId: 'abc', token: null });
  });
  it('refuses malformed board ids', () => {
    expect(parseRoute('/board/a%20b', '')).toEqual({ kind: 'notFound' });
  });
  it('hands every /admin path to the forum console', () => {
    expect(parseRoute('/admin', '#token=secret')).toEqual({ kind: 'admin', path: '/admin' });
    expect(parseRoute('/admin/forums/f1/print', '')).toEqual({
      kind: 'admin',
      path: '/admin/forums/f1/print',
    });
    expect(parseRoute('/administrator', '')).toEqual({ kind: 'notFound' });
  });
  it('reads the forum id and entrance token of a forum entrance link', () => {
    expect(parseRoute('/forum/F_1', '#token=e.n-t')).toEqual({
      kind: 'forum',
      forumId: 'F_1',
      token: 'e.n-t',
    });
    expect(parseRoute('/forum/a%20b', '')).toEqual({ kind: 'notFound' });
  });
  it('knows home and nothing else', () => {
    expect(parseRoute('/', '')).toEqual({ kind: 'home' });
    expect(parseRoute('/elsewhere', '')).toEqual({ kind: 'notFound' });
  });
});
