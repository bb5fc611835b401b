/**
 * Canvas colours and type. Konva draws on a <canvas>, so CSS variables do not reach it; these
 * mirror styles/base.css. Text colours are checked against their fills for WCAG AA (≥ 4.5:1).
 */
export const canvasTheme = {
  background: '#F6F7FB',
  grid: '#E3E6EF',
  noteText: '#1B1F27',
  noteMeta: '#3D4452',
  noteBorder: 'rgba(27,31,39,0.16)',
  noteShadow: 'rgba(27,31,39,0.10)',
  clusterFill: 'rgba(255,255,255,0.85)',
  clusterBorder: '#B9C0D0',
  clusterHeader: '#EDEFF6',
  clusterTitle: '#1B1F27',
  clusterPlaceholder: '#4B5263',
  selection: '#2457C5',
  selectionFill: 'rgba(36,87,197,0.08)',
  searchHit: '#B3261E',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, sans-serif',
} as const;
