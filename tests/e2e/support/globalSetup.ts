/**
 * Optional Vitest globalSetup for the e2e project (`globalSetup: ['tests/e2e/support/globalSetup.ts']`):
 * builds the client once before any file runs. Each file also calls ensureClientBuilt(), which
 * is a no-op when the build is fresh, so the suite works with or without this hook.
 */
import { ensureClientBuilt } from './build';

export default function setup(): void {
  ensureClientBuilt();
}
