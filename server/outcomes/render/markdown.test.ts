import { describe, expect, it } from 'vitest';
import type { RichInline } from '@shared/outcome/richText';
import { markdownLinkDestination } from '../escape';
import { richMarkdown } from './markdown';

/** One paragraph whose only run is `text` linked to `href`, as Markdown. */
function linked(text: string, href: string, before: RichInline[] = []): string {
  const run: RichInline = { type: 'text', text, marks: [{ type: 'link', attrs: { href } }] };
  return richMarkdown([{ type: 'paragraph', content: [...before, run] }], 1).join('\n');
}

// Nothing in a destination may end it early, start a title or open another construct.
const DESTINATION_BREAKERS = /[\s<>()[\]\\`"]/;

describe('Markdown link destinations', () => {
  it('keep ordinary links readable', () => {
    expect(markdownLinkDestination('https://example.org/a/b?q=1&r=2#top')).toBe(
      'https://example.org/a/b?q=1&r=2#top',
    );
    expect(markdownLinkDestination('mailto:forum@example.org')).toBe('mailto:forum@example.org');
    expect(markdownLinkDestination('https://[::1]:8080/x')).toBe('https://[::1]:8080/x');
  });

  it('percent-encode spaces, angle brackets, parentheses, brackets, backslashes and quotes', () => {
    // (Whitespace never reaches a destination: safeHref drops it, as browsers do in schemes.)
    expect(markdownLinkDestination('https://example.org/a b(1)[2]\\"`')).toBe(
      'https://example.org/ab%281%29%5B2%5D/%22%60',
    );
    expect(markdownLinkDestination("mailto:a@example.org?subject=%22x%22'<y>")).toBe(
      "mailto:a@example.org?subject=%22x%22'%3Cy%3E",
    );
    expect(markdownLinkDestination('mailto:x>)[a](javascript:alert(1))')).toBe(
      'mailto:x%3E%29%5Ba%5D%28javascript:alert%281%29%29',
    );
    // An escape already in the URL stays; a bare percent sign is encoded.
    expect(markdownLinkDestination('https://example.org/%41%zz')).toBe(
      'https://example.org/%41%25zz',
    );
    expect(markdownLinkDestination('https://example.org/päivä')).toBe(
      'https://example.org/p%C3%A4iv%C3%A4',
    );
  });

  it('refuse every scheme but http, https and mailto', () => {
    for (const href of [
      'javascript:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative',
      '',
    ]) {
      expect(markdownLinkDestination(href), href).toBeNull();
    }
  });
});

describe('links in the Markdown outcome', () => {
  it('a crafted mailto link cannot close its destination and start a javascript: link', () => {
    const out = linked('mail us', 'mailto:x>)[click](javascript:alert(1))');
    expect(out).toBe('[mail us](mailto:x%3E%29%5Bclick%5D%28javascript:alert%281%29%29)');
    const destination = /^\[mail us\]\((.*)\)$/.exec(out)![1]!;
    expect(destination).not.toMatch(DESTINATION_BREAKERS);
  });

  it('a crafted link cannot add a remote image after itself', () => {
    const out = linked('x', 'mailto:a>)![](https://evil.example/pixel.png');
    expect(out).not.toContain('![');
    expect(out).not.toContain('](https://evil');
    expect(out).toBe('[x](mailto:a%3E%29!%5B%5D%28https://evil.example/pixel.png)');
  });

  it('link text cannot form an image, a nested link or an autolink', () => {
    const text = '![img](https://evil.example/p.png) <https://evil.example>';
    expect(linked(text, 'https://ok.example')).toBe(
      '[\\!\\[img\\]\\(https://evil\\.example/p\\.png\\) \\<https://evil\\.example\\>]' +
        '(https://ok.example/)',
    );
    // A "!" just before the link, in the run before it, stays literal text.
    const bang = linked('text', 'https://ok.example', [{ type: 'text', text: 'look!' }]);
    expect(bang).toBe('look\\![text](https://ok.example/)');
  });

  it('a link whose target is not publishable keeps its text and loses the link', () => {
    expect(linked('click', 'javascript:alert(1)')).toBe('click');
  });
});
