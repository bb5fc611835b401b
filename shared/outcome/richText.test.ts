import { describe, expect, it } from 'vitest';
import { richTextToPlain, safeHref, sanitizeRichText, stripControlChars } from './richText';

describe('sanitizeRichText', () => {
  it('keeps a Tiptap document with paragraphs, headings, lists, marks and safe links', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Challenge' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Bold', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            {
              type: 'text',
              text: 'link',
              marks: [{ type: 'link', attrs: { href: 'https://example.org/a?b=1', target: '_x' } }],
            },
          ],
        },
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Step' }] }],
            },
          ],
        },
      ],
    };
    expect(sanitizeRichText(doc)).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Challenge' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Bold', marks: [{ type: 'bold' }] },
          { type: 'hardBreak' },
          {
            type: 'text',
            text: 'link',
            marks: [{ type: 'link', attrs: { href: 'https://example.org/a?b=1' } }],
          },
        ],
      },
      {
        type: 'orderedList',
        attrs: { start: 3 },
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Step' }] }],
          },
        ],
      },
    ]);
  });

  it('drops javascript:, data: and relative links but keeps their text', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '/relative',
      '//evil.example',
    ]) {
      const out = sanitizeRichText([
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }],
        },
      ]);
      expect({ href, out }).toEqual({
        href,
        out: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }],
      });
    }
  });

  it('unwraps unknown nodes, drops unknown attributes and never throws on garbage', () => {
    for (const garbage of [null, 5, 'text', [], {}, { type: 'doc', content: 'x' }, [[1, 2]]]) {
      expect(() => sanitizeRichText(garbage)).not.toThrow();
    }
    const out = sanitizeRichText({
      type: 'doc',
      content: [
        {
          type: 'iframe',
          attrs: { src: 'https://evil' },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'kept' }] }],
        },
        {
          type: 'paragraph',
          attrs: { onclick: 'alert(1)', style: 'x' },
          content: [{ type: 'mention', content: [{ type: 'text', text: '@Aino' }] }],
        },
      ],
    });
    expect(out).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'kept' }] },
      { type: 'paragraph', content: [{ type: 'text', text: '@Aino' }] },
    ]);
  });

  it('stops at the depth and node limits instead of recursing forever', () => {
    let deep: Record<string, unknown> = {
      type: 'paragraph',
      content: [{ type: 'text', text: 'bottom' }],
    };
    for (let i = 0; i < 10_000; i++) deep = { type: 'blockquote', content: [deep] };
    expect(() => sanitizeRichText({ type: 'doc', content: [deep] })).not.toThrow();
    const wide = Array.from({ length: 20_000 }, () => ({
      type: 'paragraph',
      content: [{ type: 'text', text: 'a' }],
    }));
    expect(sanitizeRichText(wide).length).toBeLessThanOrEqual(5000);
  });

  it('plain text keeps every honest character', () => {
    const text = 'Hyvä ÅÄÖ åäö 👩🏽‍💻 مرحبا <b>&amp;';
    expect(
      richTextToPlain(sanitizeRichText([{ type: 'paragraph', content: [{ type: 'text', text }] }])),
    ).toBe(text);
  });
});

describe('safeHref and stripControlChars', () => {
  it('accepts http, https and mailto only', () => {
    expect(safeHref('https://example.org')).toBe('https://example.org/');
    expect(safeHref('mailto:a@b.fi')).toBe('mailto:a@b.fi');
    expect(safeHref('ftp://x')).toBeNull();
    expect(safeHref(42)).toBeNull();
  });

  it('removes control characters and lone surrogates but keeps tabs, newlines and emoji', () => {
    expect(stripControlChars('a\u0000b\u0007c\td\ne\r\u001Bf')).toBe('abc\td\ne\rf');
    expect(stripControlChars('x\uD800y')).toBe('x\uFFFDy');
    expect(stripControlChars('😀')).toBe('😀');
  });
});
