import { useTranslation } from 'react-i18next';
import type { Cluster } from '@shared/board/cluster';
import { useBoard } from '../kit/BoardContext';
import { MergeIntoPicker } from '../kit/MergeIntoPicker';
import { clusterLabel } from '../kit/labels';
import { clusterHeadingId } from '../kit/ids';
import { useSlots } from '../kit/slots';

/** A cluster's verbs in the outline: add a note to it, rename, merge another into it, delete. */
export function ClusterActions({ cluster, clusters }: { cluster: Cluster; clusters: Cluster[] }) {
  const { t } = useTranslation();
  const { actions, view } = useBoard();
  const { ClusterTools } = useSlots();
  const title = clusterLabel(cluster, t).title;

  return (
    <div className="outline-actions">
      <button
        type="button"
        className="button button--small"
        onClick={() => actions.addNote(undefined, cluster.id)}
      >
        {t('outline.addNoteHere')}
        <span className="visually-hidden"> {t('outline.inCluster', { title })}</span>
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={() => view.editing.set({ kind: 'cluster', id: cluster.id, isNew: false })}
      >
        {t('cluster.rename')}
        <span className="visually-hidden"> {title}</span>
      </button>
      <MergeIntoPicker
        cluster={cluster}
        clusters={clusters}
        buttonClass="button button--small"
        buttonHint={<span className="visually-hidden"> {t('outline.intoCluster', { title })}</span>}
        onMerged={() =>
          requestAnimationFrame(() =>
            document.getElementById(clusterHeadingId(cluster.id))?.focus(),
          )
        }
      />
      <ClusterTools cluster={cluster} />
      <button
        type="button"
        className="button button--small button--danger"
        onClick={() => {
          actions.deleteCluster(cluster.id);
          requestAnimationFrame(() => document.querySelector<HTMLElement>('.outline h3')?.focus());
        }}
      >
        {t('cluster.delete')}
        <span className="visually-hidden"> {title}</span>
      </button>
    </div>
  );
}
