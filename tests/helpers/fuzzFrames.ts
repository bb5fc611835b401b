import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { boardRoots } from '../../shared/board/roots';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { MessageType } from '../../shared/protocol/messageTypes';
import { updateMessage } from './clients';
import {
  deepNestingUpdate,
  deleteRangeUpdate,
  schemaVersionUpdate,
  updateAfter,
} from './hostileUpdates';
import {
  awarenessFrame,
  frame,
  noteUpdate,
  pendingUpdate,
  step2Message,
  textUpdate,
} from './protocolFrames';

/** Which token a fuzz socket connects with, or a broken URL. */
export type FuzzAccess =
  'participant' | 'viewer' | 'participant-control' | 'no-token' | 'forged' | 'bad-board';

/** `open`: the socket must survive (the server ignores or drops what it sent). */
export type Outcome = number | 'open';

export interface FuzzCase {
  kind: string;
  access: FuzzAccess;
  frames: Array<Uint8Array | string>;
  /** Every outcome the protocol allows for this case. */
  allowed: Outcome[];
  /** Text the server must never relay or store (tags of writes it must drop). */
  forbiddenTag?: string;
}

export interface FuzzContext {
  random: () => number;
  /** Client ids of honest providers, for spoofing attempts. */
  honestIds: () => number[];
  maxFrameBytes: number;
  maxUpdateBytes: number;
  maxAwarenessStateBytes: number;
  serial: () => number;
}

const bytes = (random: () => number, n: number) =>
  Uint8Array.from({ length: n }, () => Math.floor(random() * 256));

const BAD_REQUEST = CloseCode.BadRequest;

