import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cluster } from '@shared/board/cluster';
import { useBoard } from '../ui/BoardContext';
import { clusterLabel } from '../canvas/labels';
import { clusterHeadingId } from './ids';
import { ClusterLockButton, SpotlightButton } from '../facilitation/SelectionFacilitation';

/** A cluster's verbs in the outline: add a note to it, rename, merge another into it, delete. */
export function ClusterActions({ cluster, clusters }: { cluster: Cluster; clusters: Cluster[] }) {
  const { t } = useTranslation();
  const { actions, view } = useBoard();
  const mergeId = useId();
  const others = clusters.filter((c) => c.id !== cluster.id);
  const [picked, setPicked] = useState('');
  const source = others.some((c) => c.id === picked) ? picked : (others[0]?.id ?? '');
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
      {others.length > 0 ? (
        <span className="inline-form">
          <label htmlFor={mergeId}>{t('cluster.mergeFrom')}</label>
          <select id={mergeId} value={source} onChange={(e) => setPicked(e.target.value)}>
            {others.map((c) => (
              <option key={c.id} value={c.id}>
                {clusterLabel(c, t).title}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              if (!source) return;
              actions.mergeClusters(cluster.id, source);
              requestAnimationFrame(() =>
                document.getElementById(clusterHeadingId(cluster.id))?.focus(),
              );
            }}
          >
            {t('cluster.merge')}
            <span className="visually-hidden"> {t('outline.intoCluster', { title })}</span>
          </button>
        </span>
      ) : null}
      <SpotlightButton target={{ kind: 'cluster', id: cluster.id }} name={title} small />
      <ClusterLockButton cluster={cluster} small />
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
