// A deliberately wrong import: the kit reaching into a feature (tests/lint/zones.test.ts).
import { readingOrder } from '../../canvas/hit';

export const wrong = readingOrder;
