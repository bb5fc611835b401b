import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { adminApi, rssMiB } from '../helpers/adminApi';
import { addNote, hasNote } from '../helpers/boardContent';
import { startChildServer, type ChildServer } from '../helpers/childServer';
import { boardUrl, connectProvider, destroyAll, synced, waitFor } from '../helpers/clients';
import { closePayload, encodeFrame, rawWebSocket, type FrameSpec } from '../helpers/wsFrames';

const ADMIN_TOKEN = 'frames-admin-token-0123456789abcdef';
const HEARTBEAT_MS = 500;
const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bytes = (...b: number[]) => Uint8Array.from(b);

let server: ChildServer | null = null;

afterAll(async () => {
  if (server && server.process.exitCode === null) {
    server.process.kill('SIGKILL');
    await server.exited;
  }
});

interface Case {
  name: string;
  frames: FrameSpec[];
  /** Never answer the server's close frame: it must still let go of the socket. */
  linger?: boolean;
  /** The close code the server must answer with; null: it drops the socket without one. */
  expect: number | null;
}

// ws closes with 1002 (protocol error), 1007 (invalid UTF-8) and 1009 (too big); our own
// connection code answers what reaches it (4400 for a text frame).
const CASES: Case[] = [
  { name: 'reserved data opcode 0x3', frames: [{ opcode: 0x3, payload: bytes(1) }], expect: 1002 },
  { name: 'reserved control opcode 0xB', frames: [{ opcode: 0xb }], expect: 1002 },
  {
    name: 'RSV1 without an extension',
    frames: [{ opcode: 0x2, rsv: 0b100, payload: bytes(3) }],
    expect: 1002,
  },
  { name: 'RSV2', frames: [{ opcode: 0x2, rsv: 0b010, payload: bytes(3) }], expect: 1002 },
  { name: 'RSV3', frames: [{ opcode: 0x2, rsv: 0b001, payload: bytes(3) }], expect: 1002 },
  { name: 'close code 999', frames: [{ opcode: 0x8, payload: closePayload(999) }], expect: 1002 },
  {
    name: 'close code 1005 (reserved)',
    frames: [{ opcode: 0x8, payload: closePayload(1005) }],
    expect: 1002,
  },
  {
    name: 'close code 1006 (reserved)',
    frames: [{ opcode: 0x8, payload: closePayload(1006) }],
    expect: 1002,
  },
  { name: 'close code 5000', frames: [{ opcode: 0x8, payload: closePayload(5000) }], expect: 1002 },
  {
    name: 'close with a one-byte body',
    frames: [{ opcode: 0x8, payload: bytes(3) }],
    expect: 1002,
  },
  {
    name: 'close reason that is not UTF-8',
    frames: [{ opcode: 0x8, payload: closePayload(1000, bytes(0xc3, 0x28)) }],
    expect: 1007,
  },
  {
    name: 'text frame with invalid UTF-8',
    frames: [{ opcode: 0x1, payload: bytes(0xff, 0xfe, 0xfd) }],
    expect: 1007,
  },
  {
    name: 'text frame split inside a UTF-8 sequence, never finished',
    frames: [
      { opcode: 0x1, fin: false, payload: bytes(0x61, 0xe2, 0x82) },
      { opcode: 0x0, payload: bytes(0x28) },
    ],
    expect: 1007,
  },
  {
    name: 'header claiming 128 MiB',
    frames: [{ opcode: 0x2, claimLength: 128n * BigInt(MiB) }],
    expect: 1009,
  },
  {
    name: 'header claiming 2^63 bytes',
    frames: [{ opcode: 0x2, claimLength: 2n ** 63n }],
    expect: 1009,
  },
  {
    name: 'unmasked client frame',
    frames: [{ opcode: 0x2, mask: false, payload: bytes(3) }],
    expect: 1002,
  },
  {
    name: 'ping of 126 bytes',
    frames: [{ opcode: 0x9, payload: new Uint8Array(126) }],
    expect: 1002,
  },
  {
    name: 'fragmented ping',
    frames: [{ opcode: 0x9, fin: false, payload: bytes(1) }],
    expect: 1002,
  },
  {
    name: 'continuation without a start',
    frames: [{ opcode: 0x0, payload: bytes(3) }],
    expect: 1002,
  },
  {
    name: 'new message inside a fragmented one',
    frames: [
      { opcode: 0x2, fin: false, payload: bytes(0) },
      { opcode: 0x2, payload: bytes(3) },
    ],
    expect: 1002,
  },
  {
    name: 'fragments adding up past the payload limit',
    frames: [
      ...Array.from({ length: 9 }, () => ({
        opcode: 0x0,
        fin: false,
        payload: new Uint8Array(MiB / 4),
      })),
    ].map((f, i) => (i === 0 ? { ...f, opcode: 0x2 } : f)),
    expect: 1009,
  },
  {
    name: 'valid UTF-8 text frame',
    frames: [{ opcode: 0x1, payload: Buffer.from('hello') }],
    expect: CloseCode.BadRequest,
  },
  {
    name: 'close frame never answered',
    frames: [{ opcode: 0x3, payload: bytes(1) }],
    expect: 1002,
    linger: true,
  },
  // Half a header, then silence: only the heartbeat can tell, and it drops the socket.
  { name: 'half a frame, then silence', frames: [], expect: null },
];

