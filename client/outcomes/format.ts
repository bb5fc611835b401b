/** Pure helpers of the outcomes UI: which version a freeze published, snapshot words and sizes. */
import type { OutcomeListing } from '@shared/outcome/api';

/**
 * The version the current freeze published. The server stamps a version's `publishedAt` with
 * the control document's `frozenAt`, and sets `frozen` a moment before the version is stored,
 * so until it is stored this is null (ask again).
 */
export function versionOfFreeze(
  versions: readonly OutcomeListing[],
  frozenAt: string | null,
): OutcomeListing | null {
  if (frozenAt === null) return versions[0] ?? null;
  return versions.find((v) => v.publishedAt === frozenAt) ?? null;
}

/** The i18n key (under `outcomes.reason`) for a snapshot's reason. */
export function reasonKey(reason: string): string {
  switch (reason) {
    case 'interval':
      return 'interval';
    case 'manual':
      return 'manual';
    case 'before phase change':
      return 'beforePhase';
    case 'before restore':
      return 'beforeRestore';
    default:
      return 'other';
  }
}

/** A byte count in the person's language: "812 bytes", "12.4 kB", "1.2 MB". */
export function formatSize(bytes: number, lang: string): string {
  const [value, unit] =
    bytes < 1000
      ? [bytes, 'byte']
      : bytes < 1_000_000
        ? [bytes / 1000, 'kilobyte']
        : [bytes / 1_000_000, 'megabyte'];
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit,
    // "579 bytes" reads better than "579 byte"; "12 kB" is how people see sizes.
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}

/** Delays between attempts to find the version a freeze is publishing (ms). */
export const PUBLISH_RETRY_MS = [400, 800, 1600, 3200, 6400] as const;
