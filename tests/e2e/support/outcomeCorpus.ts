/** Hostile and honest texts for the published-outcome tests, and a small RFC 4180 reader. */
import type { ProposalInput } from '../../../server/outcomes/build';

/** Texts that try to run, inject or break something; published as text, never as markup. */
export const HOSTILE_TEXTS = [
  '<script>alert("note")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '\'><iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">click me</a>',
  'javascript:alert(document.domain)',
  '<svg><script>alert(1)</script><foreignObject><body onload=alert(1)></foreignObject></svg>',
  ']]></text></g><script>alert("svg")</script><g><text>',
  '<style>body{display:none}</style><link rel=stylesheet href=//evil.example/x.css>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="//evil.example/">',
  '=HYPERLINK("http://evil.example","click")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  '# Heading *bold* [link](javascript:alert(1)) | a | b |\n---\n> quote',
  '{{constructor.constructor("alert(1)")()}} ${alert(1)}',
  '&lt;script&gt; &amp; &#x3C;script&#x3E; &#60;',
  'nul\u0000byte\u0007bell',
];

/** Honest texts whose every character must survive in every format. */
export const HONEST_TEXTS = [
  'Hyvää päivää! Åsa från Östersund och Ähtäri — ÅÄÖ åäö',
  'مرحبا بالعالم — שלום עולם (RTL)',
  '👩🏽‍💻 Emoji 🇫🇮 🇸🇪 ✅ and CJK 数据',
  'Line one\nLine two\n\n    indented line',
  'Pitkä teksti '.repeat(153).trim(),
  'Quotes "double" and \'single\', commas, semicolons; back\\slash',
];

/** A proposal whose body and title carry the same payloads. */
export function hostileProposal(citedNoteId: string): ProposalInput {
  return {
    id: 'hostile',
    title: '<img src=x onerror=alert("proposal")>',
    clusterId: null,
    citedNoteIds: [citedNoteId],
    body: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '<script>alert("p")</script>' }] },
        {
          type: 'paragraph',
          attrs: { onclick: 'alert(1)', style: 'background:url(javascript:alert(1))' },
          content: [
            {
              type: 'text',
              text: 'click',
              marks: [{ type: 'link', attrs: { href: 'javascript:alert("link")' } }],
            },
            {
              type: 'text',
              text: 'tab',
              marks: [{ type: 'link', attrs: { href: 'java\tscript:alert(1)' } }],
            },
          ],
        },
        { type: 'iframe', attrs: { src: 'javascript:alert(1)' } },
        {
          type: 'codeBlock',
          content: [{ type: 'text', text: '</code><script>alert(1)</script>' }],
        },
        {
          type: 'heading',
          attrs: { level: '<h1 onload=x>' },
          content: [{ type: 'text', text: 'H' }],
        },
      ],
    },
  };
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF records). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}
