import * as Y from 'yjs';
import type { ControlState } from '../control/controlDoc';
import { phaseRules } from '../control/phases';
import { participantMayEditProposal } from '../proposal/rules';
import type { Role } from '../roles';
import { boardRoots } from './roots';
import type { DeletedItem, NewItem, Place, PlacedUpdate } from './updatePlaces';

/**
 * The facilitation rules, judged on a placed update before it is applied: what a participant may
 * change in each phase and under each lock, and what nobody may change at all. The client hides
 * the controls these rules forbid (phases.ts, proposal/rules.ts); the server enforces them here.
 */

/** The record a place belongs to, e.g. `{ root: 'notes', id }`; null for a root-level slot's own key. */
function recordOf(place: Place): { root: string; id: string | null; field: string | null } {
  const { root, path } = place.container;
  if (path.length === 0) return { root, id: place.key, field: null };
  return { root, id: path[0]!, field: path.length === 1 ? place.key : null };
}

/** A changed slot: an added item (with its value) or a deleted one. */
interface Touch {
  root: string;
  id: string | null;
  field: string | null;
  /** Record level: the record itself is added, replaced or removed. */
  whole: boolean;
  /** True for an added item, false for a deleted one. */
  added: boolean;
  value?: unknown;
}

function touches(added: NewItem[], deleted: DeletedItem[]): Touch[] {
  const out: Touch[] = [];
  for (const a of added) {
    if (a.inert || !a.place) continue;
    const r = recordOf(a.place);
    const content = a.item.content;
    const value = content instanceof Y.ContentAny ? content.arr[0] : undefined;
    out.push({ ...r, whole: a.place.container.path.length === 0, added: true, value });
  }
  for (const d of deleted) {
    const r = recordOf(d.place);
    out.push({ ...r, whole: d.place.container.path.length === 0, added: false });
  }
  return out;
}

/** Who is writing, and the facilitation state the rules read. */
export interface RuleContext {
  role: Role;
  control: ControlState;
}

const AUTHORSHIP = new Set(['authorId', 'authorName']);

/**
 * Why the board update breaks a rule for this writer, or null when it does not. Nobody writes
 * `meta` (the schema version is the server's); participants also need the phase and locks to
 * allow the change, never change who wrote a note, and never add or remove proposals (the server
 * creates them).
 */
export function boardRuleViolation(
  doc: Y.Doc,
  placed: PlacedUpdate,
  ctx: RuleContext,
): string | null {
  const changes = touches(placed.added, placed.deleted);
  if (changes.some((t) => t.root === 'meta')) return 'The schema version is the server’s to write';
  if (ctx.role !== 'participant') return null;
  const { control } = ctx;
  const rules = phaseRules(control.phase);
  const boardClosed = control.boardLocked || !rules.editBoard;
  const locked = new Set(control.lockedClusters);
  const { notes } = boardRoots(doc);
  for (const t of changes) {
    if (t.root === 'notes' || t.root === 'clusters') {
      if (boardClosed) {
        return control.boardLocked ? 'The board is locked' : 'This phase does not allow editing';
      }
    }
    if (t.root === 'notes' && t.id !== null) {
      const existing = notes.get(t.id);
      const before = existing instanceof Y.Map ? existing.get('clusterId') : null;
      if (typeof before === 'string' && locked.has(before)) return 'The note’s cluster is locked';
      if (t.field === 'clusterId' && typeof t.value === 'string' && locked.has(t.value)) {
        return 'That cluster is locked';
      }
      // Deleting a note deletes its fields too; only a new value can change who wrote it.
      const authorship = t.added && (t.whole || (t.field !== null && AUTHORSHIP.has(t.field)));
      if (existing instanceof Y.Map && authorship) {
        return 'Who wrote a note cannot be changed';
      }
    }
    if (t.root === 'clusters' && t.id !== null && locked.has(t.id)) return 'The cluster is locked';
    if (t.root === 'proposals') {
      if (t.whole) return 'Only the server adds or removes proposals';
      if (t.id === null || !participantMayEditProposal(control, t.id)) {
        return 'The proposal cannot be edited now';
      }
    }
  }
  return null;
}
