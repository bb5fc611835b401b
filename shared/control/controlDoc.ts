import type * as Y from 'yjs';
import { isPhase, type Phase } from './phases';
import { parseTimer, STOPPED_TIMER, type TimerState } from './timer';
import { DEFAULT_VOTING, MAX_BUDGET, MIN_BUDGET, type Tallies, type VotingConfig } from './voting';

/**
 * The control document of a board holds what participants may not write: freeze, phase, locks,
 * timer, voting set-up and revealed tallies, attention (spotlight, follow) and the facilitator
 * log. Only the server writes it (through server-side commands); every role syncs it read-only
 * as room `<boardId>/control`. Values are plain JSON set whole by the server.
 */
export const CONTROL_ROOM_SUFFIX = '/control';

const CONTROL_MAP = 'control';
const LOG_ARRAY = 'log';

export const ControlKey = {
  Frozen: 'frozen',
  FrozenAt: 'frozenAt',
  Phase: 'phase',
  BoardLocked: 'boardLocked',
  LockedClusters: 'lockedClusters',
  Timer: 'timer',
  Voting: 'voting',
  Revealed: 'revealed',
  Tallies: 'tallies',
  Spotlight: 'spotlight',
  Follow: 'follow',
  Published: 'published',
} as const;

/** The latest published outcome of the board (set when a freeze publishes). */
export interface PublishedRef {
  version: number;
  url: string;
}

export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export interface Spotlight {
  kind: 'note' | 'cluster';
  id: string;
}

export interface FollowState {
  active: boolean;
  viewport: Viewport | null;
}

export interface ControlState {
  frozen: boolean;
  frozenAt: string | null;
  /** null until a facilitator picks one; the board then behaves as in "cluster". */
  phase: Phase | null;
  boardLocked: boolean;
  lockedClusters: string[];
  timer: TimerState;
  voting: VotingConfig;
  revealed: boolean;
  /** Present only while tallies may be seen: voting is not hidden, or they were revealed. */
  tallies: Tallies | null;
  spotlight: Spotlight | null;
  follow: FollowState;
  published: PublishedRef | null;
}

/** One line of the facilitator log. */
export interface LogEntry {
  /** Server time, epoch ms. */
  at: number;
  /** Display name of who did it. */
  actor: string;
  action: string;
  detail: Record<string, string | number | boolean | null>;
}

/** The control map of a control document. */
export function controlMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(CONTROL_MAP);
}

/** The facilitator log of a control document, oldest first. */
export function controlLog(doc: Y.Doc): Y.Array<LogEntry> {
  return doc.getArray<LogEntry>(LOG_ARRAY);
}

/** Reads the log, skipping malformed entries. */
export function readLog(doc: Y.Doc): LogEntry[] {
  return controlLog(doc)
    .toArray()
    .filter(
      (e): e is LogEntry =>
        typeof e === 'object' &&
        e !== null &&
        typeof e.at === 'number' &&
        typeof e.actor === 'string' &&
        typeof e.action === 'string',
    );
}

/** Reads the control state, with defaults for anything unset or malformed. */
export function readControl(doc: Y.Doc): ControlState {
  const map = controlMap(doc);
  const frozenAt = map.get(ControlKey.FrozenAt);
  const phase = map.get(ControlKey.Phase);
  const locked = map.get(ControlKey.LockedClusters);
  return {
    frozen: map.get(ControlKey.Frozen) === true,
    frozenAt: typeof frozenAt === 'string' ? frozenAt : null,
    phase: isPhase(phase) ? phase : null,
    boardLocked: map.get(ControlKey.BoardLocked) === true,
    lockedClusters: Array.isArray(locked) ? locked.filter((x) => typeof x === 'string') : [],
    timer: map.has(ControlKey.Timer) ? parseTimer(map.get(ControlKey.Timer)) : STOPPED_TIMER,
    voting: parseVoting(map.get(ControlKey.Voting)),
    revealed: map.get(ControlKey.Revealed) === true,
    tallies: parseTallies(map.get(ControlKey.Tallies)),
    spotlight: parseSpotlight(map.get(ControlKey.Spotlight)),
    follow: parseFollow(map.get(ControlKey.Follow)),
    published: parsePublished(map.get(ControlKey.Published)),
  };
}

/** The room name of a board's control document. */
export function controlRoomName(boardId: string): string {
  return boardId + CONTROL_ROOM_SUFFIX;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function parseVoting(value: unknown): VotingConfig {
  const v = record(value);
  if (!v) return DEFAULT_VOTING;
  const budget = typeof v.budget === 'number' ? Math.round(v.budget) : DEFAULT_VOTING.budget;
  return {
    budget: Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, budget)),
    allowMultiple:
      typeof v.allowMultiple === 'boolean' ? v.allowMultiple : DEFAULT_VOTING.allowMultiple,
    hidden: typeof v.hidden === 'boolean' ? v.hidden : DEFAULT_VOTING.hidden,
    allowRemote: typeof v.allowRemote === 'boolean' ? v.allowRemote : DEFAULT_VOTING.allowRemote,
  };
}

function counts(value: unknown): Record<string, number> {
  const v = record(value);
  const out: Record<string, number> = {};
  if (!v) return out;
  for (const [k, n] of Object.entries(v)) {
    if (typeof n === 'number' && Number.isFinite(n) && n > 0) out[k] = n;
  }
  return out;
}

function parseTallies(value: unknown): Tallies | null {
  const v = record(value);
  return v ? { room: counts(v.room), remote: counts(v.remote) } : null;
}

function parseSpotlight(value: unknown): Spotlight | null {
  const v = record(value);
  if (!v || (v.kind !== 'note' && v.kind !== 'cluster') || typeof v.id !== 'string') return null;
  return { kind: v.kind, id: v.id };
}

function parseViewport(value: unknown): Viewport | null {
  const v = record(value);
  if (!v) return null;
  const { x, y, scale } = v;
  if (typeof x !== 'number' || typeof y !== 'number' || typeof scale !== 'number') return null;
  if (![x, y, scale].every(Number.isFinite) || scale <= 0) return null;
  return { x, y, scale };
}

function parsePublished(value: unknown): PublishedRef | null {
  const v = record(value);
  if (!v || typeof v.version !== 'number' || !Number.isInteger(v.version)) return null;
  return typeof v.url === 'string' ? { version: v.version, url: v.url } : null;
}

function parseFollow(value: unknown): FollowState {
  const v = record(value);
  return { active: v?.active === true, viewport: parseViewport(v?.viewport) };
}
