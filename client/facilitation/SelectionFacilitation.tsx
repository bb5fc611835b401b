import { useTranslation } from 'react-i18next';
import type { Cluster } from '@shared/board/cluster';
import type { Note } from '@shared/board/note';
import { useStore } from '../kit/useStore';
import { clusterLabel } from '../kit/labels';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { LockIcon } from './LockIcon';
import { useCommand } from '../kit/control/useCommand';

/** Lock / unlock a cluster (facilitators), as a pressed-state toggle named by the cluster. */
export function ClusterLockButton({
  cluster,
  small = false,
}: {
  cluster: Cluster;
  small?: boolean;
}) {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const locked = useStore(fac.lockedClusters).has(cluster.id);
  const { run, busy } = useCommand();
  if (!fac.isFacilitator) return null;
  const title = clusterLabel(cluster, t).title;
  return (
    <button
      type="button"
      className={small ? 'button button--small' : 'button'}
      aria-pressed={locked}
      disabled={busy}
      onClick={() =>
        void run(
          { type: 'lockCluster', clusterId: cluster.id, locked: !locked },
          t(locked ? 'lock.clusterUnlocked' : 'lock.clusterLocked', { title }),
        )
      }
    >
      {t('lock.cluster')}
      <span className="visually-hidden"> {title}</span>
    </button>
  );
}

/** A cluster's facilitation verbs in the outline (spotlight, lock): the outline's ClusterTools slot. */
export function OutlineClusterTools({ cluster }: { cluster: Cluster }) {
  const { t } = useTranslation();
  const title = clusterLabel(cluster, t).title;
  return (
    <>
      <SpotlightButton target={{ kind: 'cluster', id: cluster.id }} name={title} small />
      <ClusterLockButton cluster={cluster} small />
    </>
  );
}

/** Put a note or cluster in everyone's spotlight (facilitators). */
export function SpotlightButton({
  target,
  name,
  small = false,
}: {
  target: { kind: 'note' | 'cluster'; id: string };
  name: string;
  small?: boolean;
}) {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const spot = useStore(fac.control).spotlight;
  const { run, busy } = useCommand();
  if (!fac.isFacilitator) return null;
  const on = spot?.kind === target.kind && spot.id === target.id;
  return (
    <button
      type="button"
      className={small ? 'button button--small' : 'button'}
      aria-pressed={on}
      disabled={busy}
      onClick={() =>
        void run(
          { type: 'spotlight', target: on ? null : target },
          t(on ? 'spotlight.cleared' : 'spotlight.set'),
        )
      }
    >
      {t('spotlight.button')}
      <span className="visually-hidden"> {name}</span>
    </button>
  );
}

/**
 * Facilitation in the canvas's selection bar: for facilitators, spotlight and lock; for a
 * participant whose selection is locked, a bar that says so instead of the editing tools.
 */
export function SelectionFacilitation({
  notes,
  cluster,
  locked = false,
}: {
  notes: Note[];
  cluster: Cluster | null;
  locked?: boolean;
}) {
  const { t } = useTranslation();
  if (locked) {
    return (
      <div
        className="selection-bar selection-bar--locked"
        role="group"
        aria-label={t('lock.locked')}
      >
        <LockIcon /> {t('lock.lockedSelection')}
      </div>
    );
  }
  const [only] = notes;
  if (cluster) {
    const title = clusterLabel(cluster, t).title;
    return (
      <>
        <SpotlightButton target={{ kind: 'cluster', id: cluster.id }} name={title} />
        <ClusterLockButton cluster={cluster} />
      </>
    );
  }
  if (notes.length === 1 && only) {
    return <SpotlightButton target={{ kind: 'note', id: only.id }} name={only.text} />;
  }
  return null;
}
