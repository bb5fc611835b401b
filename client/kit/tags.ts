/**
 * Expertise tags. Suggested tags are stored as stable keys (so tables can be matched by
 * expertise whatever language people joined in) and shown translated; free tags are stored as
 * typed.
 */
export const SUGGESTED_TAGS = [
  'mobility',
  'data-policy',
  'public-sector',
  'company',
  'research',
  'civil-society',
  'ai-ethics',
] as const;

export type SuggestedTag = (typeof SUGGESTED_TAGS)[number];

/** True when `tag` is one of the suggested keys. */
export function isSuggestedTag(tag: string): tag is SuggestedTag {
  return (SUGGESTED_TAGS as readonly string[]).includes(tag);
}
