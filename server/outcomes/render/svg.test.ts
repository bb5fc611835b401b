import { describe, expect, it } from 'vitest';
import { wrapText } from './svg';

describe('wrapping note text for the SVG picture', () => {
  it('breaks at spaces, splits over-long words and keeps explicit line breaks', () => {
    expect(wrapText('aaa bbb ccc', 7, 5)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('abcdefghij', 4, 5)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('one\ntwo', 20, 5)).toEqual(['one', 'two']);
  });

  it('ends a cut text with an ellipsis and never splits an emoji', () => {
    const lines = wrapText('word '.repeat(40), 10, 3);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith('…')).toBe(true);
    const emoji = wrapText('👩🏽‍💻👩🏽‍💻👩🏽‍💻👩🏽‍💻', 4, 5);
    expect(emoji.join('')).toBe('👩🏽‍💻👩🏽‍💻👩🏽‍💻👩🏽‍💻');
  });
});
