/**
 * Everything one board page needs for facilitation, without React: the full control state and
 * the facilitator log (read from the read-only control document), what this person may do now,
 * the server clock, the private notes, the votes, and the device's own attention settings
 * (following the facilitator, presentation mode). Facilitator commands go through `command`.
 */
import {
  controlLog,
  readControl,
  readLog,
  type ControlState,
  type LogEntry,
  type Viewport,
} from '@shared/control/controlDoc';
import type { ControlCommand } from '@shared/control/commands';
import { phaseRules, type Phase } from '@shared/control/phases';
import type { Role } from '@shared/roles';
import type { OpenBoard } from '../../sync/openBoard';
import { createStore, type ReadableStore, type WritableStore } from '../../sync/store';
import type { PersonalLink } from '../../session/personalLink';
import { sendCommand, type CommandResult } from './api';
import { createServerClock, type ServerClock } from './clock';
import { openPrivateNotes, type PrivateNotes } from './privateNotes';
import { createVotes, type Votes } from './votes';

/** What this person may do right now (facilitators may always edit the board). */
export interface MyRules {
  phase: Phase | null;
  editBoard: boolean;
  writePrivately: boolean;
  vote: boolean;
}

export type Panel = 'facilitator' | 'people' | 'log' | 'link' | 'findings' | 'history' | null;

/**
 * How long the private-notes socket stays open after the phase leaves "write privately": long
 * enough to receive the server emptying the document after the reveal.
 */
const PRIVATE_CLOSE_GRACE_MS = 3_000;

export interface Facilitation {
  readonly boardId: string;
  readonly role: Role;
  /** The token this page uses (the personal link's, once joined). */
  readonly token: string;
  readonly isFacilitator: boolean;
  /** Archived boards refuse every change: no controls that change anything are shown. */
  readonly archived: boolean;
  /** The personal link this device joined with (null: role link only). */
  readonly personal: PersonalLink | null;
  readonly control: ReadableStore<ControlState>;
  readonly log: ReadableStore<LogEntry[]>;
  readonly rules: ReadableStore<MyRules>;
  readonly lockedClusters: ReadableStore<ReadonlySet<string>>;
  readonly clock: ServerClock;
  /** This participant's private notes (null for facilitators, viewers and role links). */
  readonly privateNotes: PrivateNotes | null;
  /** null when this device cannot vote (no personal link). */
  readonly votes: Votes | null;
  /** The person stepped away from following the facilitator's view. */
  readonly detached: WritableStore<boolean>;
  readonly presenting: WritableStore<boolean>;
  /** The side panel that is open. */
  readonly panel: WritableStore<Panel>;
  /** Bumped to bring the spotlight into view again ("Show"). */
  readonly spotlightSeq: WritableStore<number>;
  /**
   * The facilitator's view to share with "Follow me", registered by the canvas: the board point
   * at the centre and the zoom normalised to a 1000-px-wide view (null in the outline).
   */
  readonly leaderView: WritableStore<(() => Viewport) | null>;
  /** Whether this person may edit `clusterId` (a locked cluster refuses participants). */
  clusterEditable(clusterId: string | null): boolean;
  command(command: ControlCommand): Promise<CommandResult>;
  destroy(): void;
}

function rulesFor(control: ControlState, facilitator: boolean): MyRules {
  const rules = phaseRules(control.phase);
  return {
    phase: control.phase,
    editBoard: facilitator || (rules.editBoard && !control.boardLocked),
    writePrivately: !facilitator && rules.writePrivately,
    vote: rules.vote,
  };
}

function sameRules(a: MyRules, b: MyRules): boolean {
  return (
    a.phase === b.phase &&
    a.editBoard === b.editBoard &&
    a.writePrivately === b.writePrivately &&
    a.vote === b.vote
  );
}

/** Whether the page asked for presentation mode (`?present=1`). */
export function presentRequested(search: string): boolean {
  const v = new URLSearchParams(search).get('present');
  return v === '1' || v === 'true';
}

