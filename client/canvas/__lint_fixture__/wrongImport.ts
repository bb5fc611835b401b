// A deliberately wrong import: the canvas (a feature) reaching into facilitation (another
// feature). Left out of `npm run lint`; tests/lint/zones.test.ts lints it and expects the error.
import { formatRemaining } from '../../facilitation/format';

export const wrong = formatRemaining;
