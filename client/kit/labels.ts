import type { TFunction } from 'i18next';
import type { Note } from '@shared/board/note';
import type { Cluster } from '@shared/board/cluster';

/** The byline under a note's text. */
export function bylineOf(note: Note, t: TFunction): string {
  const who = note.authorName ?? t('note.anonymous');
  return `${who} · ${note.lang.toUpperCase()}`;
}

/** The title shown for a cluster, and whether it is the untitled placeholder. */
export function clusterLabel(cluster: Cluster, t: TFunction): { title: string; untitled: boolean } {
  const title = cluster.title.trim();
  return title ? { title, untitled: false } : { title: t('cluster.untitled'), untitled: true };
}
