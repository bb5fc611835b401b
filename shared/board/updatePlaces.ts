import * as Y from 'yjs';
import { holderOf } from './yjsTypes';

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/**
 * Reads a binary Yjs update *before* it is applied and says where each of its structs would
 * land in `doc`: which root, under which keys, in what kind of type. Nothing here applies or
 * changes anything. Yjs integrates an update whose dependencies are missing later, inside some
 * other transaction, so a rule judged afterwards can be bypassed; this is what lets the server
 * judge the whole update first (see updateCheck.ts).
 */

/** The kind of a shared type, as the schema speaks of it. */
export type TypeKind =
  'map' | 'array' | 'text' | 'xmlFragment' | 'xmlElement' | 'xmlText' | 'other';

/** A shared type an item sits in: a root, or a type nested under keys (`#` for sequence slots). */
export interface Container {
  root: string;
  /** Keys from the root down to this type; its length is the nesting depth below the root. */
  path: readonly string[];
  kind: TypeKind;
  /** For XML elements: the element's name. */
  nodeName: string | null;
}

/** Where an item lands: its container and, in a map (or XML attributes), its key. */
export interface Place {
  container: Container;
  key: string | null;
}

/** An item the update adds, with where it lands. `inert` items land inside garbage and do nothing. */
export interface NewItem {
  item: Y.Item;
  place: Place | null;
  inert: boolean;
}

/** An item already in the document that the update deletes. */
export interface DeletedItem {
  item: Y.Item;
  place: Place;
}

export type DecodeFailure =
  /** Not a valid update at all, or a shape no Yjs client produces. */
  | { kind: 'malformed'; reason: string }
  /** Depends on structs the server has not seen: gaps, unknown origins or parents, future deletes. */
  | { kind: 'missing'; reason: string };

export interface PlacedUpdate {
  /** Clients whose clocks this update extends past what the server has (with their new end). */
  extends: Map<number, number>;
  added: NewItem[];
  deleted: DeletedItem[];
}

/** Nesting deeper than this is refused while resolving, whatever the schema says. */
export const MAX_RESOLVE_DEPTH = 64;

class Refusal extends Error {
  constructor(readonly failure: DecodeFailure) {
    super(failure.reason);
  }
}

const malformed = (reason: string): never => {
  throw new Refusal({ kind: 'malformed', reason });
};
const missing = (reason: string): never => {
  throw new Refusal({ kind: 'missing', reason });
};

function kindOf(type: unknown): TypeKind {
  // Subclasses first: XmlText extends Text, XmlElement extends XmlFragment.
  if (type instanceof Y.XmlText) return 'xmlText';
  if (type instanceof Y.XmlElement) return 'xmlElement';
  if (type instanceof Y.XmlFragment) return 'xmlFragment';
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.Array) return 'array';
  if (type instanceof Y.Text) return 'text';
  return 'other';
}

function nodeNameOf(type: unknown): string | null {
  return type instanceof Y.XmlElement ? type.nodeName : null;
}

/** The container a type of the live document is, walking up to its root (bounded). */
function containerOfDocType(type: Y.AbstractType<unknown>): Container {
  const path: string[] = [];
  let current: Y.AbstractType<unknown> = type;
  for (let depth = 0, item = holderOf(current); item !== null; depth++, item = holderOf(current)) {
    if (depth > MAX_RESOLVE_DEPTH) malformed('The document is nested too deeply here');
    path.unshift(item.parentSub ?? '#');
    current = item.parent as Y.AbstractType<unknown>;
  }
  return { root: Y.findRootTypeKey(current), path, kind: kindOf(type), nodeName: nodeNameOf(type) };
}

function childContainer(parent: Place, type: unknown): Container {
  const path = [...parent.container.path, parent.key ?? '#'];
  if (path.length > MAX_RESOLVE_DEPTH) malformed('The update nests types too deeply');
  return { root: parent.container.root, path, kind: kindOf(type), nodeName: nodeNameOf(type) };
}

type Struct = Y.Item | Y.GC | Y.Skip;

/** Resolves the places of an update's structs against `doc`; throws Refusal. */
class Placer {
  private readonly state = new Map<number, number>();
  private readonly byClient = new Map<number, Struct[]>();
  private readonly memo = new Map<Y.Item, Place | null>();

