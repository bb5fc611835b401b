import { useTranslation } from 'react-i18next';
import { useStore } from '../ui/useStore';
import { useFacilitation } from './FacilitationContext';
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
