import { ControlKey, type ControlState, type LogEntry } from '@shared/control/controlDoc';
import type { ControlCommand } from '@shared/control/commands';
import { STOPPED_TIMER, type TimerState } from '@shared/control/timer';
import type { Role } from '@shared/roles';
import type { VoteStore } from '../persistence/store';
import type { BoardRoom } from '../rooms/boardRoom';
import { logAction, markFrozen, setControl } from './controlWrites';
import { checkRevealFits, revealPrivateNotes } from './privateNotes';
import { publishTallies } from './votes';

/** Who runs a command, as the facilitator log shows it. */
export interface Actor {
  name: string;
  personId: string | null;
  role: Role | 'admin';
}

export interface CommandDeps {
  store: VoteStore;
  now: () => number;
  /** Called before the phase changes (automatic snapshots hook in here). */
  beforePhaseChange?: (room: BoardRoom) => Promise<void>;
  /** Freezes the board and publishes it (freezeBoard, server/outcomes/service.ts). */
  freezeBoard: (room: BoardRoom, actor: Actor) => Promise<void>;
  /** The board size limit revealing private notes must respect (limits.maxDocBytes). */
  maxDocBytes?: number;
}

function nextTimer(timer: TimerState, command: ControlCommand, now: number): TimerState {
  switch (command.type) {
    case 'startTimer':
      return {
        status: 'running',
        endsAt: now + command.durationMs,
        durationMs: command.durationMs,
      };
    case 'pauseTimer':
      return timer.status === 'running'
        ? {
            status: 'paused',
            remainingMs: Math.max(0, timer.endsAt - now),
            durationMs: timer.durationMs,
          }
        : timer;
    case 'resumeTimer':
      return timer.status === 'paused'
        ? { status: 'running', endsAt: now + timer.remainingMs, durationMs: timer.durationMs }
        : timer;
    case 'extendTimer':
      if (timer.status === 'running')
        return {
          ...timer,
          endsAt: timer.endsAt + command.ms,
          durationMs: timer.durationMs + command.ms,
        };
      if (timer.status === 'paused')
        return {
          ...timer,
          remainingMs: timer.remainingMs + command.ms,
          durationMs: timer.durationMs + command.ms,
        };
      return { status: 'running', endsAt: now + command.ms, durationMs: command.ms };
    case 'stopTimer':
      return STOPPED_TIMER;
    default:
      return timer;
  }
}

/**
 * Runs one facilitator command against a loaded board: the only way the control document
 * changes. Authorisation is the caller's job; this validates against the board's state.
 */
export async function runControlCommand(
  room: BoardRoom,
  command: ControlCommand,
  actor: Actor,
  deps: CommandDeps,
): Promise<ControlState> {
  const now = deps.now();
  const before = room.controlState();
  const log = (action: string, detail: LogEntry['detail'] = {}) =>
    logAction(room, actor.name, action, detail, now);
  switch (command.type) {
    case 'freeze':
      // A freeze always publishes; freezeBoard writes its own log line, with the version.
      await deps.freezeBoard(room, actor);
      break;
    case 'unfreeze':
      markFrozen(room, false);
      log(command.type);
      break;
    case 'setPhase': {
      if (before.phase === command.phase) break;
      // A reveal that cannot fit is refused before anything happens, the snapshot included.
      if (before.phase === 'write') await checkRevealFits(room, deps.maxDocBytes);
      await deps.beforePhaseChange?.(room);
      if (before.phase === 'write') {
        const revealed = await revealPrivateNotes(room, deps.maxDocBytes);
        if (revealed > 0) log('revealPrivateNotes', { notes: revealed });
      }
      setControl(room, [[ControlKey.Phase, command.phase]]);
      log('setPhase', { from: before.phase, to: command.phase });
      break;
    }
    case 'lockBoard':
      setControl(room, [[ControlKey.BoardLocked, command.locked]]);
      log(command.locked ? 'lockBoard' : 'unlockBoard');
      break;
    case 'lockCluster': {
      const set = new Set(before.lockedClusters);
      if (command.locked) set.add(command.clusterId);
      else set.delete(command.clusterId);
      setControl(room, [[ControlKey.LockedClusters, Array.from(set).sort()]]);
      log(command.locked ? 'lockCluster' : 'unlockCluster', { clusterId: command.clusterId });
      break;
    }
    case 'startTimer':
    case 'pauseTimer':
    case 'resumeTimer':
    case 'extendTimer':
    case 'stopTimer': {
      const timer = nextTimer(before.timer, command, now);
      setControl(room, [[ControlKey.Timer, timer]]);
      log(
        command.type,
        'durationMs' in command
          ? { ms: command.durationMs }
          : 'ms' in command
            ? { ms: command.ms }
            : {},
      );
      break;
    }
    case 'configureVoting': {
      const { budget, allowMultiple, hidden, allowRemote } = command;
      setControl(room, [[ControlKey.Voting, { budget, allowMultiple, hidden, allowRemote }]]);
      log('configureVoting', { budget, allowMultiple, hidden, allowRemote });
      await publishTallies(room, deps.store);
      break;
    }
    case 'revealVotes':
      setControl(room, [[ControlKey.Revealed, true]]);
      log('revealVotes');
      await publishTallies(room, deps.store);
      break;
    case 'resetVotes':
      await deps.store.resetVotes(room.id);
      setControl(room, [[ControlKey.Revealed, false]]);
      log('resetVotes');
      await publishTallies(room, deps.store);
      break;
    case 'spotlight':
      setControl(room, [[ControlKey.Spotlight, command.target ?? undefined]]);
      if (command.target) log('spotlight', { kind: command.target.kind, id: command.target.id });
      break;
    case 'follow':
      setControl(room, [
        [ControlKey.Follow, { active: command.active, viewport: command.viewport }],
      ]);
      if (command.active !== before.follow.active) log(command.active ? 'followOn' : 'followOff');
      break;
    case 'viewport':
      // Only meaningful while people follow; kept out of the log (it changes several times a second).
      if (before.follow.active) {
        setControl(room, [[ControlKey.Follow, { active: true, viewport: command.viewport }]]);
      }
      break;
  }
  return room.controlState();
}
