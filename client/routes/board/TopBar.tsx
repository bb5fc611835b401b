import { useTranslation } from 'react-i18next';
import { useBoard } from '../../kit/BoardContext';
import { useStore } from '../../kit/useStore';
import { StatusIndicator } from './StatusIndicator';
import { LanguageSelect } from '../../kit/LanguageSelect';
import { PeopleHere } from './PeopleHere';

/** Board title, who is here, sync status, language and the view switch. */
export function TopBar({ frozen }: { frozen: boolean }) {
  const { t } = useTranslation();
  const { board, view } = useBoard();
  const status = useStore(board.connection.status);
  const current = useStore(view.view);
  const other = current === 'canvas' ? 'outline' : 'canvas';
  return (
    <header className="topbar">
      <div className="topbar__title">
        <span className="brand brand--small">{t('app.name')}</span>
        <div>
          <p className="topbar__forum">{board.session.forumTitle}</p>
          <h1 className="topbar__board">
            {board.session.title}
            {frozen ? <span className="pill pill--frozen">{t('banner.frozenPill')}</span> : null}
          </h1>
        </div>
      </div>
      <div className="topbar__side">
        <PeopleHere />
        <StatusIndicator status={status} />
        <LanguageSelect compact />
        <button
          type="button"
          className="button button--ghost"
          onClick={() => {
            view.editing.set(null);
            view.view.set(other);
          }}
        >
          {t(other === 'outline' ? 'view.outline' : 'view.canvas')}
        </button>
      </div>
    </header>
  );
}
