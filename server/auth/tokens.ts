import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { isRole, type Role } from '@shared/roles';
import { isValidId } from '@shared/ids';
import { AppError } from '../errors';

/** What a verified board token says. `gen` must match the board's current link generation. */
export interface BoardClaims {
  boardId: string;
  role: Role;
  gen: number;
  /** Set for personal links (issued when someone joins with a name); null for role links. */
  personId: string | null;
  name: string | null;
}

export type ForumClaims =
  | { kind: 'entrance'; forumId: string; gen: number }
  | { kind: 'forum-person'; forumId: string; gen: number; personId: string };

export interface PersonClaims {
  boardId: string;
  role: Role;
  gen: number;
  personId: string;
  name: string;
}

const ISSUER = 'talkoot';
const BOARD_TOKEN = 'board';
/** A personal link: a role link plus who holds it, so votes and private notes follow the person. */
const PERSON_TOKEN = 'person';
/** One device at one forum's entrance (its cookie): the entrance places a device once. */
const DEVICE_TOKEN = 'device';

/** Tells whether a facilitator removed `personId` from `boardId`. */
export type RemovalCheck = (boardId: string, personId: string) => Promise<boolean>;

/** Signs and verifies role links (HS256 JWTs) and checks the admin token. */
export class TokenService {
  private readonly key: Uint8Array;
  private readonly adminDigest: Buffer;
  private removed: RemovalCheck | null = null;

  constructor(
    secret: string,
    adminToken: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
    this.adminDigest = digest(adminToken);
  }

  /**
   * Where removals are recorded: from then on a removed person's personal tokens open nothing,
   * whichever route or socket they are shown to.
   */
  useRemovals(check: RemovalCheck): void {
    this.removed = check;
  }

  /** A signed token giving `role` on `boardId` for link generation `gen`. */
  async signBoardToken(claims: Pick<BoardClaims, 'boardId' | 'role' | 'gen'>): Promise<string> {
    return new SignJWT({ role: claims.role, gen: claims.gen, kind: BOARD_TOKEN })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(claims.boardId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.key);
  }

  /** A personal token: `role` on `boardId` for one person who joined with a name. */
  async signPersonToken(claims: PersonClaims): Promise<string> {
    return new SignJWT({
      role: claims.role,
      gen: claims.gen,
      kind: PERSON_TOKEN,
      pid: claims.personId,
      name: claims.name,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(claims.boardId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.key);
  }

  /**
   * Verifies a board token for `boardId`. Throws AppError 'unauthorized' when it is missing,
   * forged, expired or for another board, and 'forbidden' when it is valid but not a board link.
   */
  async verifyBoardToken(token: string | null | undefined, boardId: string): Promise<BoardClaims> {
    if (!token) throw new AppError('unauthorized', 'A token is required');
    if (token.length > 4096) throw new AppError('unauthorized', 'The token is not valid');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) {
        throw new AppError('unauthorized', 'The link has expired');
      }
      throw new AppError('unauthorized', 'The token is not valid');
    }
    if (payload.kind !== BOARD_TOKEN && payload.kind !== PERSON_TOKEN) {
      throw new AppError('forbidden', 'This token does not open a board');
    }
    const person = payload.kind === PERSON_TOKEN;
    if (person && (!isValidId(payload.pid) || typeof payload.name !== 'string')) {
      throw new AppError('unauthorized', 'The token is not valid');
    }
    if (!isValidId(payload.sub) || !isRole(payload.role) || !Number.isInteger(payload.gen)) {
      throw new AppError('unauthorized', 'The token is not valid');
    }
    if (payload.sub !== boardId) {
      throw new AppError('unauthorized', 'The token is for another board');
    }
    if (person && this.removed && (await this.removed(boardId, payload.pid as string))) {
      throw new AppError('removed', 'A facilitator removed this person from the board');
    }
    return {
      boardId: payload.sub,
      role: payload.role,
      gen: payload.gen as number,
      personId: person ? (payload.pid as string) : null,
      name: person ? (payload.name as string) : null,
    };
  }

  /**
   * A forum-level token: the entrance link everyone in the room scans (`entrance`), or the
   * token that tells one person who came in through it where they sit (`forum-person`).
   */
  async signForumToken(claims: ForumClaims): Promise<string> {
    return new SignJWT({
      kind: claims.kind,
      gen: claims.gen,
      ...(claims.kind === 'forum-person' ? { pid: claims.personId } : {}),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(claims.forumId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.key);
  }

  /** Verifies a forum-level token of `kind` for `forumId`; throws AppError 'unauthorized'. */
  async verifyForumToken(
    token: string | null | undefined,
    forumId: string,
    kind: ForumClaims['kind'],
  ): Promise<ForumClaims> {
    if (!token || token.length > 4096)
      throw new AppError('unauthorized', 'A valid link is required');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired)
        throw new AppError('unauthorized', 'The link has expired');
      throw new AppError('unauthorized', 'The token is not valid');
    }
    if (payload.kind !== kind || payload.sub !== forumId || !Number.isInteger(payload.gen)) {
      throw new AppError('unauthorized', 'The token is not valid for this forum');
    }
    if (kind === 'forum-person') {
      if (!isValidId(payload.pid)) throw new AppError('unauthorized', 'The token is not valid');
      return { kind, forumId, gen: payload.gen as number, personId: payload.pid };
    }
    return { kind: 'entrance', forumId, gen: payload.gen as number };
  }

  /** A device token for the entrance of `forumId`: a random device id, signed. */
  async signDeviceToken(forumId: string, deviceId: string): Promise<string> {
    return new SignJWT({ kind: DEVICE_TOKEN, did: deviceId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(forumId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.key);
  }

  /** The device id of a valid device token for `forumId`, else null (never throws). */
  async verifyDeviceToken(
    token: string | null | undefined,
    forumId: string,
  ): Promise<string | null> {
    if (!token || token.length > 4096) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
      });
      if (payload.kind !== DEVICE_TOKEN || payload.sub !== forumId || !isValidId(payload.did)) {
        return null;
      }
      return payload.did;
    } catch {
      return null;
    }
  }

  /**
   * A stable id derived from `input` with the signing key (HMAC-SHA-256, 96 bits, url-safe):
   * the same device always maps to the same person, and nobody can pick another's.
   */
  derivedId(input: string): string {
    return createHmac('sha256', this.key)
      .update(input)
      .digest()
      .subarray(0, 12)
      .toString('base64url');
  }

  /** Constant-time check of an admin bearer token. */
  isAdmin(token: string | null | undefined): boolean {
    if (!token) return false;
    return timingSafeEqual(digest(token), this.adminDigest);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
