import { CloseCode } from '@shared/protocol/closeCodes';
import { AppError, type AppErrorCode } from '../errors';

const CLOSE_FOR: Record<AppErrorCode, number> = {
  bad_request: CloseCode.BadRequest,
  unauthorized: CloseCode.Unauthorized,
  forbidden: CloseCode.Forbidden,
  not_found: CloseCode.NotFound,
  method_not_allowed: CloseCode.BadRequest,
  conflict: CloseCode.Forbidden,
  frozen: CloseCode.Forbidden,
  archived: CloseCode.Forbidden,
  removed: CloseCode.Forbidden,
  no_dots_left: CloseCode.Forbidden,
  one_dot_per_note: CloseCode.Forbidden,
  no_dot_to_take_back: CloseCode.Forbidden,
  too_large: CloseCode.TooLarge,
  unsupported_media_type: CloseCode.BadRequest,
  rate_limited: CloseCode.RateLimitedRetry,
  unavailable: CloseCode.Unavailable,
  internal: CloseCode.InternalError,
};

/**
 * The close code and reason for an error raised while handling a socket. Anything that is not
 * an AppError was thrown by a decoder on bytes the peer sent, so it is the peer's bad request.
 */
export function closeFor(err: unknown): { code: number; reason: string } {
  if (err instanceof AppError) return { code: CLOSE_FOR[err.code], reason: err.message };
  return { code: CloseCode.BadRequest, reason: 'Malformed message' };
}