  constructor(
    private readonly doc: Y.Doc,
    structs: Struct[],
  ) {
    let previous: number | null = null;
    for (const struct of structs) {
      const client = struct.id.client;
      if (client !== previous && this.byClient.has(client)) {
        malformed('The update lists a client twice');
      }
      previous = client;
      let list = this.byClient.get(client);
      if (!list) this.byClient.set(client, (list = []));
      list.push(struct);
    }
  }

  /** What the server has of `client`. */
  known(client: number): number {
    let value = this.state.get(client);
    if (value === undefined) {
      value = Y.getState(this.doc.store, client);
      this.state.set(client, value);
    }
    return value;
  }

  /** How far `client` reaches once this update is applied (after contiguity was checked). */
  reach(client: number): number {
    const list = this.byClient.get(client);
    const known = this.known(client);
    if (!list || list.length === 0) return known;
    const last = list[list.length - 1]!;
    return Math.max(known, last.id.clock + last.length);
  }

  checkContiguous(): Map<number, number> {
    const extendsTo = new Map<number, number>();
    for (const [client, list] of this.byClient) {
      const first = list[0]!;
      if (first.id.clock > this.known(client)) {
        missing(`Starts at clock ${first.id.clock} of client ${client}, after what the server has`);
      }
      for (const struct of list) {
        if (struct instanceof Y.Skip && struct.id.clock + struct.length > this.known(client)) {
          missing('The update skips structs the server does not have');
        }
      }
      const end = this.reach(client);
      if (end > this.known(client)) extendsTo.set(client, end);
    }
    return extendsTo;
  }

  /** The update's struct holding `id`, or null when the server has it already. */
  private updateStruct(id: Y.ID): Struct | null {
    if (id.clock < this.known(id.client)) return null;
    if (id.clock >= this.reach(id.client)) {
      missing(`Refers to ${id.client}:${id.clock}, which the server has not seen`);
    }
    const list = this.byClient.get(id.client)!;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return missing(`Refers to ${id.client}:${id.clock}, which the update does not hold`);
  }

  /** The document's struct holding `id` (which the server has). */
  private docStruct(id: Y.ID): Y.Item | Y.GC {
    return Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
  }

  /** The place of the item holding `id` (null: inside garbage, the item will be dropped). */
  private placeOfId(id: Y.ID, pending: ReadonlySet<Y.Item>): Place | null | Y.Item {
    const inUpdate = this.updateStruct(id);
    if (inUpdate === null) {
      const struct = this.docStruct(id);
      if (!(struct instanceof Y.Item) || struct.parent === null) return null;
      return {
        container: containerOfDocType(struct.parent as Y.AbstractType<unknown>),
        key: struct.parentSub,
      };
    }
    if (!(inUpdate instanceof Y.Item)) return null;
    if (this.memo.has(inUpdate)) return this.memo.get(inUpdate)!;
    if (pending.has(inUpdate)) malformed('The update refers to itself in a cycle');
    return inUpdate;
  }

