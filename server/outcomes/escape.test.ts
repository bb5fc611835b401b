import { describe, expect, it } from 'vitest';
import { csvField, escapeHtml, escapeMarkdown, escapeMarkdownLine } from './escape';

describe('escaping for published formats', () => {
  it('HTML escaping leaves no tag, attribute quote or entity of its input', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&amp;`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;amp;',
    );
    expect(escapeHtml('Hyvä päivä, Åsa 👋')).toBe('Hyvä päivä, Åsa 👋');
  });

  it('CSV fields are quoted with doubled quotes and formulas neutralised', () => {
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    for (const start of ['=', '+', '-', '@', '\t', '\r', '＝']) {
      expect(csvField(`${start}SUM(A1)`)).toBe(`"'${start}SUM(A1)"`);
    }
    expect(csvField('a=1')).toBe('"a=1"');
    expect(csvField(3)).toBe('3');
  });

  it('Markdown escaping turns every construct into literal text and keeps lines in a list item', () => {
    expect(escapeMarkdownLine('# *x* [a](javascript:alert(1)) <b> 1. | ~ `c`')).toBe(
      '\\# \\*x\\* \\[a\\]\\(javascript:alert\\(1\\)\\) \\<b\\> 1\\. \\| \\~ \\`c\\`',
    );
    expect(escapeMarkdownLine('    code?')).toBe('&#32;&#32;&#32;&#32;code?');
    expect(escapeMarkdown('one\n\n- two', '  ')).toBe('one\\\n  &#32;\\\n  \\- two');
  });
});
