import { useTranslation } from 'react-i18next';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { NewTabHint } from './NewTabHint';
import { usePublishedVersions } from './usePublishedVersions';

/** "Published versions": every version of this board with its date, and the forum's index. */
export function FindingsPanel() {
  const { t, i18n } = useTranslation();
  const fac = useFacilitation();
  const { board } = useBoard();
  const control = useStore(fac.control);
  const { status, versions } = usePublishedVersions(board.session.id, {
    enabled: true,
    frozen: control.frozen,
    frozenAt: control.frozen ? control.frozenAt : null,
  });
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const forumIndex = `/forums/${encodeURIComponent(board.session.forumId)}/outcomes`;
  return (
    <section className="fac-panel" aria-labelledby="findings-title">
      <h2 id="findings-title" className="fac-panel__title">
        {t('outcomes.versionsTitle')}
      </h2>
      {status === 'loading' ? <p className="hint">{t('outcomes.loading')}</p> : null}
      {status === 'error' ? (
        <p className="fac-error" role="alert">
          {t('outcomes.versionsError')}
        </p>
      ) : null}
      {status === 'ready' && versions.length === 0 ? (
        <p className="hint">{t('outcomes.versionsEmpty')}</p>
      ) : null}
      {versions.length > 0 ? (
        <ol className="outcome-list" aria-labelledby="findings-title">
          {versions.map((v, i) => (
            <li key={v.version} className="outcome-list__item">
              <a href={v.url} target="_blank" rel="noreferrer" className="outcome-list__link">
                {t('outcomes.version', { version: v.version })}
                <NewTabHint />
              </a>
              {i === 0 ? <span className="pill pill--latest">{t('outcomes.latest')}</span> : null}
              <span className="outcome-list__date">
                {t('outcomes.publishedAt', { date: date.format(new Date(v.publishedAt)) })}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      <p className="hint">
        <a href={forumIndex} target="_blank" rel="noreferrer">
          {t('outcomes.forumIndex')}
          <NewTabHint />
        </a>
      </p>
    </section>
  );
}