/** The generators, weighted by how often they are drawn. */
const GENERATORS: Array<[number, (ctx: FuzzContext) => FuzzCase]> = [
  [
    12,
    ({ random }) => ({
      kind: 'random-bytes',
      access: 'participant',
      frames: [bytes(random, 1 + Math.floor(random() * 64))],
      // Random bytes may, rarely, spell a message the server accepts or ignores.
      allowed: [BAD_REQUEST, CloseCode.Forbidden, CloseCode.TooLarge, 'open'],
    }),
  ],
  [
    6,
    ({ random }) => {
      const variants = [
        [0x80],
        [0xff, 0xff, 0xff],
        [0x00, 0x80],
        [0x00, 0x02, 0x80],
        [0x00, 0x00, 0xff],
        [0x01, 0xff, 0xff],
        [0x01, 0x05, 0x01, 0x80],
      ];
      return {
        kind: 'truncated-varint',
        access: 'participant',
        frames: [Uint8Array.from(variants[Math.floor(random() * variants.length)]!)],
        allowed: [BAD_REQUEST],
      };
    },
  ],
  [
    5,
    ({ random }) => ({
      kind: 'unknown-type',
      access: random() < 0.5 ? 'participant' : 'viewer',
      frames: [
        frame((e) => {
          encoding.writeVarUint(e, 4 + Math.floor(random() * 2 ** (random() < 0.5 ? 7 : 31)));
          encoding.writeUint8Array(e, bytes(random, Math.floor(random() * 16)));
        }),
      ],
      allowed: [BAD_REQUEST],
    }),
  ],
  [
    4,
    ({ random }) => ({
      kind: 'unknown-sync-step',
      access: 'participant',
      frames: [Uint8Array.from([0, 3 + Math.floor(random() * 120), ...bytes(random, 4)])],
      allowed: [BAD_REQUEST],
    }),
  ],
  [
    4,
    () => ({
      kind: 'empty-frame',
      access: 'participant',
      frames: [new Uint8Array()],
      allowed: [BAD_REQUEST],
    }),
  ],
  [
    4,
    ({ random }) => ({
      kind: 'text-frame',
      access: random() < 0.5 ? 'participant' : 'viewer',
      frames: [random() < 0.5 ? 'hello' : '\u0000{"type":0}'],
      allowed: [BAD_REQUEST],
    }),
  ],
  [
    14,
    ({ random, serial }) => {
      const update = noteUpdate(`corrupt:${serial()}`);
      const mutated = update.slice();
      const mode = random();
      let out: Uint8Array;
      if (mode < 0.4) {
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
          mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
        }
        out = mutated;
      } else if (mode < 0.7) {
        out = mutated.slice(0, Math.floor(random() * mutated.length));
      } else {
        const at = Math.floor(random() * mutated.length);
        out = Uint8Array.from([
          ...mutated.slice(0, at),
          ...bytes(random, 1 + Math.floor(random() * 8)),
          ...mutated.slice(at),
        ]);
      }
      return {
        kind: 'corrupt-update',
        access: 'participant',
        frames: [updateMessage(out)],
        // A corrupted update may still decode (then it is just an odd participant's write).
        allowed: [BAD_REQUEST, 'open'],
      };
    },
  ],
  [
    3,
    ({ random }) => ({
      kind: 'corrupt-state-vector',
      access: random() < 0.5 ? 'participant' : 'viewer',
      frames: [
        frame((e) => {
          encoding.writeVarUint(e, MessageType.Sync);
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint8Array(e, Uint8Array.from([5, 0x80, 0x80]));
        }),
      ],
      allowed: [BAD_REQUEST],
    }),
  ],
  [
    2,
    ({ maxUpdateBytes, serial }) => ({
      kind: 'update-over-update-limit',
      access: 'participant',
      frames: [updateMessage(textUpdate(`huge:${serial()}:${'x'.repeat(maxUpdateBytes)}`))],
      allowed: [CloseCode.TooLarge],
    }),
  ],
  [
    1,
    ({ random, maxFrameBytes }) => ({
      kind: 'frame-over-frame-limit',
      access: 'participant',
      frames: [Uint8Array.from([0, 2, ...bytes(random, maxFrameBytes + 10)])],
      allowed: [CloseCode.TooLarge],
    }),
  ],
  [
    1,
    ({ maxFrameBytes }) => ({
      kind: 'frame-over-twice-the-limit',
      access: 'participant',
      frames: [new Uint8Array(maxFrameBytes * 2 + 100)],
      // ws refuses it before it is buffered: 1009 (message too big).
      allowed: [1009],
    }),
  ],
  [
    6,
    ({ serial, random }) => {
      const tag = `viewer:${serial()}`;
      const update = noteUpdate(tag);
      return {
        kind: 'viewer-write',
        access: 'viewer',
        frames: [random() < 0.5 ? updateMessage(update) : step2Message(update)],
        allowed: ['open'],
        forbiddenTag: tag,
      };
    },
  ],
  [
    3,
    ({ serial }) => {
      const tag = `control:${serial()}`;
      return {
        kind: 'control-write',
        access: 'participant-control',
        frames: [updateMessage(noteUpdate(tag))],
        allowed: ['open'],
      };
    },
  ],
  [
    6,
    ({ honestIds, random }) => {
      const ids = honestIds();
      return {
        kind: 'awareness-foreign-id',
        access: 'participant',
        frames: [
          awarenessFrame([
            {
              clientId: ids[Math.floor(random() * ids.length)]!,
              clock: 1_000_000 + Math.floor(random() * 1000),
              json: random() < 0.3 ? 'null' : '{"user":{"name":"Mallory"}}',
            },
          ]),
        ],
        allowed: [CloseCode.Forbidden],
      };
    },
  ],
  [
    3,
    ({ random }) => ({
      kind: 'awareness-too-many-ids',
      access: 'participant',
      frames: [
        awarenessFrame(
          Array.from({ length: 5 + Math.floor(random() * 50) }, (_, i) => ({
            clientId: 3_000_000_000 + Math.floor(random() * 1e8) + i,
            clock: 1,
            json: '{}',
          })),
        ),
      ],
      allowed: [CloseCode.Forbidden],
    }),
  ],
  [
    2,
    ({ random, maxAwarenessStateBytes }) => ({
      kind: 'awareness-state-too-big',
      access: 'participant',
      frames: [
        awarenessFrame([
          {
            clientId: 2_000_000_000 + Math.floor(random() * 1e8),
            clock: 1,
            json: JSON.stringify({ pad: 'p'.repeat(maxAwarenessStateBytes) }),
          },
        ]),
      ],
      allowed: [CloseCode.TooLarge],
    }),
  ],
  [
    3,
    ({ random }) => ({
      kind: 'awareness-bad-json',
      access: 'participant',
      frames: [
        awarenessFrame(
          [{ clientId: 2_000_000_000 + Math.floor(random() * 1e8), clock: 1, json: '{"a":' }],
          false,
        ),
      ],
      allowed: [BAD_REQUEST],
    }),
  ],
  [
    2,
    ({ random }) => ({
      kind: 'awareness-trailing-bytes',
      access: 'participant',
      frames: [
        awarenessFrame(
          [{ clientId: 2_000_000_000 + Math.floor(random() * 1e8), clock: 1, json: '{}' }],
          true,
        ),
      ],
      allowed: [BAD_REQUEST],
    }),
  ],
  [
    3,
    ({ random }) => ({
      kind: 'viewer-awareness',
      access: 'viewer',
      frames: [
        awarenessFrame([
          { clientId: 1_500_000_000 + Math.floor(random() * 1e8), clock: 1, json: '{"v":1}' },
        ]),
      ],
      allowed: ['open'],
    }),
  ],
  [
    2,
    ({ random }) => ({
      kind: 'auth-message',
      access: 'participant',
      frames: [Uint8Array.from([MessageType.Auth, ...bytes(random, 8)])],
      allowed: ['open'],
    }),
  ],
  [
    2,
    ({ random }) => ({
      kind: 'missing-dependencies',
      access: 'participant',
      frames: [updateMessage(pendingUpdate(random))],
      allowed: ['open'],
    }),
  ],
  [
    2,
    () => ({ kind: 'no-token', access: 'no-token', frames: [], allowed: [CloseCode.Unauthorized] }),
  ],
  // Structurally valid updates that break the board's schema or rules (shared/board/updateCheck):
  // each must be refused whole, and nothing of it may reach anyone.
  [
    3,
    ({ random, serial }) => {
      const tag = `foreign:${serial()}`;
      const root = ['evil', 'items', 'm', 'control', 'notes2'][Math.floor(random() * 5)]!;
      return {
        kind: 'schema-foreign-root',
        access: 'participant',
        frames: [updateMessage(updateAfter(null, (d) => d.getMap(root).set('x', tag)))],
        allowed: [BAD_REQUEST],
        forbiddenTag: tag,
      };
    },
  ],
  [
    3,
    ({ random, serial }) => {
      const tag = `shape:${serial()}`;
      const id = `n${serial()}`;
      const variants: Array<(d: Y.Doc) => void> = [
        (d) => boardRoots(d).notes.set(id, tag as never),
        (d) =>
          boardRoots(d).notes.set(
            id,
            new Y.Map<unknown>([
              ['text', 42],
              ['tag', tag],
            ]),
          ),
        (d) => boardRoots(d).notes.set(id, new Y.Map<unknown>([['x', tag]])),
        (d) => boardRoots(d).notes.set(id, new Y.Map<unknown>([['text', new Y.Text(tag)]])),
        (d) => boardRoots(d).clusters.set(id, new Y.Array() as never),
        (d) => boardRoots(d).proposals.set(id, new Y.XmlElement(tag) as never),
        (d) => boardRoots(d).notes.set(id, new Y.Map<unknown>([['color', tag]])),
      ];
      const write = variants[Math.floor(random() * variants.length)]!;
      return {
        kind: 'schema-wrong-shape',
        access: 'participant',
        frames: [updateMessage(updateAfter(null, write))],
        allowed: [BAD_REQUEST],
        forbiddenTag: tag,
      };
    },
  ],
  [
    2,
    ({ random }) => ({
      kind: 'schema-deep-nesting',
      access: 'participant',
      // Past the schema's depth and up to what fits the fuzz run's 32 KB update limit.
      frames: [
        updateMessage(
          deepNestingUpdate(65 + Math.floor(random() * 2000), 1 + Math.floor(random() * 1e9)),
        ),
      ],
      allowed: [BAD_REQUEST, CloseCode.TooLarge],
    }),
  ],
  [
    2,
    ({ random }) => ({
      kind: 'rule-schema-version',
      access: 'participant',
      frames: [updateMessage(schemaVersionUpdate(null, 2 + Math.floor(random() * 1000)))],
      // Refused by rule: permission denied, the socket stays open, meta stays the server's.
      allowed: ['open'],
    }),
  ],
  [
    2,
    ({ random, honestIds }) => {
      const ids = honestIds();
      const victim = ids[Math.floor(random() * ids.length)] ?? 1;
      return {
        kind: 'future-delete-set',
        access: 'participant',
        frames: [
          updateMessage(deleteRangeUpdate(victim, 1_000_000 + Math.floor(random() * 1e6), 1e6)),
        ],
        allowed: ['open'],
      };
    },
  ],
  [
    2,
    ({ random, honestIds, serial }) => {
      const ids = honestIds();
      const victim = ids[Math.floor(random() * ids.length)] ?? 1;
      const tag = `spoof:${serial()}`;
      const doc = new Y.Doc();
      doc.clientID = victim;
      // Pad the clock past what the victim has written (distinct keys: no delete set, which
      // would be an ordinary participant's delete of notes), then write under its id.
      const pad = doc.getMap<unknown>('pad');
      for (let k = 0; k < 40; k++) pad.set(`k${k}`, k);
      const before = Y.encodeStateVector(doc);
      boardRoots(doc).notes.set(`s${serial()}`, new Y.Map<unknown>([['text', tag]]));
      return {
        kind: 'spoofed-client-id',
        access: 'participant',
        frames: [updateMessage(Y.encodeStateAsUpdate(doc, before))],
        // Depends on clocks the server never saw, or (when it has them) writes under an id
        // someone else owns.
        allowed: ['open', CloseCode.Forbidden],
        forbiddenTag: tag,
      };
    },
  ],
  [
    2,
    () => ({
      kind: 'forged-token',
      access: 'forged',
      frames: [],
      allowed: [CloseCode.Unauthorized],
    }),
  ],
  [
    1,
    () => ({
      kind: 'bad-board-id',
      access: 'bad-board',
      frames: [],
      allowed: [CloseCode.NotFound],
    }),
  ],
];

const TOTAL_WEIGHT = GENERATORS.reduce((n, [w]) => n + w, 0);

/** Draws one hostile case. */
export function drawCase(ctx: FuzzContext): FuzzCase {
  let r = ctx.random() * TOTAL_WEIGHT;
  for (const [weight, make] of GENERATORS) {
    r -= weight;
    if (r < 0) return make(ctx);
  }
  return GENERATORS[0]![1](ctx);
}
