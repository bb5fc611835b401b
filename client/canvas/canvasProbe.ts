/**
 * A read-only window hook that reports where notes and clusters are on screen. The canvas is
 * pixels, so end-to-end tests use it to aim real mouse drags; it exposes nothing a person cannot
 * see and changes nothing.
 */
import type { RefObject } from 'react';
import { NOTE_HEIGHT, NOTE_WIDTH } from '@shared/board/note';
import type { BoardContextValue } from '../kit/BoardContext';
import type { CanvasState } from '../kit/canvas/canvasState';
import { toScreen } from '../kit/canvas/viewport';
import { ghostOffset, ghostSize } from './peerDrags';

export interface ScreenBox {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  clusterId?: string | null;
}

/** A note or cluster someone else is dragging, where this page draws it. */
export interface GhostBox extends ScreenBox {
  kind: 'note' | 'cluster';
  /** The name of the person dragging it. */
  by: string;
}

declare global {
  interface Window {
    talkootCanvas?: {
      notes(): ScreenBox[];
      clusters(): ScreenBox[];
      cursors(): { name: string; x: number; y: number }[];
      ghosts(): GhostBox[];
      viewport(): { x: number; y: number; scale: number };
    };
  }
}

/** Installs `window.talkootCanvas`; returns the uninstaller. */
export function installCanvasProbe(
  el: RefObject<HTMLDivElement | null>,
  canvas: CanvasState,
  ctx: () => BoardContextValue,
): () => void {
  const box = (
    id: string,
    label: string,
    x: number,
    y: number,
    w: number,
    h: number,
  ): ScreenBox => {
    const r = el.current?.getBoundingClientRect();
    const vp = canvas.viewport.get();
    const p = toScreen(vp, { x, y });
    return {
      id,
      label,
      x: p.x + (r?.left ?? 0),
      y: p.y + (r?.top ?? 0),
      width: w * vp.scale,
      height: h * vp.scale,
    };
  };
  window.talkootCanvas = {
    notes: () =>
      ctx()
        .board.board.get()
        .notes.map((n) => ({
          ...box(n.id, n.text, n.x, n.y, NOTE_WIDTH, NOTE_HEIGHT),
          clusterId: n.clusterId,
        })),
    clusters: () =>
      ctx()
        .board.board.get()
        .clusters.map((c) => box(c.id, c.title, c.x, c.y, c.width, c.height)),
    cursors: () =>
      ctx()
        .board.presence.peers.get()
        .flatMap((peer) => {
          if (!peer.cursor) return [];
          const b = box('', '', peer.cursor.x, peer.cursor.y, 0, 0);
          return [{ name: peer.user.name, x: b.x, y: b.y }];
        }),
    ghosts: () =>
      canvas.peerGhosts.get().flatMap((g) => {
        const { dx, dy } = ghostOffset(g);
        const size = ghostSize(g) ?? g.cluster;
        const by = g.user.name;
        const c = g.cluster;
        return [
          ...(c && size
            ? [
                {
                  ...box(c.id, c.title, c.x + dx, c.y + dy, size.width, size.height),
                  kind: 'cluster' as const,
                  by,
                },
              ]
            : []),
          ...g.notes.map((n) => ({
            ...box(n.id, n.text, n.x + dx, n.y + dy, NOTE_WIDTH, NOTE_HEIGHT),
            kind: 'note' as const,
            by,
          })),
        ];
      }),
    viewport: () => canvas.viewport.get(),
  };
  return () => {
    delete window.talkootCanvas;
  };
}
