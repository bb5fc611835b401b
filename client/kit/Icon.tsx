/** Small decorative line icons; always next to a text label, so hidden from assistive tech. */
const PATHS: Record<string, string> = {
  note: 'M4 4h16v11l-5 5H4z M15 20v-5h5',
  cluster: 'M3 5h18v14H3z M3 9h18',
  undo: 'M9 14L4 9l5-5 M4 9h10a6 6 0 0 1 0 12h-3',
  redo: 'M15 14l5-5-5-5 M20 9H10a6 6 0 0 0 0 12h3',
  search: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14 M21 21l-5-5',
  zoomIn: 'M12 5v14 M5 12h14',
  zoomOut: 'M5 12h14',
  fit: 'M4 9V4h5 M20 9V4h-5 M4 15v5h5 M20 15v5h-5',
  trash: 'M4 7h16 M9 7V4h6v3 M6 7l1 13h10l1-13',
  edit: 'M4 20h4L19 9l-4-4L4 16z',
  up: 'M6 15l6-6 6 6',
  down: 'M6 9l6 6 6-6',
};

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
