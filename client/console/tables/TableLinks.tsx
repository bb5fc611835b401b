import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@shared/roles';
import { ConfirmDialog } from '../ConfirmDialog';
import type { Board } from '../types';
import { LinkBlock } from './LinkBlock';

/** A table's three role links with QR codes, and rotating them. */
export function TableLinks({ board, onRotate }: { board: Board; onRotate: () => Promise<void> }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <div className="table-links">
      {ROLES.map((role) => (
        <LinkBlock
          key={role}
          label={t(`console.links.${role}`)}
          hint={t(`console.links.${role}Hint`)}
          link={board.links[role]}
          qrLabel={t('console.links.qr', { link: t(`console.links.${role}`), table: board.title })}
        />
      ))}
      <div className="table-links__rotate">
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          {t('console.links.rotate')}
        </button>
        <span className="hint" aria-live="polite">
          {status}
        </span>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('console.links.rotateTitle', { table: board.title })}
        confirmLabel={t('console.links.rotateConfirm')}
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setStatus(null);
          onRotate().then(
            () => setStatus(t('console.links.rotated')),
            (err: unknown) => setStatus(t('console.failed', { message: (err as Error).message })),
          );
        }}
      >
        <p>{t('console.links.rotateBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
