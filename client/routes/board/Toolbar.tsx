import { useTranslation } from 'react-i18next';
import { useBoard } from '../../kit/BoardContext';
import { useStore } from '../../kit/useStore';
import { SearchBox } from './SearchBox';
import { Icon } from '../../kit/Icon';

/** Board-wide tools. Viewers get only search: they cannot change anything. */
export function Toolbar() {
  const { t } = useTranslation();
  const { board, actions, canEdit } = useBoard();
  const undo = useStore(board.undoState);
  return (
    <div className="toolbar" role="group" aria-label={t('toolbar.label')}>
      {board.writer ? (
        <div className="toolbar__group">
          <button
            type="button"
            className="button button--primary"
            disabled={!canEdit}
            onClick={() => actions.addNote()}
          >
            <Icon name="note" /> {t('toolbar.addNote')}
          </button>
          <button
            type="button"
            className="button"
            disabled={!canEdit}
            onClick={() => actions.addCluster()}
          >
            <Icon name="cluster" /> {t('toolbar.addCluster')}
          </button>
          <span className="toolbar__sep" aria-hidden="true" />
          <button
            type="button"
            className="button button--icon-text"
            disabled={!canEdit || !undo.canUndo}
            onClick={() => actions.undo()}
            title={t('toolbar.undoHint')}
          >
            <Icon name="undo" /> {t('toolbar.undo')}
          </button>
          <button
            type="button"
            className="button button--icon-text"
            disabled={!canEdit || !undo.canRedo}
            onClick={() => actions.redo()}
            title={t('toolbar.redoHint')}
          >
            <Icon name="redo" /> {t('toolbar.redo')}
          </button>
        </div>
      ) : null}
      <SearchBox />
    </div>
  );
}
