import {
  CLUSTER_HEADER_HEIGHT,
  CLUSTER_PADDING,
  NOTE_GAP,
  compareClusterStacking,
} from './cluster';
import type { Cluster } from './cluster';
import { NOTE_HEIGHT, NOTE_WIDTH } from './note';
import type { Note } from './note';

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a note placed into a cluster goes, and the cluster height needed to hold it. */
export interface ClusterSlot {
  position: Point;
  height: number;
}

/** The rectangle a note occupies on the canvas. */
export function noteRect(note: Point): Rect {
  return { x: note.x, y: note.y, width: NOTE_WIDTH, height: NOTE_HEIGHT };
}

/** The centre of a note: the point that decides which cluster it lands in. */
export function noteCenter(note: Point): Point {
  return { x: note.x + NOTE_WIDTH / 2, y: note.y + NOTE_HEIGHT / 2 };
}

/** The rectangle a cluster occupies. */
export function clusterRect(cluster: Rect): Rect {
  return { x: cluster.x, y: cluster.y, width: cluster.width, height: cluster.height };
}

/** True when two rectangles overlap with positive area (touching edges do not count). */
export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** True when `point` lies inside `rect`, edges included. */
export function rectContainsPoint(rect: Rect, point: Point): boolean {
  return (
    point.x >= rect.x &&
    point.x <= rect.x + rect.width &&
    point.y >= rect.y &&
    point.y <= rect.y + rect.height
  );
}

/** The topmost cluster containing `point`, or null. */
export function clusterAt(clusters: readonly Cluster[], point: Point): Cluster | null {
  let top: Cluster | null = null;
  for (const cluster of clusters) {
    if (!rectContainsPoint(cluster, point)) continue;
    if (top === null || compareClusterStacking(cluster, top) > 0) top = cluster;
  }
  return top;
}

/** The smallest rectangle containing all `rects` (for fit-to-content), or null when empty. */
export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** `rect` grown by `margin` on every side. */
export function expandRect(rect: Rect, margin: number): Rect {
  return {
    x: rect.x - margin,
    y: rect.y - margin,
    width: rect.width + 2 * margin,
    height: rect.height + 2 * margin,
  };
}

/** Ids of the notes that intersect the viewport (grown by `margin`), for culling. */
export function visibleIds(
  notes: readonly Pick<Note, 'id' | 'x' | 'y'>[],
  viewport: Rect,
  margin = 0,
): string[] {
  const area = expandRect(viewport, margin);
  return notes.filter((note) => rectsIntersect(noteRect(note), area)).map((note) => note.id);
}

// Bounds the search so a pathological board cannot hang the UI; 40 rings cover ~80 notes across.
const MAX_RINGS = 40;

/**
 * A top-left position for a new note at or near `desired` that overlaps none of `occupied`
 * (pass note and, if wanted, cluster rects). Searches outward in rings of note-sized steps.
 */
export function layoutNewNotePosition(occupied: readonly Rect[], desired: Point): Point {
  const stepX = NOTE_WIDTH + NOTE_GAP;
  const stepY = NOTE_HEIGHT + NOTE_GAP;
  const isFree = (p: Point): boolean => !occupied.some((r) => rectsIntersect(r, noteRect(p)));
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    // Walk the ring row by row so the result is deterministic: right and down win ties.
    for (let dy = 0; dy <= ring; dy = dy > 0 ? -dy : -dy + 1) {
      for (let dx = 0; dx <= ring; dx = dx > 0 ? -dx : -dx + 1) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const candidate = { x: desired.x + dx * stepX, y: desired.y + dy * stepY };
        if (isFree(candidate)) return candidate;
      }
    }
  }
  return desired;
}

/** Number of note columns that fit in a cluster of `width`; at least one. */
export function clusterColumns(width: number): number {
  return Math.max(
    1,
    Math.floor((width - 2 * CLUSTER_PADDING + NOTE_GAP) / (NOTE_WIDTH + NOTE_GAP)),
  );
}

// Bounds the slot search; a cluster at MAX_CLUSTER_SIZE holds ~150 rows.
const MAX_SLOT_ROWS = 200;

/**
 * The first free grid slot in `cluster` (row by row) for a note: it overlaps none of `occupied`
 * and its centre hits this cluster rather than one stacked above. When the cluster is full, the
 * slot is in a new row below and `height` tells how tall the cluster must grow.
 */
export function findClusterSlot(
  cluster: Cluster,
  occupied: readonly Rect[],
  clusters: readonly Cluster[],
): ClusterSlot {
  const columns = clusterColumns(cluster.width);
  const left = cluster.x + CLUSTER_PADDING;
  const top = cluster.y + CLUSTER_HEADER_HEIGHT + CLUSTER_PADDING;
  // The caller may have grown this cluster already; hit-test against its current size.
  const stack = clusters.map((c) => (c.id === cluster.id ? cluster : c));
  let last: Point = { x: left, y: top };
  for (let row = 0; row < MAX_SLOT_ROWS; row++) {
    for (let col = 0; col < columns; col++) {
      const position = {
        x: left + col * (NOTE_WIDTH + NOTE_GAP),
        y: top + row * (NOTE_HEIGHT + NOTE_GAP),
      };
      last = position;
      const rect = noteRect(position);
      if (occupied.some((r) => rectsIntersect(r, rect))) continue;
      const bottom = rect.y + rect.height + CLUSTER_PADDING;
      const inside = bottom <= cluster.y + cluster.height;
      if (inside && clusterAt(stack, noteCenter(position))?.id !== cluster.id) continue;
      return { position, height: Math.max(cluster.height, bottom - cluster.y) };
    }
  }
  return {
    position: last,
    height: Math.max(cluster.height, last.y + NOTE_HEIGHT + CLUSTER_PADDING - cluster.y),
  };
}
