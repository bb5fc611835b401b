/**
 * A facilitator log entry in words, in the UI language. Details carry ids and numbers; names of
 * clusters and notes are looked up on the board as it is now.
 */
import type { TFunction } from 'i18next';
import type { LogEntry } from '@shared/control/controlDoc';
import type { Board } from '@shared/board/read';
import { isPhase } from '@shared/control/phases';
import { shortText } from '../kit/ids';

const KNOWN = new Set([
  'freeze',
  'unfreeze',
  'setPhase',
  'revealPrivateNotes',
  'lockBoard',
  'unlockBoard',
  'lockCluster',
  'unlockCluster',
  'startTimer',
  'pauseTimer',
  'resumeTimer',
  'extendTimer',
  'stopTimer',
  'configureVoting',
  'revealVotes',
  'resetVotes',
  'spotlight',
  'followOn',
  'followOff',
  'deleteNote',
  'mergeClusters',
  'deleteCluster',
  'restoreSnapshot',
  'removePerson',
]);

function phaseName(t: TFunction, value: unknown): string {
  return t(`phase.name.${isPhase(value) ? value : 'none'}`);
}

function targetName(t: TFunction, board: Board, kind: unknown, id: unknown): string {
  if (kind === 'note') {
    const note = board.notes.find((n) => n.id === id);
    return note ? `“${shortText(note.text) || t('note.empty')}”` : t('log.goneNote');
  }
  const cluster = board.clusters.find((c) => c.id === id);
  return cluster ? `“${cluster.title.trim() || t('cluster.untitled')}”` : t('log.goneCluster');
}

/** What the entry says happened (without who and when). */
export function logText(entry: LogEntry, t: TFunction, board: Board): string {
  const d = entry.detail ?? {};
  if (!KNOWN.has(entry.action)) return t('log.action.unknown', { action: entry.action });
  const minutes = typeof d.ms === 'number' ? Math.round((d.ms / 60_000) * 10) / 10 : 0;
  return t(`log.action.${entry.action}`, {
    from:
      entry.action === 'mergeClusters' && typeof d.from === 'string'
        ? d.from
        : phaseName(t, d.from),
    to: phaseName(t, d.to),
    count: typeof d.notes === 'number' ? d.notes : typeof d.votes === 'number' ? d.votes : minutes,
    name: typeof d.name === 'string' ? d.name : '',
    cluster: targetName(t, board, 'cluster', d.clusterId),
    target: targetName(t, board, d.kind, d.id),
    budget: d.budget,
    version: d.version ?? '',
    // Board edits carry the words as they were: the note or cluster is gone by now.
    text: typeof d.text === 'string' ? d.text : '',
    title: typeof d.title === 'string' ? d.title : '',
    into: typeof d.into === 'string' ? d.into : '',
    takenAt: typeof d.takenAt === 'string' ? new Date(d.takenAt).toLocaleTimeString() : '',
  });
}
