import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cluster } from '@shared/board/cluster';
import { clusterLabel } from './labels';
import { useBoard } from './BoardContext';

/**
 * "Merge into this cluster: [other cluster] [Merge]", the same verb on the canvas's selection bar
 * and in the outline. Renders nothing when there is no other cluster.
 */
export function MergeIntoPicker({
  cluster,
  clusters,
  buttonClass = 'button',
  buttonHint,
  onMerged,
}: {
  cluster: Cluster;
  clusters: readonly Cluster[];
  buttonClass?: string;
  /** Extra words for screen readers on the button (which cluster it merges into). */
  buttonHint?: ReactNode;
  onMerged?: () => void;
}) {
  const { t } = useTranslation();
  const { actions } = useBoard();
  const id = useId();
  const [picked, setPicked] = useState('');
  const others = clusters.filter((c) => c.id !== cluster.id);
  if (others.length === 0) return null;
  const source = others.some((c) => c.id === picked) ? picked : others[0]!.id;
  return (
    <span className="inline-form">
      <label htmlFor={id}>{t('cluster.mergeFrom')}</label>
      <select id={id} value={source} onChange={(e) => setPicked(e.target.value)}>
        {others.map((c) => (
          <option key={c.id} value={c.id}>
            {clusterLabel(c, t).title}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={buttonClass}
        onClick={() => {
          actions.mergeClusters(cluster.id, source);
          onMerged?.();
        }}
      >
        {t('cluster.merge')}
        {buttonHint}
      </button>
    </span>
  );
}
