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
}

export interface ServerMemory {
  rss: number;
  heapUsed: number;
  /** Buffers and other memory outside the JS heap. */
  external: number;
}

export interface ServerHandle {
  kind: ServerKind;
  pid: number;
  port: number;
  newRoom(): Promise<RoomAccess>;
  /**
   * CPU time (all threads) and RSS, read from /proc: a relay whose event loop is swamped cannot
   * delay or skew the reading, as it would by answering a message late.
   */
  sample(): Promise<ServerSample>;
  /** Memory as the server sees it, after a full GC when `gc` (asks the process over IPC). */
  memory(gc: boolean): Promise<ServerMemory>;
  /** Talkoot's Prometheus text; empty for the peers. */
  metrics(): Promise<string>;
  /** Null while running; otherwise how it ended and the tail of its stderr. */
  exitReport(): string | null;
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
      // Thousands of simulated viewers come from one address here.
      MAX_CONNECTIONS_PER_ADDRESS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  track(child);
  const { port, stderr } = await waitReady(child);
  const base = `http://127.0.0.1:${port}`;
  const samples = new Map<number, (s: ServerMemory & { cpuUs: number }) => void>();
  let sampleId = 0;
  child.on('message', (m: { probe?: string; id: number } & ServerMemory & { cpuUs: number }) => {
    if (m?.probe !== 'sample') return;
    samples.get(m.id)?.(m);
    samples.delete(m.id);
  });
  let forumId: Promise<string> | null = null;
  const ask = (gc: boolean) =>
    new Promise<ServerMemory & { cpuUs: number }>((resolve, reject) => {
      const id = ++sampleId;
      const timer = setTimeout(() => reject(new Error(`${kind} did not answer a probe`)), 30_000);
      samples.set(id, (s) => {
        clearTimeout(timer);
        resolve(s);
      });
      child.send({ probe: 'sample', id, gc });
    });

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
    sample: async () => {
      const fromProc = procSample(child.pid!);
      if (fromProc) return fromProc;
      const viaIpc = await ask(false);
      return { cpuUs: viaIpc.cpuUs, rss: viaIpc.rss };
    },
    memory: (gc) => ask(gc),
    exitReport: () =>
      child.exitCode === null && child.signalCode === null
        ? null
        : `${kind} exited (${child.exitCode ?? child.signalCode}): ${stderr().slice(-500)}`,
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

/** CPU time of every thread (ns precision, schedstat) and RSS of `pid`; null without /proc. */
function procSample(pid: number): ServerSample | null {
  try {
    let ns = 0;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended between listing and reading
      }
    }
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return { cpuUs: ns / 1000, rss: rssKb * 1024 };
  } catch {
    return null;
  }
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

/** The port, from the peers' IPC message or Talkoot's startup banner, and a stderr reader. */
function waitReady(child: ChildProcess): Promise<{ port: number; stderr: () => string }> {
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
      resolve({ port, stderr: () => err });
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
      if (out.length > 20_000) return;
      out += d.toString();
      const match = /On this machine:\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (match) done(Number(match[1]));
    });
    // Keep reading stderr so a chatty server never blocks on a full pipe.
    child.stderr!.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-20_000);
    });
  });
}
