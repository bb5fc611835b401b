import { createContext, useContext } from 'react';
import type { OpenBoard } from '../sync/openBoard';
import type { ViewState } from './viewState';
import type { BoardActions } from './actions';

export interface BoardContextValue {
  board: OpenBoard;
  view: ViewState;
  actions: BoardActions;
  /** Whether this device may change the board right now (role, not frozen, link still valid). */
  canEdit: boolean;
  /** `canEdit`, and the cluster (or no cluster: null) is not locked against this person. */
  canEditIn(clusterId: string | null): boolean;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

/** The open board, its view state and the actions; only inside a board page. */
export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoard outside BoardContext');
  return value;
}
