import { useMemo } from 'react';
import { create } from 'qrcode';

/** Quiet zone around the code, in modules (the standard asks for four). */
const QUIET = 4;

/** The dark modules of `value`'s QR code as one SVG path, runs of a row merged. */
function qrPath(value: string): { d: string; size: number } {
  const { modules } = create(value, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      d += `M${start + QUIET} ${row + QUIET}h${col - start}v1h-${col - start}z`;
    }
  }
  return { d, size: n + QUIET * 2 };
}

/** A QR code drawn as SVG (sharp at any size, on screen and on paper). */
export function QrCode({
  value,
  label,
  size = 160,
}: {
  value: string;
  label: string;
  size?: number;
}) {
  const { d, size: modules } = useMemo(() => qrPath(value), [value]);
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${modules} ${modules}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
