import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './read';
import { rectsIntersect, clusterRect } from './geometry';
import { applyTemplate, BOARD_TEMPLATES } from './templates';

describe('board templates', () => {
  it('lay out non-overlapping, titled cluster areas in the chosen language', () => {
    for (const template of BOARD_TEMPLATES) {
      for (const lang of ['en', 'fi', 'sv'] as const) {
        const doc = new Y.Doc();
        applyTemplate(doc, template, lang, {});
        const { clusters, notes } = readBoard(doc);
        expect(notes).toEqual([]);
        if (template === 'empty') expect(clusters).toEqual([]);
        else expect(clusters.length).toBeGreaterThanOrEqual(3);
        for (const a of clusters) {
          expect(a.title.length).toBeGreaterThan(0);
          for (const b of clusters)
            if (a !== b) expect(rectsIntersect(clusterRect(a), clusterRect(b))).toBe(false);
        }
      }
    }
    const fi = new Y.Doc();
    applyTemplate(fi, 'plenary', 'fi', {});
    expect(readBoard(fi).clusters.map((c) => c.title)).toContain('Keskeiset havainnot');
  });
});
