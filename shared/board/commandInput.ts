export type BoardCommandErrorCode = 'invalid-input';

/**
 * Thrown for malformed arguments (a bug in the caller: NaN coordinates, unknown colour). A missing
 * record is not an error — someone may just have deleted it — so those commands return false.
 */
export class BoardCommandError extends Error {
  readonly code: BoardCommandErrorCode;

  constructor(code: BoardCommandErrorCode, message: string) {
    super(message);
    this.name = 'BoardCommandError';
    this.code = code;
  }
}

/** Throws BoardCommandError('invalid-input'). */
export function invalid(message: string): never {
  throw new BoardCommandError('invalid-input', message);
}

/** `value` when it is a finite number; otherwise throws. */
export function requireFinite(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    invalid(`${what} must be a finite number`);
  }
  return value;
}

/** `value` when it is a string; otherwise throws. */
export function requireString(value: string, what: string): string {
  if (typeof value !== 'string') invalid(`${what} must be a string`);
  return value;
}

/** `value` when it is a string or null; otherwise throws. */
export function requireNullableString(value: string | null, what: string): string | null {
  return value === null ? null : requireString(value, what);
}
