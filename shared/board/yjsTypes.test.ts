import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { childTypesOf, holderOf } from './yjsTypes';

describe('the Yjs internals the board model reads', () => {
  it('a nested type knows the item that holds it, with its key; a root type has none', () => {
    const doc = new Y.Doc();
    const root = doc.getMap<unknown>('notes');
    const note = new Y.Map<unknown>();
    root.set('n1', note);
    expect(holderOf(root)).toBeNull();
    const holder = holderOf(note);
    expect(holder).toBeInstanceOf(Y.Item);
    expect(holder!.parentSub).toBe('n1');
    expect(holder!.parent).toBe(root);
  });

  it('lists child types of maps and sequences, and nothing else', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>('m');
    const inner = new Y.Map<unknown>();
    map.set('a', inner);
    map.set('b', 1);
    const fragment = doc.getXmlFragment('f');
    const element = new Y.XmlElement('paragraph');
    const text = new Y.XmlText('x');
    fragment.insert(0, [element, text]);
    expect(childTypesOf(map)).toEqual([inner]);
    expect(childTypesOf(fragment)).toEqual([element, text]);
    expect(childTypesOf(inner)).toEqual([]);
  });
});
