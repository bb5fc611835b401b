/**
 * Which proposal this page has open and how far it is: no React. Opening a proposal that does not
 * exist yet asks the server to create it (a server command, so two people opening it at once get
 * one document) and then waits for it to arrive over sync. A proposal the device already has opens
 * at once, offline too; edits merge when the device reconnects.
 */
import type * as Y from 'yjs';
import type { NoteLang } from '@shared/board/note';
import { boardRoots } from '@shared/board/roots';
import { proposalFragment } from '@shared/proposal/read';
import { createStore, type ReadableStore } from '../sync/store';
import { CreateProposalError, requestProposal, type CreateFailure } from './api';

export type ProposalState =
  | { kind: 'closed' }
  | { kind: 'preparing'; clusterId: string }
  | { kind: 'ready'; clusterId: string }
  /** `none`: no proposal exists and this page may not create one (viewers). */
  | { kind: 'error'; clusterId: string; reason: CreateFailure | 'none' };

export interface ProposalViewDeps {
  doc: Y.Doc;
  boardId: string;
  token: string;
  /** Whether this page may ask for a proposal to be created (writer roles). */
  canCreate: boolean;
}

export interface ProposalView {
  readonly state: ReadableStore<ProposalState>;
  /** Opens the proposal of `clusterId`, creating it from the template in `lang` if needed. */
  open(clusterId: string, lang: NoteLang): void;
  close(): void;
  /** Starts following the document; returns the stop function (call both from one effect). */
  attach(): () => void;
}

/** How long to wait for a created proposal to arrive over sync before saying so. */
export const ARRIVAL_TIMEOUT_MS = 15_000;

/** Creates the proposal view of one board page. */
export function createProposalView(deps: ProposalViewDeps): ProposalView {
  const state = createStore<ProposalState>({ kind: 'closed' });
  const proposals = boardRoots(deps.doc).proposals;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const current = (): string | null => {
    const s = state.get();
    return s.kind === 'closed' ? null : s.clusterId;
  };
  // Whoever created it, once the fragment is here the proposal is ready.
  const onProposals = (): void => {
    const s = state.get();
    if (s.kind !== 'ready' && s.kind !== 'closed' && proposalFragment(deps.doc, s.clusterId)) {
      settle();
      state.set({ kind: 'ready', clusterId: s.clusterId });
    }
  };
  const settle = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const create = async (clusterId: string, lang: NoteLang, mine: number): Promise<void> => {
    try {
      await requestProposal(deps.boardId, clusterId, deps.token, lang);
      if (mine !== attempt || proposalFragment(deps.doc, clusterId)) return;
      timer = setTimeout(() => {
        if (mine === attempt && state.get().kind === 'preparing') {
          state.set({ kind: 'error', clusterId, reason: 'offline' });
        }
      }, ARRIVAL_TIMEOUT_MS);
    } catch (err) {
      if (mine !== attempt || proposalFragment(deps.doc, clusterId)) return;
      const reason = err instanceof CreateProposalError ? err.reason : 'failed';
      state.set({ kind: 'error', clusterId, reason });
    }
  };

  return {
    state,
    open(clusterId, lang) {
      attempt += 1;
      settle();
      if (proposalFragment(deps.doc, clusterId)) {
        state.set({ kind: 'ready', clusterId });
        return;
      }
      if (!deps.canCreate) {
        state.set({ kind: 'error', clusterId, reason: 'none' });
        return;
      }
      state.set({ kind: 'preparing', clusterId });
      void create(clusterId, lang, attempt);
    },
    close() {
      if (current() === null) return;
      attempt += 1;
      settle();
      state.set({ kind: 'closed' });
    },
    attach() {
      proposals.observe(onProposals);
      onProposals();
      return () => {
        attempt += 1;
        settle();
        proposals.unobserve(onProposals);
      };
    },
  };
}
