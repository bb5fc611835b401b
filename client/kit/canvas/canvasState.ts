/** The canvas's own client state: camera, stage size and the gesture in progress. No React. */
import type { Point, Rect } from '@shared/board/geometry';
import { createStore, type WritableStore } from '../../sync/store';
import { INITIAL_VIEWPORT, type Size, type Viewport } from './viewport';
import type { Cluster } from '@shared/board/cluster';
import type { Note } from '@shared/board/note';
import type { PeerDrag, PeerUser } from '../../sync/presence';

export type Gesture =
  | { kind: 'notes'; ids: readonly string[]; dx: number; dy: number }
  | { kind: 'cluster'; id: string; noteIds: readonly string[]; dx: number; dy: number }
  | { kind: 'resize'; id: string; width: number; height: number }
  | { kind: 'marquee'; rect: Rect };

export interface CanvasState {
  viewport: WritableStore<Viewport>;
  size: WritableStore<Size>;
  gesture: WritableStore<Gesture | null>;
  /** Ids drawn by the interactive layer while dragged, hidden from the static layer. */
  lifted: WritableStore<ReadonlySet<string>>;
  pointer: WritableStore<Point | null>;
  /** What others are dragging right now (see peerDrags.ts), drawn by the interactive layer. */
  peerGhosts: WritableStore<readonly PeerGhost[]>;
  /** Ids others are dragging, hidden from the static layer like `lifted`. */
  peerLifted: WritableStore<ReadonlySet<string>>;
}

/** Something another person is dragging right now (built by canvas/peerDrags.ts). */
export interface PeerGhost {
  clientId: number;
  user: PeerUser;
  drag: PeerDrag;
  /** The dragged or resized cluster as the document has it. */
  cluster: Cluster | null;
  /** The notes that move (a dragged cluster's own notes) as the document has them. */
  notes: readonly Note[];
}

const NONE: ReadonlySet<string> = new Set();

/** Fresh canvas state with the default camera. */
export function createCanvasState(): CanvasState {
  return {
    viewport: createStore<Viewport>(INITIAL_VIEWPORT),
    size: createStore<Size>({ width: 800, height: 600 }),
    gesture: createStore<Gesture | null>(null),
    lifted: createStore<ReadonlySet<string>>(NONE),
    pointer: createStore<Point | null>(null),
    peerGhosts: createStore<readonly PeerGhost[]>([]),
    peerLifted: createStore<ReadonlySet<string>>(NONE),
  };
}

/** The empty lifted set (shared so "nothing lifted" compares equal by identity). */
export const NOTHING_LIFTED = NONE;
