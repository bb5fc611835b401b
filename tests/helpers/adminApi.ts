import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { CreatedBoard } from './server';

/** The admin HTTP API of a server the test does not hold in-process (a child server). */
export function adminApi(baseUrl: string, adminToken: string) {
  const call = async <T>(method: string, pathName: string, body?: unknown): Promise<T> => {
    const res = await fetch(baseUrl + pathName, {
      method,
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${pathName} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const createForum = (title = 'Fault forum') =>
    call<{ id: string; title: string }>('POST', '/api/forums', { title });
  const createBoard = (forumId: string, title = 'Fault board') =>
    call<CreatedBoard>('POST', `/api/forums/${forumId}/boards`, { title });
  return {
    createForum,
    createBoard,
    /** `count` boards in one new forum. */
    async boards(count: number): Promise<CreatedBoard[]> {
      const forum = await createForum();
      const out: CreatedBoard[] = [];
      for (let i = 0; i < count; i++) out.push(await createBoard(forum.id, `Table ${i + 1}`));
      return out;
    },
  };
}

/** What DATA_DIR/talkoot.db holds for one document, read straight from the file. */
export function readStoredDoc(dataDir: string, docName: string) {
  const db = new Database(path.join(dataDir, 'talkoot.db'), {
    fileMustExist: true,
  });
  try {
    const rows = db
      .prepare<[string], { data: Buffer }>(
        'SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq',
      )
      .all(docName)
      .map((r) => new Uint8Array(r.data));
    const doc = new Y.Doc();
    if (rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(rows));
    return { doc, rows: rows.length, bytes: rows.reduce((n, r) => n + r.byteLength, 0) };
  } finally {
    db.close();
  }
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}
