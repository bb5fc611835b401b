import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSession } from '@shared/api';
import { openBoard, type OpenBoard } from '../sync/openBoard';
import { deviceUserId, type Profile } from '../session/profile';
import { BoardContext, type BoardContextValue } from './BoardContext';
import { createBoardActions } from './actions';
import { createViewState, NARROW_WIDTH, type ViewState } from './viewState';
import { useStore } from './useStore';
import { TopBar } from './TopBar';
import { Toolbar } from './Toolbar';
import { Announcer } from './Announcer';
import { useUndoShortcuts } from './useUndoShortcuts';
import { BoardCanvas } from '../canvas/BoardCanvas';
import { OutlineView } from '../outline/OutlineView';

interface Props {
  session: BoardSession;
  token: string;
  profile: Profile | null;
  onRefused: () => void;
}

function useOpenBoard(props: Props): { open: OpenBoard; view: ViewState } | null {
  const { session, token, profile } = props;
  const [state, setState] = useState<{ open: OpenBoard; view: ViewState } | null>(null);
  useEffect(() => {
    const open = openBoard({
      session,
      token,
      origin: window.location.origin,
      userId: deviceUserId(),
      profile,
    });
    const view = createViewState(window.innerWidth < NARROW_WIDTH ? 'outline' : 'canvas');
    setState({ open, view });
    return () => {
      open.destroy();
      setState(null);
    };
  }, [session, token, profile]);
  return state;
}

/** The board: top bar, tools, and the canvas or the outline, over one open board. */
export function BoardPage(props: Props) {
  const opened = useOpenBoard(props);
  if (!opened) return null;
  return <BoardShell {...opened} onRefused={props.onRefused} />;
}

function BoardShell({
  open,
  view,
  onRefused,
}: {
  open: OpenBoard;
  view: ViewState;
  onRefused: () => void;
}) {
  const { t } = useTranslation();
  const status = useStore(open.connection.status);
  const control = useStore(open.connection.control);
  const current = useStore(view.view);
  const actions = useMemo(() => createBoardActions(open, view), [open, view]);
  const frozen = control.frozen || open.session.frozen;
  const canEdit = open.writer && !frozen && status.refused === null;
  const value: BoardContextValue = useMemo(
    () => ({ board: open, view, actions, canEdit }),
    [open, view, actions, canEdit],
  );

  useEffect(() => {
    // 4401/4403/4404: the link was revoked or the board is gone; reconnecting cannot help.
    if (status.refused !== null && status.refused >= 4400 && status.refused < 4500) onRefused();
  }, [status.refused, onRefused]);

  useEffect(() => {
    document.title = `${open.session.title} · ${t('app.name')}`;
  }, [open.session.title, t]);

  useEffect(() => {
    if (!canEdit) view.editing.set(null);
  }, [canEdit, view]);

  useUndoShortcuts(actions, canEdit);

  return (
    <BoardContext.Provider value={value}>
      <div className="board-page">
        <TopBar frozen={frozen} />
        {frozen ? (
          <p className="banner banner--frozen">
            <strong>{t('banner.frozenTitle')}</strong> {t('banner.frozenBody')}
          </p>
        ) : null}
        {!open.writer ? (
          <p className="banner banner--readonly">
            <strong>{t('banner.viewerTitle')}</strong> {t('banner.viewerBody')}
          </p>
        ) : null}
        <Toolbar />
        <main
          className="board-main"
          aria-label={t(current === 'canvas' ? 'canvas.region' : 'outline.region')}
        >
          {current === 'canvas' ? <BoardCanvas /> : <OutlineView />}
        </main>
        <Announcer />
      </div>
    </BoardContext.Provider>
  );
}
