import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from '@shared/board/commands';
import { createBoardStore } from './boardStore';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('board store', () => {
  it('keeps unchanged notes as the same objects after another note changes', async () => {
    const doc = new Y.Doc();
    const cmds = createBoardCommands(doc, {});
    const base = { authorId: null, authorName: null, lang: 'en' as const };
    const a = cmds.addNote({ ...base, text: 'a', x: 0, y: 0 });
    const b = cmds.addNote({ ...base, text: 'b', x: 400, y: 0 });
    const store = createBoardStore(doc);
    const before = store.get();
    cmds.updateNoteText(b, 'bee');
    await tick();
    const after = store.get();
    expect(after).not.toBe(before);
    expect(after.notes.find((n) => n.id === a)).toBe(before.notes.find((n) => n.id === a));
    expect(after.notes.find((n) => n.id === b)?.text).toBe('bee');
    store.destroy();
  });

  it('notifies once per burst of transactions', async () => {
    const doc = new Y.Doc();
    const cmds = createBoardCommands(doc, {});
    const store = createBoardStore(doc);
    let calls = 0;
    store.subscribe(() => calls++);
    for (let i = 0; i < 5; i++) {
      cmds.addNote({ authorId: null, authorName: null, lang: 'fi', x: i * 200, y: 0 });
    }
    await tick();
    expect(calls).toBe(1);
    expect(store.get().notes).toHaveLength(5);
  });
});
