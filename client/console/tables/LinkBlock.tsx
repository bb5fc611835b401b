import { QrCode } from '../QrCode';
import { CopyField } from '../CopyField';

/** One link: its QR code, the address to copy, and what it is for. */
export function LinkBlock({
  label,
  hint,
  link,
  qrLabel,
}: {
  label: string;
  hint: string;
  link: string;
  qrLabel: string;
}) {
  return (
    <div className="link-block">
      <QrCode value={link} label={qrLabel} size={132} />
      <div className="link-block__text">
        <CopyField label={label} value={link} />
        <p className="hint">{hint}</p>
      </div>
    </div>
  );
}
