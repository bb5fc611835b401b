import { useCallback, useEffect, useId, useMemo, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { boardRoots } from '@shared/board/roots';
import { proposalFragment } from '@shared/proposal/read';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { clusterLabel } from '../kit/labels';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { frozenNow } from '../kit/control/frozen';
import { readOnlyReason } from './access';
import { useProposals } from './ProposalsContext';
import { ProposalEditor } from './ProposalEditor';

/** The live fragment of a cluster's proposal; changes identity if the proposal is replaced. */
function useProposalFragment(doc: Y.Doc, clusterId: string | null): Y.XmlFragment | null {
  const subscribe = useCallback(
    (listener: () => void) => {
      const proposals = boardRoots(doc).proposals;
      proposals.observe(listener);
      return () => proposals.unobserve(listener);
    },
    [doc],
  );
  const get = () => (clusterId === null ? null : proposalFragment(doc, clusterId));
  return useSyncExternalStore(subscribe, get, get);
}

function byReadingOrder(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return a.y - b.y || a.x - b.x;
}

/**
 * The open proposal, beside the board: its title, whether it can be edited now and why not, the
 * editor and the cluster's notes. Escape (outside the text) or "Close proposal" closes it and
 * focus returns to the button that opened it.
 */
export function ProposalPanel() {
  const { t } = useTranslation();
  const { board, view } = useBoard();
  const proposals = useProposals();
  const control = useStore(useFacilitation().control);
  const state = useStore(proposals.view.state);
  const snapshot = useStore(board.board);
  const status = useStore(board.connection.status);
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const clusterId = state.kind === 'closed' ? null : state.clusterId;
  const fragment = useProposalFragment(board.connection.doc, clusterId);
  const cluster = snapshot.clusters.find((c) => c.id === clusterId) ?? null;
  const notes = useMemo(
    () => snapshot.notes.filter((n) => n.clusterId === clusterId).sort(byReadingOrder),
    [snapshot.notes, clusterId],
  );

  useEffect(() => {
    if (clusterId !== null) heading.current?.focus();
  }, [clusterId]);

  // A cluster someone deleted takes its panel with it (its proposal stays in the document).
  const gone = clusterId !== null && cluster === null;
  useEffect(() => {
    if (gone) proposals.close();
  }, [gone, proposals]);

  const showNote = useCallback(
    (noteId: string) => {
      if (!board.board.get().notes.some((n) => n.id === noteId)) {
        view.announce(t('proposal.noteMissing'));
        return;
      }
      view.selectNotes([noteId]);
      view.revealNote(noteId);
    },
    [board, view, t],
  );

  if (state.kind === 'closed' || !cluster) return null;
  const reason = readOnlyReason({
    role: board.session.role,
    writer: board.writer && status.refused === null,
    // As the page shell judges it; an archived board is read-only as a frozen one is.
    frozen:
      frozenNow(board.session.frozen, control, board.connection.controlDoc) ||
      board.session.archived === true,
    control,
    clusterId: cluster.id,
  });
  const { title } = clusterLabel(cluster, t);

  return (
    <aside
      className="proposal-panel"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        const inText = e.target instanceof Element && e.target.closest('.ProseMirror');
        if (e.key === 'Escape' && !inText) {
          e.preventDefault();
          proposals.close();
        }
      }}
    >
      <div className="proposal-panel__head">
        <h2 id={titleId} ref={heading} tabIndex={-1} dir="auto">
          {t('proposal.panelTitle', { title })}
        </h2>
        <button type="button" className="button button--small" onClick={() => proposals.close()}>
          {t('proposal.close')}
        </button>
      </div>
      {reason && state.kind === 'ready' ? (
        <p className="proposal-panel__notice">{t(`proposal.readOnly.${reason}`)}</p>
      ) : null}
      <div role="status" className="proposal-panel__status">
        {state.kind === 'preparing' ? <p>{t('proposal.creating')}</p> : null}
        {state.kind === 'error' ? (
          <p className="proposal-panel__error">
            {t(`proposal.${state.reason === 'notFound' ? 'failed' : state.reason}`)}{' '}
            {state.reason !== 'none' ? (
              <button
                type="button"
                className="button button--small"
                onClick={() => proposals.open(cluster.id)}
              >
                {t('proposal.retry')}
              </button>
            ) : null}
          </p>
        ) : null}
      </div>
      {state.kind === 'ready' && fragment ? (
        <ProposalEditor
          fragment={fragment}
          awareness={board.connection.awareness}
          editable={reason === null}
          notes={notes}
          onShowNote={showNote}
          onCited={() => view.announce(t('proposal.cited'))}
        />
      ) : null}
    </aside>
  );
}
