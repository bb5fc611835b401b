import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTalkoot, type Talkoot } from '../../server/app';
import { configFromEnv, type Config } from '../../server/config';
import { createLogger } from '../../server/log';

export interface CreatedBoard {
  id: string;
  forumId: string;
  title: string;
  tokens: { facilitator: string; participant: string; viewer: string };
  links: { facilitator: string; participant: string; viewer: string };
}

export interface TestServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** ws://127.0.0.1:PORT/sync — the y-websocket server URL. */
  syncUrl: string;
  adminToken: string;
  dataDir: string;
  app: Talkoot;
  createForum(title?: string): Promise<{ id: string; title: string }>;
  createBoard(forumId: string, title?: string): Promise<CreatedBoard>;
  /** Forum + board in one go. */
  board(title?: string): Promise<CreatedBoard>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  dataDir?: string;
  env?: Record<string, string>;
  /** Overrides applied to the parsed config (limits etc.). */
  configure?: (config: Config) => void;
  /** Collect every log line (at debug level) here instead of discarding logs. */
  logLines?: string[];
}

/** Starts a real Talkoot server on 127.0.0.1, port 0, with a fresh data directory. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-test-'));
  const config = configFromEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TALKOOT_TEST_LOG ?? 'silent',
    ...options.env,
  });
  options.configure?.(config);
  const lines = options.logLines;
  const logger = lines
    ? createLogger('debug', { write: (line: string) => void lines.push(line) })
    : undefined;
  const app = await startTalkoot(config, { logger });
  const url = app.localUrl;
  const api = async <T>(method: string, pathName: string, body?: unknown): Promise<T> => {
    const res = await fetch(url + pathName, {
      method,
      headers: { Authorization: `Bearer ${app.adminToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${pathName} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const createForum = (title = 'Test forum') =>
    api<{ id: string; title: string }>('POST', '/api/forums', { title });
  const createBoard = (forumId: string, title = 'Test board') =>
    api<CreatedBoard>('POST', `/api/forums/${forumId}/boards`, { title });
  return {
    url,
    syncUrl: url.replace(/^http/, 'ws') + '/sync',
    adminToken: app.adminToken,
    dataDir,
    app,
    createForum,
    createBoard,
    board: async (title?: string) => createBoard((await createForum()).id, title),
    close: () => app.close(),
  };
}