/** Opens facilitation for an open board. */
export function openFacilitation(
  open: OpenBoard,
  opts: { token: string; personal: PersonalLink | null; origin: string },
): Facilitation {
  const boardId = open.session.id;
  const role = open.session.role;
  const isFacilitator = role === 'facilitator';
  const archived = open.session.archived === true;
  const doc = open.connection.controlDoc;
  const control = createStore<ControlState>(readControl(doc));
  const log = createStore<LogEntry[]>(readLog(doc));
  const rules = createStore<MyRules>(rulesFor(control.get(), isFacilitator));
  const locked = createStore<ReadonlySet<string>>(new Set(control.get().lockedClusters));
  let controlJson = JSON.stringify(control.get());
  const onUpdate = (): void => {
    const next = readControl(doc);
    const json = JSON.stringify(next);
    if (json !== controlJson) {
      controlJson = json;
      control.set(next);
      const r = rulesFor(next, isFacilitator);
      if (!sameRules(r, rules.get())) rules.set(r);
      const prev = locked.get();
      if (
        prev.size !== next.lockedClusters.length ||
        next.lockedClusters.some((id) => !prev.has(id))
      )
        locked.set(new Set(next.lockedClusters));
    }
    if (controlLog(doc).length !== log.get().length) log.set(readLog(doc));
  };
  doc.on('update', onUpdate);

  const personal = opts.personal && opts.personal.role === role ? opts.personal : null;
  const privateNotes =
    personal && role === 'participant'
      ? openPrivateNotes({
          boardId,
          personId: personal.personId,
          token: personal.token,
          origin: opts.origin,
          txOrigin: Object.freeze({ name: 'talkoot-private-notes' }),
        })
      : null;
  // The private-notes socket is open only while private writing is: outside it the server
  // refuses every write, and an idle socket would be reconnected and refused again and again.
  let privateOpen = false;
  let privateTimer: ReturnType<typeof setTimeout> | null = null;
  const gatePrivate = (): void => {
    if (!privateNotes) return;
    const c = control.get();
    const open = phaseRules(c.phase).writePrivately && !c.frozen && !archived;
    if (privateTimer !== null) clearTimeout(privateTimer);
    privateTimer = null;
    if (open && !privateOpen) privateNotes.setConnected(true);
    else if (!open && privateOpen) {
      privateTimer = setTimeout(() => {
        privateTimer = null;
        privateNotes.setConnected(false);
      }, PRIVATE_CLOSE_GRACE_MS);
    }
    privateOpen = open;
  };
  gatePrivate();
  const unGate = control.subscribe(gatePrivate);
  const votes = personal ? createVotes(boardId, () => personal.token) : null;
  const clock = createServerClock();
  const detached = createStore(false);
  // A new "follow me" pulls everyone back, even those who stepped away from the last one.
  let following = control.get().follow.active;
  const unFollow = control.subscribe(() => {
    const now = control.get().follow.active;
    if (now && !following) detached.set(false);
    following = now;
  });

  return {
    boardId,
    role,
    token: opts.token,
    isFacilitator,
    archived,
    personal,
    control,
    log,
    rules,
    lockedClusters: locked,
    clock,
    privateNotes,
    votes,
    detached,
    presenting: createStore(presentRequested(window.location.search)),
    panel: createStore<Panel>(isFacilitator && !archived ? 'facilitator' : null),
    spotlightSeq: createStore(0),
    leaderView: createStore<(() => Viewport) | null>(null),
    clusterEditable: (clusterId) =>
      isFacilitator || clusterId === null || !locked.get().has(clusterId),
    command: (command) => sendCommand(boardId, opts.token, command),
    destroy() {
      unFollow();
      unGate();
      if (privateTimer !== null) clearTimeout(privateTimer);
      doc.off('update', onUpdate);
      clock.destroy();
      privateNotes?.destroy();
    },
  };
}
