import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deepNestingUpdate, deleteRangeUpdate } from '../../tests/helpers/hostileUpdates';
import { readControl, type ControlState } from '../control/controlDoc';
import { createProposal } from '../proposal/create';
import { proposalFragment } from '../proposal/read';
import { PROPOSAL_MARK_ATTRS, PROPOSAL_NODE_ATTRS } from '../proposal/contentSchema';
import { proposalSchema } from '../proposal/schema';
import type { Role } from '../roles';
import { createBoardCommands } from './commands';
import { boardRoots } from './roots';
import { checkUpdate, type Verdict } from './updateCheck';

const SERVER = { server: true };
const USER = { user: true };

/** A server document and a device synced to it; the device's next change is what we judge. */
function setup() {
  const server = new Y.Doc();
  const device = new Y.Doc();
  const sync = () => Y.applyUpdate(device, Y.encodeStateAsUpdate(server));
  return { server, device, sync, commands: createBoardCommands(device, USER) };
}

/** What `change` does to `device`, as the update it would send. */
function updateOf(device: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(device);
  change();
  return Y.encodeStateAsUpdate(device, before);
}

function judge(
  server: Y.Doc,
  update: Uint8Array,
  role: Role = 'participant',
  control: Partial<ControlState> = {},
): Verdict {
  return checkUpdate(server, update, {
    doc: 'board',
    rules: { role, control: { ...readControl(new Y.Doc()), ...control } },
  });
}

const note = { x: 0, y: 0, authorId: 'u1', authorName: 'Ann', lang: 'en' as const };

describe('an honest update', () => {
  it('adding, editing, moving and deleting notes and clusters passes', () => {
    const { server, device, commands } = setup();
    const steps: Array<() => void> = [];
    let id = '';
    let cluster = '';
    steps.push(() => (id = commands.addNote({ ...note, text: 'hello' })));
    steps.push(() => commands.updateNoteText(id, 'hello world'));
    steps.push(() => (cluster = commands.addCluster({ title: 'Theme', x: -50, y: -50 })));
    steps.push(() => commands.setNoteCluster(id, cluster));
    steps.push(() => commands.moveNotes([{ id, x: 40, y: 40 }]));
    steps.push(() => commands.deleteNotes([id]));
    steps.push(() => commands.deleteCluster(cluster));
    for (const step of steps) {
      const update = updateOf(device, step);
      const verdict = judge(server, update);
      expect(verdict).toMatchObject({ ok: true });
      Y.applyUpdate(server, update);
    }
  });

  it('a device resending what the server already has passes and extends no client', () => {
    const { server, device, commands } = setup();
    const update = updateOf(device, () => commands.addNote({ ...note }));
    Y.applyUpdate(server, update);
    expect(judge(server, Y.encodeStateAsUpdate(device))).toEqual({ ok: true, extends: new Map() });
  });

  it('an update that depends on another device’s change the server holds passes', () => {
    const { server, device, sync } = setup();
    const other = new Y.Doc();
    const id = createBoardCommands(other, USER).addNote({ ...note, text: 'theirs' });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other));
    sync();
    const update = updateOf(device, () =>
      createBoardCommands(device, USER).updateNoteText(id, 'x'),
    );
    expect(judge(server, update)).toMatchObject({ ok: true });
  });

  it('typing into a proposal in the draft phase passes', () => {
    const { server, device, sync } = setup();
    createProposal(server, 'c1', 'en', SERVER);
    sync();
    const fragment = proposalFragment(device, 'c1')!;
    const update = updateOf(device, () => {
      const paragraph = fragment.get(1) as Y.XmlElement;
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      text.insert(0, 'We should', { bold: {} });
    });
    expect(judge(server, update, 'participant', { phase: 'draft' })).toMatchObject({ ok: true });
  });
});

