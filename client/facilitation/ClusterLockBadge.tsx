import { useTranslation } from 'react-i18next';
import { useStore } from '../kit/useStore';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { LockIcon } from './LockIcon';

/** "Locked" next to a cluster's title in the outline. */
export function ClusterLockBadge({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const locked = useStore(fac.lockedClusters).has(clusterId);
  if (!locked) return null;
  return (
    <span className="pill pill--locked">
      <LockIcon /> {t('lock.locked')}
    </span>
  );
}
