// 64 symbols, so `byte & 63` picks one without modulo bias.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Length of generated record ids: 21 symbols ≈ 126 random bits, collision-free in practice. */
export const RECORD_ID_LENGTH = 21;

/** A random url-safe id matching `ID_PATTERN`; uses Web Crypto, present in browsers and Node 20. */
export function randomId(length: number = RECORD_ID_LENGTH): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}
