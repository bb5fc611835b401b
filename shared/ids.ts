/** Ids of forums and boards: url-safe, 1–64 characters. Anything else in a path is refused. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** True when `value` is a well-formed forum or board id. */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
