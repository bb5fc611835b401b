import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import i18next from 'i18next';
import { useBoard } from '../kit/BoardContext';
import { templateLanguage } from './language';
import { createProposalView, type ProposalView } from './proposalView';

export interface Proposals {
  readonly view: ProposalView;
  /** Opens a cluster's proposal; focus returns to what had it when the panel closes. */
  open(clusterId: string): void;
  close(): void;
}

const ProposalsContext = createContext<Proposals | null>(null);

/** The proposals of the board page; only inside `ProposalsProvider`. */
export function useProposals(): Proposals {
  const value = useContext(ProposalsContext);
  if (!value) throw new Error('useProposals outside ProposalsProvider');
  return value;
}

/** Gives the board page's views (canvas, outline) a way to open a cluster's proposal. */
export function ProposalsProvider({ children }: { children: ReactNode }) {
  const { board } = useBoard();
  const value = useMemo<Proposals>(() => {
    const view = createProposalView({
      doc: board.connection.doc,
      boardId: board.session.id,
      token: board.token,
      canCreate: board.writer,
    });
    let opener: HTMLElement | null = null;
    return {
      view,
      open(clusterId) {
        const active = document.activeElement;
        opener = active instanceof HTMLElement && active !== document.body ? active : null;
        const notes = board.board.get().notes.filter((n) => n.clusterId === clusterId);
        view.open(clusterId, templateLanguage(notes, i18next.language));
      },
      close() {
        view.close();
        const back = opener;
        opener = null;
        if (back?.isConnected) requestAnimationFrame(() => back.focus());
      },
    };
  }, [board]);
  // Attached in an effect, so StrictMode's mount, unmount, mount leaves it attached once.
  useEffect(() => value.view.attach(), [value]);
  return <ProposalsContext.Provider value={value}>{children}</ProposalsContext.Provider>;
}
