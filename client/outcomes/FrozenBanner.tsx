import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { NewTabHint } from './NewTabHint';
import { usePublishedVersions } from './usePublishedVersions';

/**
 * "This board is frozen", for everyone, with a link to the version the freeze published once the
 * server has stored it.
 */
export function FrozenBanner({ frozen }: { frozen: boolean }) {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const { board, view } = useBoard();
  const control = useStore(fac.control);
  // The control document names the published version; the listing is only a fallback for a
  // server that does not set it.
  const fromControl = control.frozen ? control.published : null;
  const { current: listed } = usePublishedVersions(board.session.id, {
    enabled: frozen && !fromControl,
    frozen,
    frozenAt: control.frozen ? control.frozenAt : null,
    jitterMs: fac.isFacilitator ? 0 : 1000,
  });
  const current = fromControl ?? listed;

  // Say it once when it happens (not when a frozen board is opened: the banner says it then).
  const was = useRef(frozen);
  useEffect(() => {
    if (was.current === frozen) return;
    was.current = frozen;
    view.announce(t(frozen ? 'outcomes.frozenNow' : 'outcomes.unfrozen'));
  }, [frozen, view, t]);

  if (!frozen) return null;
  return (
    <p className="banner banner--frozen">
      <strong>{t('banner.frozenTitle')}</strong> {t('banner.frozenBody')}
      {current ? (
        <span className="banner__published">
          {' '}
          {t('outcomes.published', { version: current.version })} —{' '}
          <a href={current.url} target="_blank" rel="noreferrer">
            {t('outcomes.openFindings')}
            <NewTabHint />
          </a>
        </span>
      ) : null}
    </p>
  );
}
