import { useTranslation } from 'react-i18next';
import type { Cluster } from '@shared/board/cluster';
import { clusterLabel } from '../kit/labels';
import { useProposals } from './ProposalsContext';

/**
 * "Draft proposal" on a cluster, in the canvas's selection bar and the outline alike. Shown in
 * every phase and to viewers too: a proposal can always be read; the panel says when it cannot be
 * edited.
 */
export function DraftProposalButton({
  cluster,
  className = 'button',
}: {
  cluster: Cluster;
  className?: string;
}) {
  const { t } = useTranslation();
  const proposals = useProposals();
  const { title } = clusterLabel(cluster, t);
  return (
    <button type="button" className={className} onClick={() => proposals.open(cluster.id)}>
      {t('proposal.draft')}
      <span className="visually-hidden"> {t('proposal.forCluster', { title })}</span>
    </button>
  );
}

/** The selection bar of a selected cluster for someone who cannot edit the board right now. */
export function ProposalSelectionBar({ cluster }: { cluster: Cluster }) {
  const { t } = useTranslation();
  const { title } = clusterLabel(cluster, t);
  return (
    <div className="selection-bar" role="group" aria-label={t('selection.clusterLabel', { title })}>
      <span className="selection-bar__title">{title}</span>
      <DraftProposalButton cluster={cluster} />
    </div>
  );
}
