import type * as Y from 'yjs';
import { schemaViolation, type DocKind } from './docSchema';
import { boardRuleViolation, type RuleContext } from './updateRules';
import { placeUpdate } from './updatePlaces';

/**
 * The verdict on one incoming update, reached before it touches the document:
 * - `malformed`: not an update a Yjs client makes (close the sender);
 * - `missing`: depends on structs the server has not seen (refuse, ask the sender to resync);
 * - `schema`: writes something the document's schema has no place for (close the sender);
 * - `rule`: well-formed, but a facilitation rule forbids it (refuse; see server/rooms).
 * `extends` names the clients whose clocks the update would carry past what the server has.
 */
export type Verdict =
  | { ok: true; extends: Map<number, number> }
  | { ok: false; kind: 'malformed' | 'missing'; reason: string }
  | { ok: false; kind: 'schema' | 'rule'; reason: string; extends: Map<number, number> };

export interface CheckContext {
  /** Which schema the document follows. */
  doc: DocKind;
  /** Rules to apply on top of the schema (board documents only); null: schema only. */
  rules: RuleContext | null;
}

/** Judges `update` against `doc` (which it never changes): structure, schema, then rules. */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, ctx: CheckContext): Verdict {
  const placed = placeUpdate(doc, update);
  if ('kind' in placed) return { ok: false, kind: placed.kind, reason: placed.reason };
  for (const added of placed.added) {
    if (added.inert || !added.place) continue;
    const why = schemaViolation(ctx.doc, added.place, added.item.content);
    if (why) return { ok: false, kind: 'schema', reason: why, extends: placed.extends };
  }
  // Deleting is always of something stored: only where it is matters, and the rules say that.
  if (ctx.rules && ctx.doc === 'board') {
    const why = boardRuleViolation(doc, placed, ctx.rules);
    if (why) return { ok: false, kind: 'rule', reason: why, extends: placed.extends };
  }
  return { ok: true, extends: placed.extends };
}
