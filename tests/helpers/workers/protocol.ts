/**
 * Messages between a fault test and its client worker processes (tests/helpers/fleet.ts forks
 * clientWorker.ts). Simulated people live in workers so that the process under test (the server)
 * and the one driving it do not share an event loop with a hundred Yjs clients.
 */
import type { TagCheck } from '../tags';

export interface ClientSpec {
  /** Unique across the fleet; tags what this client writes. */
  name: string;
  boardId: string;
  token: string;
}

/** What the editors do once told to go. */
export type Behaviour =
  /** Add a note tagged `name:seq` every `intervalMs` (± jitter): crash and network tests. */
  | { kind: 'tagger'; intervalMs: number }
  /** One edit of the editor's own note every `intervalMs`, stamped for latency: the soak. */
  | { kind: 'soak'; intervalMs: number }
  /** Drag notes: positions as awareness at `awarenessHz`, one document write per drop. */
  | {
      kind: 'drag';
      notesPerEditor: number;
      awarenessHz: number;
      dragMs: [number, number];
      pauseMs: [number, number];
    };

export interface WorkerConfig {
  index: number;
  syncUrl: string;
  seed: number;
  /** Real y-websocket providers that write. */
  editors: ClientSpec[];
  /** Raw sockets with a viewer token that answer the protocol minimally and only read. */
  viewers: ClientSpec[];
  behaviour: Behaviour;
}

export type ToWorker =
  | { type: 'start'; config: WorkerConfig }
  | { type: 'go' }
  | { type: 'stop' }
  /** Wait until each editor holds every expected tag (board → editor name → count made). */
  | { type: 'verify'; expected: Record<string, Record<string, number>>; timeoutMs: number }
  | { type: 'digest' }
  | { type: 'close' };

/** Delivery latency in 1 ms buckets; the last bucket holds everything slower. */
export const LATENCY_BUCKETS = 10_001;

export interface WorkerReport {
  index: number;
  /** Per editor: tags added (tagger), edits (soak) or drops (drag). */
  made: Record<string, number>;
  /** Per board: document updates the editors of this worker produced locally. */
  localWrites: Record<string, number>;
  /** Provider connections that closed while the worker was not shutting down, by close code. */
  disconnects: Record<string, number>;
  latency: number[];
  awarenessSent: number;
  awarenessReceived: number;
  viewerMessages: number;
  viewerBytes: number;
  viewerCloses: Record<string, number>;
  errors: string[];
}

export interface VerifyResult extends TagCheck {
  name: string;
  boardId: string;
}

export interface Digest {
  name: string;
  boardId: string;
  digest: string;
  notes: number;
  synced: boolean;
}

export type FromWorker =
  | { type: 'ready'; ms: number }
  | { type: 'stopped'; report: WorkerReport }
  | { type: 'verified'; results: VerifyResult[]; ms: number }
  | { type: 'digests'; digests: Digest[] }
  | { type: 'closed' }
  | { type: 'fatal'; error: string };
