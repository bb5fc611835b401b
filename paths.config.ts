// The one definition of the `@shared` alias: tsconfig's "paths" mirrors it, Vite and Vitest import it.
import { fileURLToPath } from 'node:url';

export const alias = {
  '@shared': fileURLToPath(new URL('./shared', import.meta.url)),
};
