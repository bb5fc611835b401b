import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientSpec } from '../load/client';
import { track } from './children';

export type ServerKind = 'talkoot' | 'reference' | 'hocuspocus';

export const SERVER_LABELS: Record<ServerKind, string> = {
  talkoot: 'Talkoot',
  reference: '@y/websocket-server',
  hocuspocus: 'Hocuspocus 3',
};

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROBE = fileURLToPath(new URL('./probe.ts', import.meta.url));
const ENTRY: Record<ServerKind, string> = {
  talkoot: path.join(ROOT, 'server/main.ts'),
  reference: fileURLToPath(new URL('./reference.ts', import.meta.url)),
  hocuspocus: fileURLToPath(new URL('./hocuspocus.ts', import.meta.url)),
};

/** One board/document on a server, and how each role reaches it. */
export interface RoomAccess {
  name: string;
  client(id: number, role: 'editor' | 'viewer'): ClientSpec;
}

export interface ServerSample {
  cpuUs: number;
  rss: number;
  heapUsed: number;
  external: number;
}

export interface ServerHandle {
  kind: ServerKind;
  pid: number;
  port: number;
  newRoom(): Promise<RoomAccess>;
  /** CPU time and memory of the server process (after a full GC when `gc`). */
  sample(gc?: boolean): Promise<ServerSample>;
  /** Talkoot's Prometheus text; empty for the peers. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Write a V8 CPU profile of the server into this folder. */
  profileDir?: string;
  env?: Record<string, string>;
}

const ADMIN_TOKEN = 'bench-admin-token-0123456789';
let roomCounter = 0;

/** Starts a server under test in its own process on 127.0.0.1, port 0. */
export async function startServer(
  kind: ServerKind,
  options: StartOptions = {},
): Promise<ServerHandle> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `talkoot-bench-${kind}-`));
  const execArgv = ['--expose-gc', '--import', 'tsx', '--import', PROBE];
  if (options.profileDir) execArgv.push('--cpu-prof', '--cpu-prof-dir', options.profileDir);
  const child = spawn(process.execPath, [...execArgv, ENTRY[kind]], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      TALKOOT_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  track(child);
  const port = await waitReady(child);
  const base = `http://127.0.0.1:${port}`;
  const samples = new Map<number, (s: ServerSample) => void>();
  let sampleId = 0;
  child.on('message', (m: { probe?: string; id: number } & ServerSample) => {
    if (m?.probe !== 'sample') return;
    samples.get(m.id)?.(m);
    samples.delete(m.id);
  });
  let forumId: Promise<string> | null = null;

  const newRoom = async (): Promise<RoomAccess> => {
    const name = `bench-${process.pid}-${++roomCounter}`;
    if (kind === 'reference') {
      return {
        name,
        client: (id, role) => ({
          id,
          role,
          url: `ws://127.0.0.1:${port}/${name}`,
          framing: 'y',
          docName: name,
          token: '',
        }),
      };
    }
    if (kind === 'hocuspocus') {
      return {
        name,
        client: (id, role) => ({
          id,
          role,
          url: `ws://127.0.0.1:${port}`,
          framing: 'hocus',
          docName: name,
          token: role,
        }),
      };
    }
    forumId ??= api<{ id: string }>(base, '/api/forums', { title: 'Bench' }).then((f) => f.id);
    const board = await api<{ id: string; tokens: { participant: string; viewer: string } }>(
      base,
      `/api/forums/${await forumId}/boards`,
      { title: name },
    );
    return {
      name: board.id,
      client: (id, role) => {
        const token = role === 'editor' ? board.tokens.participant : board.tokens.viewer;
        return {
          id,
          role,
          url: `ws://127.0.0.1:${port}/sync/${board.id}?token=${encodeURIComponent(token)}`,
          framing: 'y',
          docName: board.id,
          token,
        };
      },
    };
  };

  return {
    kind,
    pid: child.pid!,
    port,
    newRoom,
    sample: (gc = false) =>
      new Promise((resolve, reject) => {
        const id = ++sampleId;
        const timer = setTimeout(() => reject(new Error(`${kind} did not answer a probe`)), 30_000);
        samples.set(id, (s) => {
          clearTimeout(timer);
          resolve(s);
        });
        child.send({ probe: 'sample', id, gc });
      }),
    metrics: async () => (kind === 'talkoot' ? (await fetch(`${base}/metrics`)).text() : ''),
    stop: async () => {
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function api<T>(base: string, pathName: string, body: unknown): Promise<T> {
  const res = await fetch(base + pathName, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${pathName} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The port, from the peers' IPC message or Talkoot's startup banner. */
function waitReady(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}\n${err}`));
    }, 30_000);
    const done = (port: number) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(port);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}\n${err}`));
    };
    child.once('exit', onExit);
    child.on('message', (m: { ready?: number }) => {
      if (typeof m?.ready === 'number') done(m.ready);
    });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /On this machine:\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (match) done(Number(match[1]));
    });
    // Keep reading stderr so a chatty server never blocks on a full pipe.
    child.stderr!.on('data', (d: Buffer) => {
      if (err.length < 20_000) err += d.toString();
    });
  });
}
