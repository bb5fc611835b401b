import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createBoardCommands, type BoardCommands } from '../../../shared/board/commands';
import { boardRoots } from '../../../shared/board/roots';
import { connectProvider } from '../clients';
import { notesDigest } from '../tags';
import { LATENCY_BUCKETS, type Behaviour, type ClientSpec, type Digest } from './protocol';

/** Counters one worker shares between its editors. */
export interface EditorTally {
  latency: number[];
  awarenessSent: number;
  awarenessReceived: number;
  disconnects: Record<string, number>;
  localWrites: Record<string, number>;
}

export function newTally(): EditorTally {
  return {
    latency: new Array<number>(LATENCY_BUCKETS).fill(0),
    awarenessSent: 0,
    awarenessReceived: 0,
    disconnects: {},
    localWrites: {},
  };
}

const between = (random: () => number, [min, max]: [number, number]) =>
  min + random() * (max - min);

/**
 * One simulated person: a real y-websocket provider and the board's command module, doing what
 * its behaviour says until stopped. Every write goes through `createBoardCommands`, as in the app.
 */
export class Editor {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  made = 0;
  private readonly origin: object;
  private readonly commands: BoardCommands;
  private readonly ownNotes: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  closing = false;

  constructor(
    readonly spec: ClientSpec,
    syncUrl: string,
    private readonly behaviour: Behaviour,
    private readonly random: () => number,
    private readonly tally: EditorTally,
  ) {
    this.origin = { editor: spec.name };
    this.commands = createBoardCommands(this.doc, this.origin);
    this.provider = connectProvider(syncUrl, spec.boardId, spec.token, this.doc).provider;
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== this.origin) return;
      tally.localWrites[spec.boardId] = (tally.localWrites[spec.boardId] ?? 0) + 1;
    });
    this.provider.on('connection-close', (event) => {
      if (this.closing) return;
      const code = String(event?.code ?? 'local');
      tally.disconnects[code] = (tally.disconnects[code] ?? 0) + 1;
    });
    if (behaviour.kind === 'soak') this.observeLatency();
    if (behaviour.kind === 'drag') this.observeDrags();
  }

  go(): void {
    this.running = true;
    const b = this.behaviour;
    if (b.kind === 'soak') this.ownNotes.push(this.addNote(this.stamp()));
    if (b.kind === 'drag') {
      for (let i = 0; i < b.notesPerEditor; i++) this.ownNotes.push(this.addNote(''));
    }
    // Spread the first edits so a hundred people do not all write in the same millisecond.
    this.schedule(this.random() * this.intervalMs());
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.provider.awareness.setLocalStateField('drag', null);
  }

  destroy(): void {
    this.closing = true;
    this.stop();
    this.provider.destroy();
  }

  /** A hash of every note's fields, equal on every client that holds the same board. */
  digest(): Digest {
    return {
      name: this.spec.name,
      boardId: this.spec.boardId,
      digest: notesDigest(this.doc),
      notes: boardRoots(this.doc).notes.size,
      synced: this.provider.synced,
    };
  }

  private intervalMs(): number {
    const b = this.behaviour;
    return b.kind === 'drag' ? between(this.random, b.pauseMs) : b.intervalMs;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.running) return;
      if (this.behaviour.kind === 'drag') {
        this.drag();
        return;
      }
      this.step();
      // ±20 % jitter around the nominal interval.
      this.schedule(this.intervalMs() * (0.8 + 0.4 * this.random()));
    }, ms);
  }

  private step(): void {
    if (this.behaviour.kind === 'tagger') {
      this.addNote(`${this.spec.name}:${this.made}`);
      this.made += 1;
      return;
    }
    this.made += 1;
    const id = this.ownNotes[0]!;
    // Mostly text, sometimes a move: both kinds of write a person makes.
    if (this.made % 5 === 0) {
      this.commands.moveNotes([{ id, x: this.random() * 4000, y: this.random() * 3000 }]);
    }
    this.commands.updateNoteText(id, this.stamp());
  }

  private stamp(): string {
    return `${this.spec.name}|${this.made}|${Date.now()}`;
  }

  private addNote(text: string): string {
    return this.commands.addNote({
      text,
      x: Math.round(this.random() * 4000),
      y: Math.round(this.random() * 3000),
      authorId: this.spec.name,
      authorName: this.spec.name,
      lang: 'en',
    });
  }

  /** One drag: live positions through awareness, then a single document write on drop. */
  private drag(): void {
    const b = this.behaviour;
    if (b.kind !== 'drag' || this.ownNotes.length === 0) return;
    const id = this.ownNotes[Math.floor(this.random() * this.ownNotes.length)]!;
    const steps = Math.max(1, Math.round((between(this.random, b.dragMs) / 1000) * b.awarenessHz));
    let x = Math.round(this.random() * 4000);
    let y = Math.round(this.random() * 3000);
    let step = 0;
    const move = () => {
      this.timer = null;
      if (!this.running) return;
      x += Math.round((this.random() - 0.5) * 40);
      y += Math.round((this.random() - 0.5) * 40);
      if (step < steps) {
        step += 1;
        this.provider.awareness.setLocalStateField('drag', { id, x, y });
        this.tally.awarenessSent += 1;
        this.timer = setTimeout(move, 1000 / b.awarenessHz);
        return;
      }
      this.commands.moveNotes([{ id, x, y }]);
      this.made += 1;
      this.provider.awareness.setLocalStateField('drag', null);
      this.tally.awarenessSent += 1;
      this.schedule(this.intervalMs());
    };
    move();
  }

  private observeLatency(): void {
    const notes = boardRoots(this.doc).notes;
    notes.observeDeep((events, transaction) => {
      if (transaction.local) return;
      const now = Date.now();
      for (const event of events) {
        if (event.target === notes || !(event instanceof Y.YMapEvent)) continue;
        if (!event.keysChanged.has('text')) continue;
        const text = (event.target as Y.Map<unknown>).get('text');
        const sentAt = typeof text === 'string' ? Number(text.split('|')[2]) : NaN;
        if (!Number.isFinite(sentAt)) continue;
        const ms = Math.max(0, Math.min(LATENCY_BUCKETS - 1, Math.round(now - sentAt)));
        this.tally.latency[ms] = (this.tally.latency[ms] ?? 0) + 1;
      }
    });
  }

  private observeDrags(): void {
    this.provider.awareness.on(
      'change',
      ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
        if (origin === 'local') return;
        this.tally.awarenessReceived += added.length + updated.length;
      },
    );
  }
}
