import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from './commands';
import { readBoard } from './read';
import { copyDoc, restoreBoardContent } from './restore';
import { boardRoots } from './roots';

const USER = { user: 'a' };
const RESTORE = { restore: true };
const note = { x: 0, y: 0, authorId: 'u1', authorName: 'Aino', lang: 'fi' } as const;

function contentOf(doc: Y.Doc) {
  const { meta, notes, clusters } = boardRoots(doc);
  return { meta: meta.toJSON(), notes: notes.toJSON(), clusters: clusters.toJSON() };
}

function seeded() {
  const doc = new Y.Doc();
  const cmd = createBoardCommands(doc, USER);
  boardRoots(doc).meta.set('schemaVersion', 1);
  const cluster = cmd.addCluster({ title: 'Luottamus', x: 0, y: 0 });
  const kept = cmd.addNote({ ...note, text: 'Avoimuus', clusterId: cluster });
  const edited = cmd.addNote({ ...note, text: 'Alkuperäinen', x: 800 });
  const removed = cmd.addNote({ ...note, text: 'Poistuu', x: 1200 });
  return { doc, cmd, cluster, kept, edited, removed };
}

describe('restoreBoardContent', () => {
  it('brings notes, clusters and meta back to the snapshot, including deleted records', () => {
    const { doc, cmd, cluster, edited, removed } = seeded();
    const snapshot = copyDoc(doc);
    cmd.updateNoteText(edited, 'Muutettu');
    cmd.recolorNote(edited, 'pink');
    cmd.deleteNotes([removed]);
    cmd.deleteCluster(cluster);
    cmd.addNote({ ...note, text: 'Uusi', x: 3000 });
    cmd.addCluster({ title: 'Later', x: 5000, y: 0 });
    boardRoots(doc)
      .notes.get(edited)!
      .set('unknownField', { nested: [1, 2] });
    boardRoots(doc).meta.set('extra', 'x');

    expect(restoreBoardContent(doc, snapshot, RESTORE)).toBe(true);
    expect(contentOf(doc)).toEqual(contentOf(snapshot));
    expect(readBoard(doc)).toEqual(readBoard(snapshot));
  });

  it('writes nothing when the board already equals the snapshot', () => {
    const { doc } = seeded();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(restoreBoardContent(doc, copyDoc(doc), RESTORE)).toBe(false);
    expect(updates).toEqual([]);
  });

  it('is one transaction with the given origin that a peer merges into the same content', () => {
    const { doc, cmd, edited } = seeded();
    const peer = copyDoc(doc);
    const snapshot = copyDoc(doc);
    const forward = (u: Uint8Array) => Y.applyUpdate(peer, u);
    cmd.updateNoteText(edited, 'Muutettu');
    forward(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)));

    const origins: unknown[] = [];
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      origins.push(origin);
      forward(u);
    });
    // The peer edits another note concurrently; both changes survive the merge.
    const peerCmd = createBoardCommands(peer, { user: 'b' });
    const peerNote = peerCmd.addNote({ ...note, text: 'Samaan aikaan', x: 9000 });
    restoreBoardContent(doc, snapshot, RESTORE);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)));

    expect(origins[0]).toBe(RESTORE);
    expect(contentOf(doc)).toEqual(contentOf(peer));
    expect(readBoard(doc).notes.find((n) => n.id === edited)?.text).toBe('Alkuperäinen');
    expect(readBoard(doc).notes.some((n) => n.id === peerNote)).toBe(true);
  });

  it('restoring the state saved just before a restore undoes it', () => {
    const { doc, cmd, edited } = seeded();
    const older = copyDoc(doc);
    cmd.updateNoteText(edited, 'Uudempi');
    const beforeRestore = copyDoc(doc);
    restoreBoardContent(doc, older, RESTORE);
    restoreBoardContent(doc, beforeRestore, RESTORE);
    expect(contentOf(doc)).toEqual(contentOf(beforeRestore));
  });

  it('copies nested shared types of unknown fields instead of moving them', () => {
    const { doc } = seeded();
    const snapshot = copyDoc(doc);
    const text = new Y.Text('rich');
    boardRoots(snapshot).meta.set('shared', text);
    restoreBoardContent(doc, snapshot, RESTORE);
    expect(boardRoots(doc).meta.get('shared')).toBeInstanceOf(Y.Text);
    expect(String(boardRoots(doc).meta.get('shared'))).toBe('rich');
    expect(String(boardRoots(snapshot).meta.get('shared'))).toBe('rich');
  });
});
