import { useTranslation } from 'react-i18next';
import type { Cluster } from '@shared/board/cluster';
import type { Note } from '@shared/board/note';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { clusterLabel } from '../kit/labels';
import { OutlineNote } from './OutlineNote';
import { ClusterActions } from './ClusterActions';
import { ClusterTitleForm } from './ClusterTitleForm';
import { clusterHeadingId } from '../kit/ids';
import { useSlots } from '../kit/slots';

interface Props {
  /** null: the notes that are in no cluster. */
  cluster: Cluster | null;
  notes: Note[];
  clusters: Cluster[];
  hits: ReadonlySet<string>;
}

/** One cluster (or the unclustered notes) as a titled section with its notes as a list. */
export function OutlineGroup({ cluster, notes, clusters, hits }: Props) {
  const { t } = useTranslation();
  const { view, canEdit, canEditIn } = useBoard();
  const { ClusterBadge, ClusterProposal } = useSlots();
  const editing = useStore(view.editing);
  const headingId = clusterHeadingId(cluster?.id ?? null);
  const renaming =
    cluster !== null && editing?.kind === 'cluster' && editing.id === cluster.id && canEdit;
  const label = cluster
    ? clusterLabel(cluster, t)
    : { title: t('outline.unclustered'), untitled: false };
  if (cluster === null && notes.length === 0) return null;

  return (
    <section
      className={cluster ? 'outline-group' : 'outline-group outline-group--loose'}
      aria-labelledby={headingId}
    >
      <div className="outline-group__head">
        {renaming && cluster ? (
          <ClusterTitleForm cluster={cluster} isNew={editing.isNew} />
        ) : (
          <h3 id={headingId} tabIndex={-1} className={label.untitled ? 'is-untitled' : undefined}>
            {label.title}
            {cluster ? <ClusterBadge clusterId={cluster.id} /> : null}
            <span className="outline-group__count">
              {t('cluster.count', { count: notes.length })}
            </span>
          </h3>
        )}
        {cluster && canEditIn(cluster.id) && !renaming ? (
          <ClusterActions cluster={cluster} clusters={clusters} />
        ) : null}
        {cluster && !renaming ? (
          <ClusterProposal cluster={cluster} className="button button--small" />
        ) : null}
      </div>
      {notes.length > 0 ? (
        <ul
          className="outline-notes"
          aria-labelledby={renaming ? undefined : headingId}
          aria-label={renaming ? label.title : undefined}
        >
          {notes.map((n) => (
            <OutlineNote key={n.id} note={n} clusters={clusters} hit={hits.has(n.id)} />
          ))}
        </ul>
      ) : (
        <p className="outline-group__empty">{t('outline.noNotes')}</p>
      )}
    </section>
  );
}