describe('the structure of an update', () => {
  it('bytes that are not an update are malformed', () => {
    const { server } = setup();
    expect(judge(server, new Uint8Array([255, 255, 255, 1, 2]))).toMatchObject({
      ok: false,
      kind: 'malformed',
    });
  });

  it('an update that starts past what the server has of that client is missing a dependency', () => {
    const { server, device, commands } = setup();
    updateOf(device, () => commands.addNote({ ...note, text: 'never sent' }));
    const later = updateOf(device, () => commands.addNote({ ...note, text: 'depends on it' }));
    expect(judge(server, later)).toMatchObject({ ok: false, kind: 'missing' });
  });

  it('an edit of a note the server never saw is missing a dependency', () => {
    const { server, device } = setup();
    const other = new Y.Doc();
    const id = createBoardCommands(other, USER).addNote({ ...note });
    Y.applyUpdate(device, Y.encodeStateAsUpdate(other));
    const update = updateOf(device, () =>
      createBoardCommands(device, USER).updateNoteText(id, 'x'),
    );
    expect(judge(server, update)).toMatchObject({ ok: false, kind: 'missing' });
  });

  it('a delete set reaching clocks the server has not seen is refused', () => {
    const { server, device, commands } = setup();
    Y.applyUpdate(
      server,
      updateOf(device, () => commands.addNote({ ...note })),
    );
    const victim = device.clientID;
    const known = Y.getState(server.store, victim);
    // An update with no structs and a delete set covering the victim's next hundred clocks.
    expect(judge(server, deleteRangeUpdate(victim, known, 100))).toMatchObject({
      ok: false,
      kind: 'missing',
    });
  });

  it('nesting fifty thousand maps deep is refused without throwing', () => {
    const { server } = setup();
    const verdict = judge(server, deepNestingUpdate(50_000), 'facilitator');
    expect(verdict).toMatchObject({ ok: false, kind: 'malformed' });
  });
});

describe('the schema', () => {
  const cases: Array<[string, (doc: Y.Doc) => void]> = [
    ['a root the board does not have', (d) => d.getMap('evil').set('x', 1)],
    ['text in a root', (d) => d.getText('notes').insert(0, 'x')],
    ['a plain value where a note should be', (d) => boardRoots(d).notes.set('n1', 'x' as never)],
    ['a note id that is not an id', (d) => boardRoots(d).notes.set('bad id!', new Y.Map())],
    [
      'a field the note does not have',
      (d) => boardRoots(d).notes.set('n1', new Y.Map([['evil', 1]])),
    ],
    [
      'a coordinate that is not a number',
      (d) => boardRoots(d).notes.set('n1', new Y.Map<unknown>([['x', 'left']])),
    ],
    [
      'note text longer than the limit',
      (d) => boardRoots(d).notes.set('n1', new Y.Map<unknown>([['text', 'x'.repeat(2001)]])),
    ],
    [
      'a map nested in a note field',
      (d) => boardRoots(d).notes.set('n1', new Y.Map<unknown>([['text', new Y.Map()]])),
    ],
    [
      'an unknown cluster colour of a field',
      (d) => boardRoots(d).clusters.set('c1', new Y.Map<unknown>([['width', -5]])),
    ],
    [
      'a proposal that is not a fragment',
      (d) => boardRoots(d).proposals.set('c1', new Y.Map() as never),
    ],
  ];
  for (const [what, write] of cases) {
    it(`${what} is a schema violation, for facilitators too`, () => {
      const { server } = setup();
      const attacker = new Y.Doc();
      write(attacker);
      expect(judge(server, Y.encodeStateAsUpdate(attacker), 'facilitator')).toMatchObject({
        ok: false,
        kind: 'schema',
      });
    });
  }

  it('an unknown node or mark inside a proposal is a schema violation', () => {
    const { server, device, sync } = setup();
    createProposal(server, 'c1', 'en', SERVER);
    sync();
    const fragment = proposalFragment(device, 'c1')!;
    const node = updateOf(device, () => fragment.insert(0, [new Y.XmlElement('script')]));
    expect(judge(server, node, 'facilitator')).toMatchObject({ ok: false, kind: 'schema' });
    const { device: d2 } = { device: new Y.Doc() };
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(server));
    const text = new Y.XmlText();
    const mark = updateOf(d2, () => {
      const p = proposalFragment(d2, 'c1')!.get(1) as Y.XmlElement;
      p.insert(0, [text]);
      text.insert(0, 'x', { onclick: { js: 'alert(1)' } });
    });
    expect(judge(server, mark, 'facilitator')).toMatchObject({ ok: false, kind: 'schema' });
  });

  it('the allowed nodes and marks are exactly those of the proposal schema', () => {
    const schema = proposalSchema();
    const nodes = Object.keys(schema.nodes).filter((n) => n !== 'doc' && n !== 'text');
    expect(Object.keys(PROPOSAL_NODE_ATTRS).sort()).toEqual(nodes.sort());
    expect(Object.keys(PROPOSAL_MARK_ATTRS).sort()).toEqual(Object.keys(schema.marks).sort());
    for (const n of nodes) {
      expect([...PROPOSAL_NODE_ATTRS[n]!].sort()).toEqual(
        Object.keys(schema.nodes[n]!.spec.attrs ?? {}).sort(),
      );
    }
  });
});

