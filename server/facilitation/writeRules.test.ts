import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readControl, type ControlState } from '@shared/control/controlDoc';
import type { Role } from '@shared/roles';
import type { BoardRoom } from '../rooms/boardRoom';
import type { DocKind } from '../rooms/hooks';
import type { Peer } from '../rooms/peer';
import { acceptsWrites, refuseJoin, refuseWrite } from './writeRules';

const defaults = readControl(new Y.Doc());
const UPDATE = new Uint8Array([1, 2, 3]);
const EMPTY = new Uint8Array([0, 0]);

function roomWith(
  control: Partial<ControlState> = {},
  { archived = false, readOnlySchema = false } = {},
): BoardRoom {
  const state = { ...defaults, ...control };
  // reason: the rules read only these three things of a room
  return {
    readOnlySchema,
    record: { archived },
    controlState: () => state,
  } as unknown as BoardRoom;
}

const peer = (role: Role, personId: string | null = 'p1'): Peer =>
  ({ id: 1, role, personId, displayName: role, linkGen: 0 }) as unknown as Peer;

const write = (room: BoardRoom, doc: DocKind, role: Role, update = UPDATE) =>
  refuseWrite({ room, doc, peer: peer(role), update });

describe('write rules', () => {
  it("a viewer's writes, and anyone's on the control document, are dropped without a word", () => {
    expect(write(roomWith(), 'board', 'viewer')).toEqual({ reason: 'role', message: null });
    expect(write(roomWith(), 'control', 'facilitator')).toEqual({ reason: 'role', message: null });
  });

  it('a board written by a newer Talkoot refuses every write, even an empty one', () => {
    const refusal = write(roomWith({}, { readOnlySchema: true }), 'board', 'participant', EMPTY);
    expect(refusal?.reason).toBe('schema');
  });

  it('an update that carries nothing is ignored, not counted, on a frozen board too', () => {
    const refusal = write(roomWith({ frozen: true }), 'board', 'participant', EMPTY);
    expect(refusal).toEqual({ reason: null, message: null });
  });

  it('private notes are written only in the "write privately" phase', () => {
    expect(write(roomWith({ phase: 'share' }), 'private', 'participant')?.reason).toBe('phase');
    expect(write(roomWith({ phase: 'write' }), 'private', 'participant')).toBeNull();
  });

  it('an archived board refuses before a frozen one', () => {
    const both = roomWith({ frozen: true }, { archived: true });
    expect(write(both, 'board', 'participant')?.reason).toBe('archived');
    expect(write(roomWith({ frozen: true }), 'board', 'facilitator')?.reason).toBe('frozen');
  });

  it('a participant on an open board passes to the document policy', () => {
    expect(write(roomWith(), 'board', 'participant')).toBeNull();
  });

  it('only writers whose writes can land are asked for their edits on joining', () => {
    expect(acceptsWrites(roomWith(), 'board', peer('participant'))).toBe(true);
    expect(acceptsWrites(roomWith(), 'board', peer('viewer'))).toBe(false);
    expect(acceptsWrites(roomWith(), 'control', peer('facilitator'))).toBe(false);
    expect(acceptsWrites(roomWith({ phase: 'vote' }), 'private', peer('participant'))).toBe(false);
    expect(acceptsWrites(roomWith({ phase: 'write' }), 'private', peer('participant'))).toBe(true);
  });

  it('private notes need a personal participant link to join', () => {
    expect(refuseJoin('private', peer('participant', null))?.message).toMatch(/personal/);
    expect(refuseJoin('private', peer('viewer'))).not.toBeNull();
    expect(refuseJoin('private', peer('participant'))).toBeNull();
    expect(refuseJoin('board', peer('viewer', null))).toBeNull();
  });
});
