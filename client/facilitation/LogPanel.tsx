import { useTranslation } from 'react-i18next';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { logText } from './logText';

/** The facilitator log, newest first: when, who, and what in words. Everyone may read it. */
export function LogPanel() {
  const { t, i18n } = useTranslation();
  const fac = useFacilitation();
  const { board } = useBoard();
  const log = useStore(fac.log);
  const snapshot = useStore(board.board);
  const time = new Intl.DateTimeFormat(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const entries = [...log].reverse();
  return (
    <section className="fac-panel" aria-labelledby="log-title">
      <h2 id="log-title" className="fac-panel__title">
        {t('panel.log')}
      </h2>
      {entries.length === 0 ? <p className="hint">{t('log.empty')}</p> : null}
      <ol className="log-list" aria-labelledby="log-title">
        {entries.map((e, i) => (
          <li key={`${e.at}-${entries.length - i}`} className="log-entry">
            <time dateTime={new Date(e.at).toISOString()} className="log-entry__time">
              {time.format(new Date(e.at))}
            </time>{' '}
            <span className="log-entry__who">{e.actor}</span>{' '}
            <span className="log-entry__what">{logText(e, t, snapshot)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
