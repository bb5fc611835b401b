import type * as Y from 'yjs';
import { ControlKey, controlMap, type ControlState } from '@shared/control/controlDoc';

/**
 * Whether the board is frozen now. The control document decides once it has said anything about
 * freezing; until it has synced, the session (what the server said when the page opened) does.
 * Trusting the session after that would keep a page opened during a freeze read-only after the
 * facilitator unfreezes.
 */
export function frozenNow(
  sessionFrozen: boolean,
  control: ControlState,
  controlDoc: Y.Doc,
): boolean {
  return controlMap(controlDoc).has(ControlKey.Frozen) ? control.frozen : sessionFrozen;
}
