import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { rankClusters, rankNotes, type Tallies } from '@shared/control/voting';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { clusterLabel } from '../kit/labels';
import { useFacilitation } from '../kit/control/FacilitationContext';

/** The tallies this person may see: published ones, or a facilitator's live ones. */
export function useVisibleTallies(): { tallies: Tallies | null; live: boolean } {
  const fac = useFacilitation();
  const control = useStore(fac.control);
  const votes = useStore(fac.votes?.state ?? NO_STATE);
  if (control.tallies) return { tallies: control.tallies, live: false };
  // A facilitator sees hidden tallies live, while voting or once there are any.
  const any = (t: Tallies): boolean =>
    Object.keys(t.room).length + Object.keys(t.remote).length > 0;
  if (fac.isFacilitator && votes?.tallies && (control.phase === 'vote' || any(votes.tallies))) {
    return { tallies: votes.tallies, live: true };
  }
  return { tallies: null, live: false };
}

/** Ranked clusters and notes with their dots; remote attendees' dots in their own column. */
export function ResultsPanel() {
  const { t } = useTranslation();
  const { board } = useBoard();
  const snapshot = useStore(board.board);
  const { tallies, live } = useVisibleTallies();
  const ranked = useMemo(() => {
    if (!tallies) return null;
    const notes = new Map(snapshot.notes.map((n) => [n.id, n]));
    const clusters = new Map(snapshot.clusters.map((c) => [c.id, c]));
    return {
      notes: rankNotes(tallies)
        .filter((r) => notes.has(r.id))
        .map((r) => ({ ...r, name: notes.get(r.id)!.text || t('note.empty') })),
      clusters: rankClusters(tallies, (id) => notes.get(id)?.clusterId ?? null)
        .filter((r) => clusters.has(r.id))
        .map((r) => ({ ...r, name: clusterLabel(clusters.get(r.id)!, t).title })),
    };
  }, [tallies, snapshot, t]);
  if (!ranked) return null;
  const hasRemote = ranked.notes.some((r) => r.remote > 0);
  const table = (
    caption: string,
    rows: { id: string; name: string; room: number; remote: number }[],
    what: string,
  ) => (
    <table className="results-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('results.rank')}</th>
          <th scope="col">{what}</th>
          <th scope="col">{t('results.room')}</th>
          {hasRemote ? <th scope="col">{t('results.remote')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.id}>
            <td>{i + 1}</td>
            <th scope="row" className="results-table__name">
              {r.name}
            </th>
            <td>{r.room}</td>
            {hasRemote ? <td>{r.remote}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="fac-panel results" aria-labelledby="results-title">
      <h2 id="results-title" className="fac-panel__title">
        {t('results.title')}
      </h2>
      {live ? <p className="hint">{t('results.liveHidden')}</p> : null}
      {ranked.notes.length === 0 ? <p className="hint">{t('results.none')}</p> : null}
      {ranked.clusters.length > 0
        ? table(t('results.clusters'), ranked.clusters, t('results.cluster'))
        : null}
      {ranked.notes.length > 0 ? table(t('results.notes'), ranked.notes, t('results.note')) : null}
    </section>
  );
}

const NO_STATE = { get: () => null, subscribe: () => () => undefined };
