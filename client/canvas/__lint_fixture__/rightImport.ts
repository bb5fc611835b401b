// An allowed import: a feature uses the kit. tests/lint/zones.test.ts expects no error here.
import { clusterLabel } from '../../kit/labels';

export const right = clusterLabel;
