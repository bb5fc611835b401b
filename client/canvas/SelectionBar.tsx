import { useTranslation } from 'react-i18next';
import { NOTE_COLORS } from '@shared/board/note';
import { MergeIntoPicker } from '../kit/MergeIntoPicker';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { Icon } from '../kit/Icon';
import { clusterLabel } from '../kit/labels';
import { useSlots } from '../kit/slots';

/**
 * Actions on what is selected on the canvas, as ordinary buttons: recolour, edit, delete notes;
 * rename, merge, delete a cluster. Keyboard and screen-reader users reach them by Tab.
 */
export function SelectionBar() {
  const { t } = useTranslation();
  const { board, view, actions, canEdit, canEditIn } = useBoard();
  // Proposal and facilitation tools come from the page (client/routes/board/boardSlots.ts).
  const { SelectionTools, ClusterProposal, ReadOnlyClusterBar } = useSlots();
  const selection = useStore(view.selection);
  const snapshot = useStore(board.board);
  if (!canEdit) {
    // A proposal can be read, and in the drafting phase written, when the board cannot be edited.
    const picked = snapshot.clusters.find((c) => c.id === selection.cluster);
    return picked ? <ReadOnlyClusterBar cluster={picked} /> : null;
  }

  const notes = snapshot.notes.filter((n) => selection.notes.has(n.id));
  const cluster = snapshot.clusters.find((c) => c.id === selection.cluster) ?? null;
  // Locked by the facilitator: the facilitation bar says so instead (a slot).
  const locked = notes.some((n) => !canEditIn(n.clusterId)) || (cluster && !canEditIn(cluster.id));
  if (locked) return <SelectionTools notes={notes} cluster={cluster} locked />;

  if (notes.length > 0) {
    const ids = notes.map((n) => n.id);
    const [first] = notes;
    return (
      <div
        className="selection-bar"
        role="group"
        aria-label={t('selection.notesLabel', { count: notes.length })}
      >
        <span className="selection-bar__title">
          {t('selection.notes', { count: notes.length })}
        </span>
        <div className="swatches" role="group" aria-label={t('selection.colour')}>
          {NOTE_COLORS.map((c) => (
            <button
              key={c.name}
              type="button"
              className="swatch"
              style={{ background: c.hex }}
              aria-label={t(`color.${c.name}`)}
              aria-pressed={notes.every((n) => n.color === c.name)}
              onClick={() => actions.recolor(ids, c.name)}
            />
          ))}
        </div>
        {notes.length === 1 && first ? (
          <button
            type="button"
            className="button button--icon-text"
            onClick={() => view.editing.set({ kind: 'note', id: first.id, isNew: false })}
          >
            <Icon name="edit" /> {t('selection.editNote')}
          </button>
        ) : null}
        <SelectionTools notes={notes} cluster={null} />
        <button
          type="button"
          className="button button--danger button--icon-text"
          onClick={() => actions.deleteNotes(ids)}
        >
          <Icon name="trash" /> {t('selection.deleteNotes', { count: notes.length })}
        </button>
      </div>
    );
  }

  if (cluster) {
    return (
      <div
        className="selection-bar"
        role="group"
        aria-label={t('selection.clusterLabel', { title: clusterLabel(cluster, t).title })}
      >
        <span className="selection-bar__title">{clusterLabel(cluster, t).title}</span>
        <button
          type="button"
          className="button button--icon-text"
          onClick={() => view.editing.set({ kind: 'cluster', id: cluster.id, isNew: false })}
        >
          <Icon name="edit" /> {t('cluster.rename')}
        </button>
        <MergeIntoPicker cluster={cluster} clusters={snapshot.clusters} />
        <ClusterProposal cluster={cluster} />
        <SelectionTools notes={[]} cluster={cluster} />
        <button
          type="button"
          className="button button--danger button--icon-text"
          onClick={() => actions.deleteCluster(cluster.id)}
        >
          <Icon name="trash" /> {t('cluster.delete')}
        </button>
      </div>
    );
  }
  return null;
}