describe('WebSocket frame-level abuse', () => {
  it('reserved opcodes, RSV bits, bad close codes, invalid UTF-8 and a 128 MiB header close only that socket; the process stays up', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-frames-'));
    server = await startChildServer({
      PORT: '0',
      DATA_DIR: dataDir,
      TALKOOT_ADMIN_TOKEN: ADMIN_TOKEN,
      HEARTBEAT_MS: String(HEARTBEAT_MS),
      MAX_FRAME_BYTES: String(MiB),
    });
    const [board] = await adminApi(server.url, ADMIN_TOKEN).boards(1);
    const syncUrl = `ws://127.0.0.1:${server.port}/sync`;
    const a = connectProvider(syncUrl, board!.id, board!.tokens.participant);
    const b = connectProvider(syncUrl, board!.id, board!.tokens.participant);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const honestCloses: number[] = [];
    for (const p of [a.provider, b.provider])
      p.on('connection-close', (e) => honestCloses.push(e?.code ?? 0));
    const rssBefore = rssMiB(server.process.pid!);

    const results: string[] = [];
    const wrong: string[] = [];
    for (const c of CASES) {
      const raw = await rawWebSocket(boardUrl(syncUrl, board!.id, board!.tokens.participant));
      expect(raw.status).toContain('101');
      // Let the connection be set up, so the frames meet an open connection.
      await sleep(30);
      if (c.frames.length === 0) raw.write(Buffer.from([0x82]));
      for (const f of c.frames) raw.write(encodeFrame(f));
      let code: number | null;
      let ms: number;
      if (c.expect === null) {
        ({ closeCode: code, ms } = await raw.ended);
      } else {
        const started = Date.now();
        await waitFor(() => raw.closeCode() !== null, 5000, `close frame for ${c.name}`).catch(
          () => undefined,
        );
        code = raw.closeCode();
        if (c.linger) await raw.ended;
        ms = Date.now() - started;
        raw.socket.destroy();
      }
      results.push(`${c.name}→${code ?? 'dropped'}(${ms}ms)`);
      if (code !== c.expect) wrong.push(`${c.name}: got ${code}, want ${c.expect}`);
    }

    // Everyone else carried on, and nothing is left of the bad sockets.
    addNote(a.doc, 'after');
    await waitFor(() => hasNote(b.doc, 'after'), 5000, 'honest edit');
    const health = await fetch(`${server.url}/healthz`);
    const serverConnections = async () => {
      const text = await (await fetch(`${server!.url}/metrics`)).text();
      return [...text.matchAll(/^talkoot_connections\{[^}]*\} (\d+)/gm)].reduce(
        (n, m) => n + Number(m[1]),
        0,
      );
    };
    let connections = await serverConnections();
    for (let i = 0; i < 20 && connections !== 2; i++) {
      await sleep(HEARTBEAT_MS / 2);
      connections = await serverConnections();
    }
    const rssAfter = rssMiB(server.process.pid!);
    console.log(
      `FAULTS frames: cases=${CASES.length} wrong=${wrong.length} processAlive=${server.process.exitCode === null} ` +
        `serverConnections=${connections} honestCloses=${honestCloses.length} rssMiB=${rssBefore}->${rssAfter}`,
    );
    console.log(`FAULTS frames detail: ${results.join('; ')}`);
    expect(wrong).toEqual([]);
    expect(server.process.exitCode).toBeNull();
    expect(health.status).toBe(200);
    expect(connections).toBe(2);
    expect(honestCloses).toEqual([]);
    // The 128 MiB claim was refused before anything was buffered.
    expect(rssAfter - rssBefore).toBeLessThan(64);
    await destroyAll(a.provider, b.provider);
  });
});
