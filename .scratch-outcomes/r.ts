import * as Y from 'yjs';
import { createBoardCommands } from '../shared/board/commands';
import { readBoard } from '../shared/board/read';
import { buildOutcome } from '../server/outcomes/build';
import { renderOutcomeFiles } from '../server/outcomes/render/files';
const doc = new Y.Doc();
const cmd = createBoardCommands(doc, {});
const c = cmd.addCluster({ title: 'Luottamus <script>alert(1)</script>', x: 0, y: 0 });
cmd.addNote({ text: 'Avoimuus ja läpinäkyvyys\nrivi 2', x: 0, y: 0, authorId: 'a', authorName: 'Aino', lang: 'fi', clusterId: c });
cmd.addNote({ text: '=HYPERLINK("x")', x: 0, y: 0, authorId: null, authorName: 'Secret', lang: 'fi', clusterId: c });
cmd.addNote({ text: 'loose # note *x*', x: 900, y: 40, authorId: 'b', authorName: 'Björn', lang: 'sv' });
const board = readBoard(doc);
const out = buildOutcome({ board: { id: 'b1', title: 'Table 1' }, forum: { id: 'f1', title: 'AI ethics' }, version: 1, publishedAt: new Date().toISOString(), permalink: 'http://x/outcomes/b1/v/1', content: board,
  extras: { votes: { budget: 5, results: [{ target: 'note', id: board.notes[0]!.id, room: 3, remote: 1 }] }, proposals: [{ id: 'p1', title: 'Prop', clusterId: c, citedNoteIds: [board.notes[0]!.id], body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello ', }, { type: 'text', text: 'bold', marks: [{ type: 'bold' }] }] }] } }] } });
const r = renderOutcomeFiles(out, { publicUrl: 'http://x' });
for (const f of r.files) if (['md','csv','svg'].includes(f.format)) console.log('=== ' + f.format + '\n' + Buffer.from(f.data).toString());
