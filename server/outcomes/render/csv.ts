import { csvField } from '../escape';
import { totalVotes, type OutcomeView } from '../view';

/** The CSV header: one row per note. */
export const CSV_COLUMNS = ['cluster', 'text', 'votes', 'language', 'author'] as const;

/**
 * The notes as RFC 4180 CSV (UTF-8, CRLF line ends, every text field quoted). `votes` is empty
 * when the outcome has no votes; `author` is empty for anonymous notes. Cells that a spreadsheet
 * would run as a formula start with `'`.
 */
export function renderCsv(view: OutcomeView): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const note of view.doc.notes) {
    const cluster = note.clusterId === null ? null : view.clustersById.get(note.clusterId);
    const votes = view.noteVotes(note.id);
    rows.push(
      [
        csvField(cluster?.title ?? ''),
        csvField(note.text),
        votes ? csvField(totalVotes(votes)) : '',
        csvField(note.lang),
        csvField(note.author ?? ''),
      ].join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}
