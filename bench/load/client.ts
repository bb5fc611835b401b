import * as Y from 'yjs';
import { createBoardCommands, type BoardCommands } from '@shared/board/commands';
import {
  Msg,
  Step,
  authMessage,
  awarenessMessage,
  marker,
  nowUs,
  readVarUint,
  scanMarkers,
  syncMessage,
  type Endpoint,
} from './framing';
import { rawTransport, wsTransport, type Transport } from './transport';

export interface ClientSpec extends Endpoint {
  /** Unique across the run: the sender id in markers. */
  id: number;
  role: 'editor' | 'viewer';
}

/** What a client reports to its worker. */
export interface ClientSink {
  marker(self: BenchClient, sender: number, tUs: number, atUs: number): void;
  synced(self: BenchClient): void;
  closed(self: BenchClient, code: number, wasSynced: boolean): void;
}

// Markers are the texts of a ring of notes: board content, which Talkoot takes (it refuses
// writes outside the board schema) as the peer relays do, so every server gets the same bytes.
// An edit adds the next note of the ring (about 230 bytes) until it is full, then sets the text
// of the oldest one (about 50 bytes, what a map entry of earlier versions weighed). The ring keeps
// the document small, yet no marker is overwritten before every relay (even one that merges a
// tick's updates: at most a burst of five per client) has passed it on.
const NOTE_RING = 8;
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
const ORIGIN = { bench: 'edit' };

/**
 * One protocol client on a raw socket. Editors own a Y.Doc and send real updates; nobody applies
 * what they receive: sync step 2 is timed and counted, updates and awareness are scanned for
 * markers. Step 1 from the server is answered as a provider would.
 */
export class BenchClient {
  private readonly transport: Transport;
  readonly startedAt = nowUs();
  syncedAt = 0;
  bytesIn = 0;
  bytesOut = 0;
  private readonly doc: Y.Doc | null;
  private readonly commands: BoardCommands | null;
  /** Ids of this client's notes, in the order they were added. */
  private readonly ring: string[] = [];
  private lastUpdate: Uint8Array = EMPTY_UPDATE;
  private seq = 0;
  private clock = 0;
  closed = false;

  constructor(
    readonly spec: ClientSpec,
    private readonly sink: ClientSink,
  ) {
    if (spec.role === 'editor') {
      this.doc = new Y.Doc();
      this.commands = createBoardCommands(this.doc, ORIGIN);
      this.doc.on('update', (u: Uint8Array) => {
        this.lastUpdate = u;
      });
    } else {
      this.doc = null;
      this.commands = null;
    }
    // Viewers are the thousands: they get the lightest client (see transport.ts).
    this.transport = (spec.role === 'viewer' ? rawTransport : wsTransport)(spec.url, {
      open: () => this.onOpen(),
      message: (data) => this.onMessage(data),
      close: (code) => {
        this.closed = true;
        this.sink.closed(this, code, this.syncedAt > 0);
      },
    });
  }

  get synced(): boolean {
    return this.syncedAt > 0;
  }

  /**
   * Sends one edit (a new note, or a note's new text) carrying a marker stamped now; returns the
   * stamp, or -1. Each command is one transaction, so `lastUpdate` is exactly this edit.
   */
  edit(): number {
    const commands = this.commands;
    if (!commands || !this.transport.open) return -1;
    const t = nowUs();
    const text = marker(this.spec.id, t);
    const slot = this.seq++ % NOTE_RING;
    if (slot < this.ring.length) {
      commands.updateNoteText(this.ring[slot]!, text);
    } else {
      const note = commands.addNote({
        text,
        x: (this.spec.id % 100) * 180,
        y: slot * 140,
        authorId: null,
        authorName: null,
        lang: 'en',
      });
      this.ring.push(note);
    }
    this.send(syncMessage(this.spec, Step.Update, this.lastUpdate));
    return t;
  }

  /** Moves this client's cursor: an awareness state carrying a marker; returns the stamp, or -1. */
  moveCursor(): number {
    if (!this.doc || !this.transport.open) return -1;
    const t = nowUs();
    this.clock++;
    const x = (this.clock * 37) % 2000;
    const y = (this.clock * 53) % 1200;
    const json = `{"user":{"name":"Bench ${this.spec.id}","color":"#3366cc"},"cursor":{"x":${x},"y":${y}},"m":"${marker(this.spec.id, t)}"}`;
    this.send(awarenessMessage(this.spec, this.doc.clientID, this.clock, json));
    return t;
  }

  /** Sends raw Yjs updates (seeding a board), in order. */
  sendUpdates(updates: readonly Uint8Array[]): void {
    for (const u of updates) this.send(syncMessage(this.spec, Step.Update, u));
  }

  /** Asks for everything we lack; the reply (step 2) comes after all our earlier messages. */
  requestSync(): Promise<void> {
    return new Promise((resolve) => {
      this.onStep2 = resolve;
      const sv = this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0]);
      this.send(syncMessage(this.spec, Step.One, sv));
    });
  }

  close(): void {
    if (!this.closed) this.transport.close();
  }

  terminate(): void {
    this.transport.terminate();
  }

  private onStep2: (() => void) | null = null;

  private send(bytes: Uint8Array): void {
    this.bytesOut += bytes.byteLength;
    this.transport.send(bytes);
  }

  private onOpen(): void {
    if (this.spec.framing === 'hocus') this.send(authMessage(this.spec));
    const sv = this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0]);
    this.send(syncMessage(this.spec, Step.One, sv));
  }

  private onMessage(data: Buffer): void {
    const at = nowUs();
    this.bytesIn += data.byteLength;
    let pos = 0;
    if (this.spec.framing === 'hocus') {
      const [nameLength, next] = readVarUint(data, 0);
      pos = next + nameLength;
    }
    const [type, afterType] = readVarUint(data, pos);
    if (type === Msg.Sync || type === Msg.SyncReply) {
      const [step, afterStep] = readVarUint(data, afterType);
      if (step === Step.Update) {
        scanMarkers(data, afterStep, (sender, t) => this.sink.marker(this, sender, t, at));
      } else if (step === Step.Two) {
        if (!this.synced) {
          this.syncedAt = at;
          this.sink.synced(this);
        }
        const waiting = this.onStep2;
        this.onStep2 = null;
        waiting?.();
      } else if (step === Step.One) {
        this.answerStep1(data, afterStep);
      }
    } else if (type === Msg.Awareness) {
      scanMarkers(data, afterType, (sender, t) => this.sink.marker(this, sender, t, at));
    }
  }

  private answerStep1(data: Buffer, pos: number): void {
    let update = EMPTY_UPDATE;
    if (this.doc) {
      const [length, start] = readVarUint(data, pos);
      update = Y.encodeStateAsUpdate(this.doc, data.subarray(start, start + length));
    }
    this.send(syncMessage(this.spec, Step.Two, update));
  }
}
