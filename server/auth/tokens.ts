import { createHash, timingSafeEqual } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { isRole, type Role } from '@shared/roles';
import { isValidId } from '@shared/ids';
import { AppError } from '../errors';

/** What a verified board token says. `gen` must match the board's current link generation. */
export interface BoardClaims {
  boardId: string;
  role: Role;
  gen: number;
}

const ISSUER = 'talkoot';
const BOARD_TOKEN = 'board';

/** Signs and verifies role links (HS256 JWTs) and checks the admin token. */
export class TokenService {
  private readonly key: Uint8Array;
  private readonly adminDigest: Buffer;

  constructor(
    secret: string,
    adminToken: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
    this.adminDigest = digest(adminToken);
  }

  /** A signed token giving `role` on `boardId` for link generation `gen`. */
  async signBoardToken(claims: BoardClaims): Promise<string> {
    return new SignJWT({ role: claims.role, gen: claims.gen, kind: BOARD_TOKEN })
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
    if (payload.kind !== BOARD_TOKEN) {
      throw new AppError('forbidden', 'This token does not open a board');
    }
    if (!isValidId(payload.sub) || !isRole(payload.role) || !Number.isInteger(payload.gen)) {
      throw new AppError('unauthorized', 'The token is not valid');
    }
    if (payload.sub !== boardId) {
      throw new AppError('unauthorized', 'The token is for another board');
    }
    return { boardId: payload.sub, role: payload.role, gen: payload.gen as number };
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
