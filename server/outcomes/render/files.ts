import { createHash } from 'node:crypto';
import { OUTCOME_LANGS } from '@shared/outcome/api';
import { outcomeSchemaPath, type OutcomeDocument } from '@shared/outcome/schema';
import type { OutcomeFile } from '../../persistence/store';
import { formatDateTime, OUTCOME_STRINGS } from '../i18n';
import { forumIndexPath, htmlFormat, outcomePaths } from '../paths';
import { outcomeView } from '../view';
import { renderCsv } from './csv';
import { renderHtml } from './html/page';
import { renderMarkdown } from './markdown';
import { renderSvg, svgBounds } from './svg';

export interface RenderedOutcome {
  /** SHA-256 (hex) of the JSON file's bytes. */
  hash: string;
  files: OutcomeFile[];
}

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** SHA-256 of bytes, as lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Every stored file of a version, rendered once at publish time: JSON (whose hash every other
 * file shows), Markdown, CSV, SVG and the HTML page in each language.
 */
export function renderOutcomeFiles(
  doc: OutcomeDocument,
  options: { publicUrl: string; timeZone?: string },
): RenderedOutcome {
  const json = utf8(JSON.stringify(doc, null, 2) + '\n');
  const hash = sha256Hex(json);
  const view = outcomeView(doc);
  const paths = outcomePaths(doc.board.id, doc.version);
  const main = OUTCOME_STRINGS[doc.language];
  const published = (lang: keyof typeof OUTCOME_STRINGS) =>
    formatDateTime(doc.publishedAt, OUTCOME_STRINGS[lang], options.timeZone);
  const absolute = (path: string) => options.publicUrl + path;
  const svg = renderSvg(view, main);
  const bounds = svgBounds(view);
  const files: OutcomeFile[] = [
    { format: 'json', data: json },
    {
      format: 'md',
      data: utf8(
        renderMarkdown(view, {
          strings: main,
          hash,
          publishedText: published(doc.language),
          links: {
            html: doc.permalink,
            json: absolute(paths.json),
            csv: absolute(paths.csv),
            svg: absolute(paths.svg),
          },
        }),
      ),
    },
    { format: 'csv', data: utf8(renderCsv(view)) },
    { format: 'svg', data: utf8(svg) },
  ];
  for (const lang of OUTCOME_LANGS) {
    const html = renderHtml(view, {
      lang,
      strings: OUTCOME_STRINGS[lang],
      hash,
      paths,
      schemaPath: outcomeSchemaPath(doc.schemaVersion),
      forumIndexPath: forumIndexPath(doc.forum.id),
      publishedText: published(lang),
      svgSize: { width: bounds.width, height: bounds.height },
    });
    files.push({ format: htmlFormat(lang), data: utf8(html) });
  }
  return { hash, files };
}
