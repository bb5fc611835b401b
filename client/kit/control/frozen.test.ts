import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ControlKey, controlMap, readControl } from '@shared/control/controlDoc';
import { frozenNow } from './frozen';

describe('frozenNow', () => {
  it('trusts the session until the control document says something about freezing', () => {
    const doc = new Y.Doc();
    expect(frozenNow(true, readControl(doc), doc)).toBe(true);
    expect(frozenNow(false, readControl(doc), doc)).toBe(false);
  });

  it('follows the control document once it has, so an unfreeze unlocks a page opened frozen', () => {
    const doc = new Y.Doc();
    controlMap(doc).set(ControlKey.Frozen, true);
    expect(frozenNow(false, readControl(doc), doc)).toBe(true);
    controlMap(doc).set(ControlKey.Frozen, false);
    expect(frozenNow(true, readControl(doc), doc)).toBe(false);
  });
});