  /** The container of the type held by the item with `id` (a parent reference). */
  private typeOfId(id: Y.ID, pending: ReadonlySet<Y.Item>): Container | null | Y.Item {
    const inUpdate = this.updateStruct(id);
    if (inUpdate === null) {
      const struct = this.docStruct(id);
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) return null;
      if (struct.id.clock !== id.clock) malformed('A parent reference points inside an item');
      return containerOfDocType(struct.content.type as Y.AbstractType<unknown>);
    }
    if (!(inUpdate instanceof Y.Item)) return null;
    if (!(inUpdate.content instanceof Y.ContentType) || inUpdate.id.clock !== id.clock) {
      return malformed('A parent reference points at something that is not a type');
    }
    if (!this.memo.has(inUpdate)) {
      if (pending.has(inUpdate)) malformed('The update refers to itself in a cycle');
      return inUpdate;
    }
    const place = this.memo.get(inUpdate)!;
    return place === null ? null : childContainer(place, inUpdate.content.type);
  }

  /** One step of resolution: a place, or another update item that must be placed first. */
  private step(item: Y.Item, pending: ReadonlySet<Y.Item>): Place | null | Y.Item {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      return {
        container: { root: parent, path: [], kind: 'other', nodeName: null },
        key: item.parentSub,
      };
    }
    if (parent instanceof Y.ID) {
      const container = this.typeOfId(parent, pending);
      if (container === null || container instanceof Y.Item) return container;
      return { container, key: item.parentSub };
    }
    // Yjs takes the parent from the left neighbour, else the right one; either in garbage makes
    // the item garbage. Both must agree, or the update was made by hand.
    const left = item.origin ? this.placeOfId(item.origin, pending) : undefined;
    if (left instanceof Y.Item) return left;
    const right = item.rightOrigin ? this.placeOfId(item.rightOrigin, pending) : undefined;
    if (right instanceof Y.Item) return right;
    if (left === undefined && right === undefined) malformed('An item has no parent');
    if (left === null || right === null) return null;
    const place = (left ?? right)!;
    if (left && right && !samePlace(left, right)) {
      malformed('An item sits between neighbours of two different types');
    }
    return place;
  }

  /** The place of an update item, resolving what it depends on first (iteratively). */
  place(item: Y.Item): Place | null {
    if (this.memo.has(item)) return this.memo.get(item)!;
    const stack: Y.Item[] = [item];
    const pending = new Set<Y.Item>(stack);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const result = this.step(top, pending);
      if (result instanceof Y.Item) {
        stack.push(result);
        pending.add(result);
        continue;
      }
      this.memo.set(top, result);
      stack.pop();
      pending.delete(top);
    }
    return this.memo.get(item)!;
  }

  /** Every item of the update past what the server has, placed. */
  added(): NewItem[] {
    const out: NewItem[] = [];
    for (const [client, list] of this.byClient) {
      const known = this.known(client);
      for (const struct of list) {
        if (!(struct instanceof Y.Item) || struct.id.clock + struct.length <= known) continue;
        const place = this.place(struct);
        out.push({ item: struct, place, inert: place === null });
      }
    }
    return out;
  }

  /** Existing, not yet deleted items that the delete set removes. */
  deleted(ds: DeleteSet): DeletedItem[] {
    const out: DeletedItem[] = [];
    for (const [client, ranges] of ds.clients) {
      const known = this.known(client);
      const reach = this.reach(client);
      const structs = this.doc.store.clients.get(client);
      for (const { clock, len } of ranges) {
        if (len <= 0 || clock < 0) malformed('An empty or negative delete range');
        if (clock + len > reach)
          missing(`Deletes clocks of client ${client} the server has not seen`);
        if (!structs || clock >= known) continue;
        let index = Y.findIndexSS(structs, clock);
        for (; index < structs.length; index++) {
          const struct = structs[index]!;
          if (struct.id.clock >= clock + len) break;
          if (!(struct instanceof Y.Item) || struct.deleted || struct.parent === null) continue;
          out.push({
            item: struct,
            place: {
              container: containerOfDocType(struct.parent as Y.AbstractType<unknown>),
              key: struct.parentSub,
            },
          });
        }
      }
    }
    return out;
  }
}

function samePlace(a: Place, b: Place): boolean {
  return (
    a.key === b.key &&
    a.container.root === b.container.root &&
    a.container.path.length === b.container.path.length &&
    a.container.path.every((k, i) => k === b.container.path[i])
  );
}

/** Decodes `update` and places every struct against `doc`; never applies anything. */
export function placeUpdate(doc: Y.Doc, update: Uint8Array): PlacedUpdate | DecodeFailure {
  let decoded: { structs: Struct[]; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet };
  } catch {
    return { kind: 'malformed', reason: 'The update cannot be decoded' };
  }
  try {
    const placer = new Placer(doc, decoded.structs);
    const extendsTo = placer.checkContiguous();
    const added = placer.added();
    const deleted = placer.deleted(decoded.ds);
    return { extends: extendsTo, added, deleted };
  } catch (err) {
    if (err instanceof Refusal) return err.failure;
    // A stack overflow or a decoder error on hand-made input is the sender's malformed update.
    return { kind: 'malformed', reason: 'The update cannot be read' };
  }
}
