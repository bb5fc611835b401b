import * as Y from 'yjs';

/**
 * The two things the board model needs from Yjs that its public API does not give: where a
 * shared type sits in its parent (the item holding it, with its map key), and a type's child
 * types without reading them recursively. Both read underscore fields of Yjs 13.6 (`_item`,
 * `_map`, `_start`); they are read here and nowhere else, and yjsTypes.test.ts fails loudly if an
 * upgrade changes them.
 */

/** The item that holds `type` in its parent, or null for a root type. */
export function holderOf<E>(type: Y.AbstractType<E>): Y.Item | null {
  return type._item;
}

/** The shared types directly inside `type` (map entries and sequence items), deleted ones too. */
export function childTypesOf<E>(type: Y.AbstractType<E>): Array<Y.AbstractType<unknown>> {
  const out: Array<Y.AbstractType<unknown>> = [];
  for (const item of type._map.values()) {
    if (item.content instanceof Y.ContentType)
      out.push(item.content.type as Y.AbstractType<unknown>);
  }
  for (let item = type._start; item !== null; item = item.right) {
    if (item.content instanceof Y.ContentType)
      out.push(item.content.type as Y.AbstractType<unknown>);
  }
  return out;
}
