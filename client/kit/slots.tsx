/**
 * Slots: what the board page plugs into the canvas and the outline. Feature folders never import
 * each other (see client/README.md), so the canvas and the outline name the places where other
 * features' controls go, and the page (client/routes/board/) fills them.
 */
import { createContext, useContext, type ComponentType } from 'react';
import type { Cluster } from '@shared/board/cluster';
import type { Note } from '@shared/board/note';

export interface BoardSlots {
  /** Tools for what is selected on the canvas; `locked` replaces the editing tools. */
  SelectionTools: ComponentType<{ notes: Note[]; cluster: Cluster | null; locked?: boolean }>;
  /** A cluster's extra verbs in the outline, after merge. */
  ClusterTools: ComponentType<{ cluster: Cluster }>;
  /** Beside a cluster's heading in the outline (e.g. "locked"). */
  ClusterBadge: ComponentType<{ clusterId: string }>;
  /** Beside a note in the outline (e.g. its vote). */
  NoteTools: ComponentType<{ note: Note }>;
  /** The proposal button of a cluster, on the canvas and in the outline. */
  ClusterProposal: ComponentType<{ cluster: Cluster; className?: string }>;
  /** The selection bar of a cluster for someone who cannot edit the board right now. */
  ReadOnlyClusterBar: ComponentType<{ cluster: Cluster }>;
}

const nothing = (): null => null;

/** Empty slots: the canvas and the outline work alone (and in tests) with nothing plugged in. */
export const EMPTY_SLOTS: BoardSlots = {
  SelectionTools: nothing,
  ClusterTools: nothing,
  ClusterBadge: nothing,
  NoteTools: nothing,
  ClusterProposal: nothing,
  ReadOnlyClusterBar: nothing,
};

export const BoardSlotsContext = createContext<BoardSlots>(EMPTY_SLOTS);

/** The slots the page filled. */
export function useSlots(): BoardSlots {
  return useContext(BoardSlotsContext);
}
