/** The UI languages; also the languages a note can carry. */
export const LANGUAGES = ['en', 'fi', 'sv'] as const;

export type Language = (typeof LANGUAGES)[number];

/** True when `value` is a UI language code. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
