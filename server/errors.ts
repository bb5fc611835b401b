/** Error codes the server raises; HTTP handlers and socket handlers map them at the boundary. */
export type AppErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'frozen'
  | 'archived'
  | 'removed'
  | 'no_dots_left'
  | 'one_dot_per_note'
  | 'no_dot_to_take_back'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

const HTTP_STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  frozen: 409,
  archived: 409,
  removed: 403,
  no_dots_left: 409,
  one_dot_per_note: 409,
  no_dot_to_take_back: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** An error with a typed code, safe to show to the client (its message never holds secrets). */
export class AppError extends Error {
  readonly code: AppErrorCode;

  constructor(code: AppErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}
