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
  it('knows home and nothing else', () => {
    expect(parseRoute('/', '')).toEqual({ kind: 'home' });
    expect(parseRoute('/elsewhere', '')).toEqual({ kind: 'notFound' });
  });
});
