import { describe, expect, it } from 'vitest';
import { TokenService } from './tokens';
import { AppError } from '../errors';

const service = new TokenService('s'.repeat(43), 'admin-token-123456', 3600);

describe('board tokens', () => {
  it('a signed token verifies for its own board with its role and generation', async () => {
    const token = await service.signBoardToken({ boardId: 'board1', role: 'viewer', gen: 3 });
    expect(await service.verifyBoardToken(token, 'board1')).toEqual({
      boardId: 'board1',
      role: 'viewer',
      gen: 3,
      personId: null,
      name: null,
    });
  });

  it('a personal token carries who holds it', async () => {
    const token = await service.signPersonToken({
      boardId: 'board1',
      role: 'participant',
      gen: 1,
      personId: 'p1',
      name: 'Aino',
    });
    expect(await service.verifyBoardToken(token, 'board1')).toMatchObject({
      role: 'participant',
      personId: 'p1',
      name: 'Aino',
    });
  });

  it('a token never opens another board', async () => {
    const token = await service.signBoardToken({ boardId: 'board1', role: 'facilitator', gen: 1 });
    await expect(service.verifyBoardToken(token, 'board2')).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });

  it('a token signed with another secret, a tampered token and no token are refused', async () => {
    const other = new TokenService('t'.repeat(43), 'admin-token-123456', 3600);
    const foreign = await other.signBoardToken({ boardId: 'b', role: 'facilitator', gen: 1 });
    const own = await service.signBoardToken({ boardId: 'b', role: 'viewer', gen: 1 });
    const [h, , s] = own.split('.');
    const payload = Buffer.from(
      JSON.stringify({ role: 'facilitator', gen: 1, kind: 'board', sub: 'b', iss: 'talkoot' }),
    ).toString('base64url');
    for (const token of [foreign, `${h}.${payload}.${s}`, '', null, 'a.b.c']) {
      const err = await service.verifyBoardToken(token, 'b').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('unauthorized');
    }
  });

  it('an expired token is refused', async () => {
    const shortLived = new TokenService('s'.repeat(43), 'admin-token-123456', -10);
    const token = await shortLived.signBoardToken({ boardId: 'b', role: 'viewer', gen: 1 });
    await expect(service.verifyBoardToken(token, 'b')).rejects.toThrow('expired');
  });

  it('the admin check accepts only the exact admin token', () => {
    expect(service.isAdmin('admin-token-123456')).toBe(true);
    expect(service.isAdmin('admin-token-12345')).toBe(false);
    expect(service.isAdmin(null)).toBe(false);
    expect(service.isAdmin('')).toBe(false);
  });
});
