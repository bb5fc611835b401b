import type Database from 'better-sqlite3';
import type { DocumentStore, StoredDoc } from '../store';
import { bytes } from './rows';

export type DocsRepo = DocumentStore;

/**
 * Documents as appended Yjs updates. better-sqlite3 is synchronous, so an append is in the
 * write-ahead log before `appendUpdates` returns, before anything is relayed.
 */
export function docsRepo(db: Database.Database): DocsRepo {
  const st = {
    load: db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq',
    ),
    append: db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)'),
    deleteUpTo: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
    names: db.prepare<[string, string], { doc: string }>(
      "SELECT DISTINCT doc FROM doc_updates WHERE doc >= ? AND doc < ? || '\uffff' ORDER BY doc",
    ),
  };
  return {
    async loadDoc(docName: string): Promise<StoredDoc> {
      const rows = st.load.all(docName);
      let total = 0;
      const updates = rows.map((r) => {
        total += r.data.byteLength;
        return bytes(r.data);
      });
      return { updates, lastSeq: rows.at(-1)?.seq ?? 0, bytes: total };
    },
    appendUpdates(docName: string, updates: Uint8Array[]): Promise<number> {
      // Runs synchronously so the rows are in the WAL before this call returns.
      try {
        let last = 0;
        db.transaction(() => {
          for (const u of updates) last = Number(st.append.run(docName, u).lastInsertRowid);
        })();
        return Promise.resolve(last);
      } catch (err) {
        return Promise.reject(err);
      }
    },
    async compact(docName: string, merged: Uint8Array, uptoSeq: number): Promise<void> {
      db.transaction(() => {
        st.deleteUpTo.run(docName, uptoSeq);
        st.append.run(docName, merged);
      })();
    },
    listDocNames: async (prefix) => st.names.all(prefix, prefix).map((r) => r.doc),
  };
}