describe('the rules', () => {
  it('nobody writes the schema version, facilitators included', () => {
    const { server, device } = setup();
    const update = updateOf(device, () => boardRoots(device).meta.set('schemaVersion', 999));
    expect(judge(server, update, 'facilitator')).toMatchObject({ ok: false, kind: 'rule' });
  });

  it('a participant may not edit notes in the vote phase or on a locked board; a facilitator may', () => {
    const { server, device, commands } = setup();
    const update = updateOf(device, () => commands.addNote({ ...note }));
    expect(judge(server, update, 'participant', { phase: 'vote' })).toMatchObject({ kind: 'rule' });
    expect(judge(server, update, 'participant', { boardLocked: true })).toMatchObject({
      kind: 'rule',
    });
    expect(judge(server, update, 'facilitator', { phase: 'vote' })).toMatchObject({ ok: true });
  });

  it('a participant may not move a note into, out of or within a locked cluster', () => {
    const { server, device, commands, sync } = setup();
    const serverCommands = createBoardCommands(server, SERVER);
    const locked = serverCommands.addCluster({ title: 'Locked', x: 1000, y: 1000 });
    const id = serverCommands.addNote({ ...note, x: 1020, y: 1060 });
    const free = serverCommands.addNote({ ...note, x: 0, y: 0 });
    sync();
    const control = { lockedClusters: [locked] };
    const inside = updateOf(device, () => commands.updateNoteText(id, 'changed'));
    expect(judge(server, inside, 'participant', control)).toMatchObject({ kind: 'rule' });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const into = updateOf(other, () =>
      createBoardCommands(other, USER).setNoteCluster(free, locked),
    );
    expect(judge(server, into, 'participant', control)).toMatchObject({ kind: 'rule' });
  });

  it('a participant may not change who wrote a note', () => {
    const { server, device, sync } = setup();
    const id = createBoardCommands(server, SERVER).addNote({ ...note });
    sync();
    const notes = boardRoots(device).notes;
    const update = updateOf(device, () => notes.get(id)!.set('authorName', 'Someone else'));
    expect(judge(server, update)).toMatchObject({ ok: false, kind: 'rule' });
  });

  it('a participant may not add or remove proposals, nor edit one outside the draft phase', () => {
    const { server, device, sync } = setup();
    const add = updateOf(device, () => boardRoots(device).proposals.set('c9', new Y.XmlFragment()));
    expect(judge(server, add)).toMatchObject({ ok: false, kind: 'rule' });
    createProposal(server, 'c1', 'en', SERVER);
    sync();
    const remove = updateOf(device, () => boardRoots(device).proposals.delete('c1'));
    expect(judge(server, remove)).toMatchObject({ ok: false, kind: 'rule' });
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(server));
    const edit = updateOf(editor, () =>
      (proposalFragment(editor, 'c1')!.get(0) as Y.XmlElement).delete(0, 1),
    );
    expect(judge(server, edit, 'participant', { phase: 'vote' })).toMatchObject({ kind: 'rule' });
    expect(judge(server, edit, 'participant', { phase: 'draft' })).toMatchObject({ ok: true });
  });
});
