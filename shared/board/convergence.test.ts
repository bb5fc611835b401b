import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from './commands';
import type { BoardCommands } from './commands';
import { NOTE_COLOR_NAMES } from './note';
import { readBoard } from './read';

// mulberry32: tiny, seedable, good enough to pick edits.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Peer {
  doc: Y.Doc;
  commands: BoardCommands;
  inbox: Uint8Array[];
}

const REMOTE = 'remote';

function randomEdit(peer: Peer, rand: () => number): void {
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(rand() * items.length)];
  const coord = (): number => Math.round(rand() * 2000 - 500);
  const { notes, clusters } = readBoard(peer.doc);
  const noteId = pick(notes)?.id ?? 'missing';
  const clusterId = pick(clusters)?.id ?? 'missing';
  const c = peer.commands;
  switch (Math.floor(rand() * 13)) {
    case 0:
    case 1:
      c.addNote({ x: coord(), y: coord(), authorId: null, authorName: null, lang: 'fi' });
      break;
    case 2:
      c.updateNoteText(noteId, `text ${Math.floor(rand() * 1000)} äöå`);
      break;
    case 3:
      c.recolorNote(noteId, pick(NOTE_COLOR_NAMES) ?? 'yellow');
      break;
    case 4:
      c.moveNotes([{ id: noteId, x: coord(), y: coord() }]);
      break;
    case 5:
      c.setNoteCluster(noteId, rand() < 0.3 ? null : clusterId);
      break;
    case 6:
      c.deleteNotes([noteId]);
      break;
    case 7:
      c.addCluster({ title: 'c', x: coord(), y: coord() });
      break;
    case 8:
      c.renameCluster(clusterId, `title ${Math.floor(rand() * 100)}`);
      break;
    case 9:
      c.moveCluster(clusterId, coord() / 4, coord() / 4);
      break;
    case 10:
      c.resizeCluster(clusterId, 200 + rand() * 600, 200 + rand() * 600);
      break;
    case 11:
      c.mergeClusters(clusterId, pick(clusters)?.id ?? 'missing');
      break;
    default:
      c.deleteCluster(clusterId);
  }
}

function runSession(seed: number): Peer[] {
  const rand = prng(seed);
  const count = 3 + Math.floor(rand() * 3);
  const peers: Peer[] = [];
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    // Deterministic ids and clocks so a seed replays exactly.
    let n = 0;
    const commands = createBoardCommands(
      doc,
      { peer: i },
      {
        newId: () => `p${i}-${++n}`,
        now: () => n,
      },
    );
    peers.push({ doc, commands, inbox: [] });
  }
  for (const [i, peer] of peers.entries()) {
    peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      peers.forEach((other, j) => j !== i && other.inbox.push(update));
    });
  }
  // Delivers a random subset of a peer's pending updates in random order (Yjs buffers gaps).
  const deliver = (peer: Peer, all: boolean): void => {
    const keep: Uint8Array[] = [];
    const send: Uint8Array[] = [];
    for (const u of peer.inbox) (all || rand() < 0.5 ? send : keep).push(u);
    peer.inbox = keep;
    send.sort(() => rand() - 0.5);
    for (const u of send) Y.applyUpdate(peer.doc, u, REMOTE);
  };
  for (let step = 0; step < 300; step++) {
    const peer = peers[Math.floor(rand() * peers.length)];
    if (!peer) continue;
    if (rand() < 0.7) randomEdit(peer, rand);
    else deliver(peer, false);
  }
  for (const peer of peers) deliver(peer, true);
  return peers;
}

describe('convergence', () => {
  const base = Number(process.env.BOARD_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const seeds = Array.from({ length: 15 }, (_, i) => base + i);

  it.each(seeds)(
    'peers making random concurrent edits converge to the same board (seed %i)',
    (seed) => {
      console.log(`convergence seed ${seed} (replay with BOARD_SEED=${seed})`);
      const peers = runSession(seed);
      const [first, ...rest] = peers.map((p) => readBoard(p.doc));
      expect(first?.notes.length).toBeGreaterThan(0);
      for (const other of rest) expect(other).toEqual(first);
      const clusterIds = new Set(first?.clusters.map((c) => c.id));
      for (const note of first?.notes ?? []) {
        if (note.clusterId !== null) expect(clusterIds.has(note.clusterId)).toBe(true);
      }
    },
  );
});
