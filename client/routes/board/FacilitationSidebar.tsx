import { useTranslation } from 'react-i18next';
import { useStore } from '../../kit/useStore';
import { useBoard } from '../../kit/BoardContext';
import { useFacilitation } from '../../kit/control/FacilitationContext';
import { FacilitatorPanel } from '../../facilitation/FacilitatorPanel';
import { LinkPanel } from '../../facilitation/LinkPanel';
import { LogPanel } from '../../facilitation/LogPanel';
import { PeoplePanel } from '../../facilitation/PeoplePanel';
import { PrivateNotesPanel } from '../../facilitation/PrivateNotesPanel';
import { ResultsPanel, useVisibleTallies } from '../../facilitation/ResultsPanel';
import { useVotesSync, VotePanel } from '../../facilitation/VotePanel';
import { FindingsPanel } from '../../outcomes/FindingsPanel';
import { VersionHistoryPanel } from '../../outcomes/VersionHistoryPanel';

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
  // An archived board changes for no one: no writing, voting or commands are offered.
  const open = !control.frozen && !fac.archived;
  const writing = rules.writePrivately && fac.privateNotes !== null && open;
  const voting =
    rules.vote && open && (board.writer || control.voting.allowRemote || fac.votes !== null);
  // Facilitator controls and version history change the board: not on an archived one.
  const commands = (panel === 'facilitator' || panel === 'history') && !fac.archived;
  const facilitatorOnly = panel === 'facilitator' || panel === 'history' || panel === 'people';
  const showPanel = facilitatorOnly
    ? fac.isFacilitator && (commands || panel === 'people')
    : panel !== null;
  if (!writing && !voting && !tallies && !showPanel) return null;
  return (
    // Focusable: it scrolls, and keyboard users must be able to scroll it even without controls.
    <aside className="fac-sidebar" aria-label={t('panel.sidebar')} tabIndex={0}>
      {writing ? <PrivateNotesPanel /> : null}
      {voting ? <VotePanel /> : null}
      {tallies ? <ResultsPanel /> : null}
      {panel === 'facilitator' && fac.isFacilitator && commands ? <FacilitatorPanel /> : null}
      {panel === 'people' && fac.isFacilitator ? <PeoplePanel /> : null}
      {panel === 'log' ? <LogPanel /> : null}
      {panel === 'link' ? <LinkPanel /> : null}
      {panel === 'history' && fac.isFacilitator && commands ? <VersionHistoryPanel /> : null}
      {panel === 'findings' ? <FindingsPanel /> : null}
    </aside>
  );
}
