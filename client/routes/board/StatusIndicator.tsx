import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../sync/syncStatus';

/**
 * Always says whether this device is in sync (or the server cannot store edits right now), and
 * how many local changes are waiting.
 */
export function StatusIndicator({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  return (
    <div role="status" className={`sync-status sync-status--${status.state}`}>
      <span className="sync-status__dot" aria-hidden="true" />
      <span className="sync-status__state">{t(`status.${status.state}`)}</span>
      <span aria-hidden="true"> · </span>
      <span className="sync-status__count">{t('status.waiting', { count: status.pending })}</span>
    </div>
  );
}
