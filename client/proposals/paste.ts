/**
 * Pasted and dropped HTML, cleaned before the editor parses it. The shared schema is the real
 * gate (ProseMirror keeps only the nodes, marks and attributes it defines, so no style attribute,
 * script or foreign element can be stored); this removes active content before anything else sees
 * it. It is parsed in an inert document: scripts do not run and images do not load there.
 */
import { isSafeLinkTarget } from '@shared/proposal/schema';

// Elements whose content is never text a person meant to paste.
const DROP =
  'script,style,noscript,template,iframe,frame,object,embed,applet,img,picture,source,video,' +
  'audio,track,canvas,svg,math,link,meta,base,form,input,button,select,textarea,dialog';

// Attributes the parser may read: link targets and citations, list numbering, and inline styles
// (only as hints for bold and italic; the schema has no attribute that could store them).
const KEEP: Record<string, readonly string[]> = {
  a: ['href', 'data-note-id'],
  ol: ['start'],
};
const STYLE_HINTS = new Set(['b', 'strong', 'i', 'em', 'span', 'p', 'u', 's']);

/** Removes active and foreign content from pasted HTML. */
export function sanitizePastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of Array.from(doc.querySelectorAll(DROP))) el.remove();
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    const keep = KEEP[el.localName] ?? [];
    for (const attr of Array.from(el.attributes)) {
      const hint = attr.name === 'style' && STYLE_HINTS.has(el.localName);
      if (!keep.includes(attr.name) && !hint) el.removeAttribute(attr.name);
    }
    const href = el.localName === 'a' ? el.getAttribute('href') : null;
    if (href !== null && !isSafeLinkTarget(href)) el.removeAttribute('href');
  }
  return doc.body.innerHTML;
}
