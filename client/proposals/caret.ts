/**
 * Remote carets in a proposal: the Collaboration Caret extension, drawing from the board's own
 * awareness. Presence (client/sync/presence) already publishes `user` ({ id, name, color }), so
 * the caret does not overwrite it; the caret itself is the standard `cursor` field. Awareness is
 * written by any device, so states whose caret is not well formed are ignored rather than allowed
 * to break the editor.
 */
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { yCursorPlugin } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';

function isId(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'object') return false;
  const { client, clock } = value as { client?: unknown; clock?: unknown };
  return Number.isInteger(client) && Number.isInteger(clock);
}

function isRelativePosition(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { type, tname, item, assoc } = value as Record<string, unknown>;
  return (
    isId(type) &&
    isId(item) &&
    (tname === null || tname === undefined || typeof tname === 'string') &&
    (assoc === undefined || typeof assoc === 'number') &&
    (type != null || item != null || typeof tname === 'string')
  );
}

/** True when an awareness state carries a caret an editor can draw. */
export function isCaretState(state: unknown): boolean {
  if (typeof state !== 'object' || state === null) return false;
  const { cursor, user } = state as { cursor?: unknown; user?: unknown };
  if (typeof cursor !== 'object' || cursor === null) return false;
  if (typeof user !== 'object' || user === null) return false;
  const { anchor, head } = cursor as { anchor?: unknown; head?: unknown };
  return (
    typeof (user as { name?: unknown }).name === 'string' &&
    isRelativePosition(anchor) &&
    isRelativePosition(head)
  );
}

/** Collaboration Caret on a bare awareness, with the state filter above. */
export const ProposalCaret = CollaborationCaret.extend({
  addProseMirrorPlugins() {
    const awareness = (this.options.provider as { awareness: Awareness }).awareness;
    return [
      yCursorPlugin(awareness, {
        awarenessStateFilter: (local: number, remote: number, state: unknown) =>
          local !== remote && isCaretState(state),
        cursorBuilder: (user: { name: string; color: string }) => this.options.render(user),
        selectionBuilder: (user: { name: string; color: string }) =>
          this.options.selectionRender(user),
      }),
    ];
  },
});
