import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSession } from '@shared/api';
import { openBoard, type OpenBoard } from '../../sync/openBoard';
import { deviceUserId, type Profile } from '../../session/profile';
import type { PersonalLink } from '../../session/personalLink';
import { openFacilitation, type Facilitation } from '../../kit/control/facilitation';
import { FacilitationContext } from '../../kit/control/FacilitationContext';
import { PhaseBar } from '../../facilitation/PhaseBar';
import { FacilitationSidebar } from './FacilitationSidebar';
import { ArchivedBanner } from '../../facilitation/ArchivedBanner';
import { FrozenBanner } from '../../outcomes/FrozenBanner';
import { frozenNow } from '../../kit/control/frozen';
import { BoardContext, type BoardContextValue } from '../../kit/BoardContext';
import { createBoardActions } from '../../kit/actions';
import { createViewState, NARROW_WIDTH, type ViewState } from '../../kit/viewState';
import { useStore } from '../../kit/useStore';
import { TopBar } from './TopBar';
import { Toolbar } from './Toolbar';
import { Announcer } from './Announcer';
import { useUndoShortcuts } from './useUndoShortcuts';
import { BoardCanvas } from '../../canvas/BoardCanvas';
import { OutlineView } from '../../outline/OutlineView';
import { ProposalsProvider } from '../../proposals/ProposalsContext';
import { ProposalPanel } from '../../proposals/ProposalPanel';
import { BoardSlotsContext } from '../../kit/slots';
import { boardSlots, canvasLayer, useCanvasCamera } from './boardSlots';

interface Props {
  session: BoardSession;
  /** The token to use: the personal link's once joined (see client/facilitation). */
  token: string;
  /** The link the page was opened with. */
  roleToken: string;
  personal: PersonalLink | null;
  profile: Profile | null;
  onRefused: () => void;
}

interface Opened {
  open: OpenBoard;
  view: ViewState;
  fac: Facilitation;
}

function useOpenBoard(props: Props): Opened | null {
  const { session, token, personal, profile } = props;
  const [state, setState] = useState<Opened | null>(null);
  useEffect(() => {
    const origin = window.location.origin;
    const open = openBoard({ session, token, origin, userId: deviceUserId(), profile });
    const fac = openFacilitation(open, { token, personal, origin });
    const view = createViewState(window.innerWidth < NARROW_WIDTH ? 'outline' : 'canvas');
    setState({ open, view, fac });
    return () => {
      fac.destroy();
      open.destroy();
      setState(null);
    };
  }, [session, token, personal, profile]);
  return state;
}

/** The board: top bar, tools, and the canvas or the outline, over one open board. */
export function BoardPage(props: Props) {
  const opened = useOpenBoard(props);
  if (!opened) return null;
  return <BoardShell {...opened} onRefused={props.onRefused} />;
}

function BoardShell({ open, view, fac, onRefused }: Opened & { onRefused: () => void }) {
  const { t } = useTranslation();
  const status = useStore(open.connection.status);
  const control = useStore(open.connection.control);
  const current = useStore(view.view);
  const actions = useMemo(() => createBoardActions(open, view), [open, view]);
  const frozen = frozenNow(open.session.frozen, control, open.connection.controlDoc);
  // Phase and lock rules (client/facilitation): the server enforces them, the UI follows them.
  const rules = useStore(fac.rules);
  const locked = useStore(fac.lockedClusters);
  const presenting = useStore(fac.presenting);
  const canEdit =
    open.writer && !frozen && !fac.archived && status.refused === null && rules.editBoard;
  const value: BoardContextValue = useMemo(
    () => ({
      board: open,
      view,
      actions,
      canEdit,
      canEditIn: (clusterId) => canEdit && fac.clusterEditable(clusterId),
    }),
    // `locked` is read through fac.clusterEditable; a new set must re-render the consumers.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reason: `locked` is read indirectly
    [open, view, actions, canEdit, fac, locked],
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
      <FacilitationContext.Provider value={fac}>
        <BoardSlotsContext.Provider value={boardSlots}>
          <div className={presenting ? 'board-page board-page--present' : 'board-page'}>
            <TopBar frozen={frozen} />
            <PhaseBar />
            <FrozenBanner frozen={frozen} />
            <ArchivedBanner archived={fac.archived} />
            {!open.writer ? (
              <p className="banner banner--readonly">
                <strong>{t('banner.viewerTitle')}</strong> {t('banner.viewerBody')}
              </p>
            ) : null}
            <Toolbar />
            <ProposalsProvider>
              <div className="board-body">
                <main
                  className="board-main"
                  aria-label={t(current === 'canvas' ? 'canvas.region' : 'outline.region')}
                >
                  {current === 'canvas' ? (
                    <BoardCanvas layer={canvasLayer} useCamera={useCanvasCamera} />
                  ) : (
                    <OutlineView />
                  )}
                </main>
                <ProposalPanel />
                <FacilitationSidebar />
              </div>
            </ProposalsProvider>
            <Announcer />
          </div>
        </BoardSlotsContext.Provider>
      </FacilitationContext.Provider>
    </BoardContext.Provider>
  );
}
