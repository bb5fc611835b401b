/**
 * Where the board page combines features: the controls facilitation and proposals add to the
 * canvas and the outline (see client/kit/slots.tsx), and the canvas's facilitation layer.
 */
import type { BoardSlots } from '../../kit/slots';
import type { CanvasCameraHook, CanvasLayer } from '../../kit/canvas/layerSlot';
import { ClusterLockBadge } from '../../facilitation/ClusterLockBadge';
import { FacilitationLayer } from '../../facilitation/FacilitationLayer';
import {
  OutlineClusterTools,
  SelectionFacilitation,
} from '../../facilitation/SelectionFacilitation';
import { useCanvasFacilitation } from '../../facilitation/useCanvasFacilitation';
import { VoteControl } from '../../facilitation/VoteControl';
import { DraftProposalButton, ProposalSelectionBar } from '../../proposals/DraftProposalButton';

export const boardSlots: BoardSlots = {
  SelectionTools: SelectionFacilitation,
  ClusterTools: OutlineClusterTools,
  ClusterBadge: ClusterLockBadge,
  NoteTools: VoteControl,
  ClusterProposal: DraftProposalButton,
  ReadOnlyClusterBar: ProposalSelectionBar,
};

/** Spotlight, votes and locks drawn on the board. */
export const canvasLayer: CanvasLayer = FacilitationLayer;

/** Follow me, spotlight and "show what was revealed" on the canvas camera. */
export const useCanvasCamera: CanvasCameraHook = useCanvasFacilitation;
