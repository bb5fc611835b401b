import { z } from 'zod';
import { ID_PATTERN } from '../ids';
import { randomId } from './id';
import { COORD_LIMIT, NOTE_HEIGHT, NOTE_WIDTH } from './note';

/** Layout of notes inside a cluster: a title strip on top, then a padded grid of note slots. */
export const CLUSTER_HEADER_HEIGHT = 40;
export const CLUSTER_PADDING = 16;
export const NOTE_GAP = 12;

/** Clusters are never smaller than one note slot, nor larger than MAX_CLUSTER_SIZE per side. */
export const MIN_CLUSTER_WIDTH = NOTE_WIDTH + 2 * CLUSTER_PADDING;
export const MIN_CLUSTER_HEIGHT = CLUSTER_HEADER_HEIGHT + NOTE_HEIGHT + 2 * CLUSTER_PADDING;
export const MAX_CLUSTER_SIZE = 20_000;

/** A new cluster fits three columns and two rows of notes. */
export const DEFAULT_CLUSTER_WIDTH = 3 * NOTE_WIDTH + 2 * NOTE_GAP + 2 * CLUSTER_PADDING;
export const DEFAULT_CLUSTER_HEIGHT =
  CLUSTER_HEADER_HEIGHT + 2 * NOTE_HEIGHT + NOTE_GAP + 2 * CLUSTER_PADDING;

/** Title limit in UTF-16 code units. */
export const MAX_CLUSTER_TITLE = 200;

export interface Cluster {
  id: string;
  title: string;
  /** Top-left corner in board units. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Stacking order: higher is drawn above and wins hit tests; ties break by createdAt, then id. */
  order: number;
  createdAt: number;
}

/** Values a new cluster takes for fields the caller leaves out. */
export const clusterDefaults = {
  title: '',
  width: DEFAULT_CLUSTER_WIDTH,
  height: DEFAULT_CLUSTER_HEIGHT,
} as const satisfies Partial<Cluster>;

/** The per-field keys of a cluster's Y.Map (the id is the key in the clusters root). */
export const CLUSTER_FIELDS = [
  'title',
  'x',
  'y',
  'width',
  'height',
  'order',
  'createdAt',
] as const satisfies readonly (keyof Cluster)[];

const coord = z.number().min(-COORD_LIMIT).max(COORD_LIMIT);
const size = z.number().positive().max(MAX_CLUSTER_SIZE);

// Unknown keys are stripped, not rejected, so an older client can still read a newer cluster.
const clusterSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  title: z.string().max(MAX_CLUSTER_TITLE),
  x: coord,
  y: coord,
  width: size,
  height: size,
  order: z.number(),
  createdAt: z.number(),
});

/** True when `value` may be stored under the cluster field `key` (one Y.Map entry). */
export function isValidClusterField(key: string, value: unknown): boolean {
  const shape = clusterSchema.shape as Record<string, z.ZodType | undefined>;
  const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
  return field !== undefined && field.safeParse(value).success;
}

/** A well-formed Cluster built from `value`, or null when anything is missing or out of range. */
export function validateCluster(value: unknown): Cluster | null {
  const result = clusterSchema.safeParse(value);
  return result.success ? result.data : null;
}

/** A fresh random cluster id. */
export function newClusterId(): string {
  return randomId();
}

/** Clamps a requested cluster width into the allowed range. */
export function clampClusterWidth(width: number): number {
  return Math.min(MAX_CLUSTER_SIZE, Math.max(MIN_CLUSTER_WIDTH, width));
}

/** Clamps a requested cluster height into the allowed range. */
export function clampClusterHeight(height: number): number {
  return Math.min(MAX_CLUSTER_SIZE, Math.max(MIN_CLUSTER_HEIGHT, height));
}

/** Stacking comparator for clusters: lower first, so the last one is drawn on top. */
export function compareClusterStacking(a: Cluster, b: Cluster): number {
  return a.order - b.order || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
