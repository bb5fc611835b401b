import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../ConfirmDialog';
import type { EntranceLink } from '../types';
import { LinkBlock } from './LinkBlock';

/** The forum's one link for the whole room: people give name and expertise and get a table. */
export function EntranceCard({
  entrance,
  tableCount,
  onRotate,
}: {
  entrance: EntranceLink;
  tableCount: number;
  onRotate: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section className="console-section console-section--card" aria-labelledby="entrance-title">
      <h2 id="entrance-title">{t('console.entrance.title')}</h2>
      <p className="muted">{t('console.entrance.body')}</p>
      {tableCount === 0 ? <p className="notice">{t('console.entrance.noTables')}</p> : null}
      <LinkBlock
        label={t('console.entrance.link')}
        hint={t('console.entrance.hint')}
        link={entrance.link}
        qrLabel={t('console.entrance.qr')}
      />
      <div className="table-links__rotate">
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          {t('console.entrance.rotate')}
        </button>
        <span className="hint" aria-live="polite">
          {status}
        </span>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('console.entrance.rotateTitle')}
        confirmLabel={t('console.entrance.rotateConfirm')}
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setStatus(null);
          onRotate().then(
            () => setStatus(t('console.entrance.rotated')),
            (err: unknown) => setStatus(t('console.failed', { message: (err as Error).message })),
          );
        }}
      >
        <p>{t('console.entrance.rotateBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
