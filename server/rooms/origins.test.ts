import { describe, expect, it } from 'vitest';
import {
  REMOTE_ORIGIN,
  RESTORE_ORIGIN,
  SERVER_ORIGIN,
  isLoadOrigin,
  isPeerOrigin,
  isRefusedOrigin,
  isRemoteOrigin,
  isServerOrigin,
} from './origins';
import type { Peer } from './peer';

const peer: Peer = {
  id: 7,
  role: 'facilitator',
  displayName: 'Facilitator',
  personId: null,
  linkGen: 0,
  send: () => undefined,
  close: () => undefined,
};

describe('transaction origins', () => {
  it('each origin is recognised by its own guard and by no other', () => {
    const cases: Array<[unknown, string]> = [
      [peer, 'peer'],
      [SERVER_ORIGIN, 'server'],
      [RESTORE_ORIGIN, 'server'],
      [REMOTE_ORIGIN, 'remote'],
      [{ load: true }, 'load'],
      [{ refusedFrom: 7 }, 'refused'],
    ];
    for (const [origin, kind] of cases) {
      expect({
        peer: isPeerOrigin(origin),
        server: isServerOrigin(origin),
        remote: isRemoteOrigin(origin),
        load: isLoadOrigin(origin),
        refused: isRefusedOrigin(origin),
      }).toEqual({
        peer: kind === 'peer',
        server: kind === 'server',
        remote: kind === 'remote',
        load: kind === 'load',
        refused: kind === 'refused',
      });
    }
  });

  it('something shaped like a facilitator but not a peer is not taken for one', () => {
    expect(isPeerOrigin({ role: 'facilitator', displayName: 'x', personId: null })).toBe(false);
    expect(isPeerOrigin(null)).toBe(false);
    expect(isPeerOrigin(undefined)).toBe(false);
    expect(isServerOrigin({ server: true })).toBe(false);
  });
});
