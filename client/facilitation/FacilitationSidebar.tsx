import { useTranslation } from 'react-i18next';
import { useStore } from '../ui/useStore';
import { useBoard } from '../ui/BoardContext';
import { useFacilitation } from './FacilitationContext';
import { FacilitatorPanel } from './FacilitatorPanel';
import { LinkPanel } from './LinkPanel';
import { LogPanel } from './LogPanel';
import { PrivateNotesPanel } from './PrivateNotesPanel';
import { ResultsPanel, useVisibleTallies } from './ResultsPanel';
import { useVotesSync, VotePanel } from './VotePanel';
import { FindingsPanel } from '../outcomes/FindingsPanel';
import { VersionHistoryPanel } from '../outcomes/VersionHistoryPanel';

/**
 * The side of the board page: what the phase asks of this person (private notes, votes), the
 * results once visible, and the panel the person opened (facilitator controls, log, own link).
 */
export function FacilitationSidebar() {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const { board } = useBoard();
  const panel = useStore(fac.panel);
  const rules = useStore(fac.rules);
  const control = useStore(fac.control);
  const { tallies } = useVisibleTallies();
  useVotesSync();
  const writing = rules.writePrivately && fac.privateNotes !== null && !control.frozen;
  const voting =
    rules.vote &&
    !control.frozen &&
    (board.writer || control.voting.allowRemote || fac.votes !== null);
  const facilitatorOnly = panel === 'facilitator' || panel === 'history';
  const showPanel = facilitatorOnly ? fac.isFacilitator : panel !== null;
  if (!writing && !voting && !tallies && !showPanel) return null;
  return (
    // Focusable: it scrolls, and keyboard users must be able to scroll it even without controls.
    <aside className="fac-sidebar" aria-label={t('panel.sidebar')} tabIndex={0}>
      {writing ? <PrivateNotesPanel /> : null}
      {voting ? <VotePanel /> : null}
      {tallies ? <ResultsPanel /> : null}
      {panel === 'facilitator' && fac.isFacilitator ? <FacilitatorPanel /> : null}
      {panel === 'log' ? <LogPanel /> : null}
      {panel === 'link' ? <LinkPanel /> : null}
      {panel === 'history' && fac.isFacilitator ? <VersionHistoryPanel /> : null}
      {panel === 'findings' ? <FindingsPanel /> : null}
    </aside>
  );
}
