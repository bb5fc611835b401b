import { useBoard } from '../../kit/BoardContext';
import { useStore } from '../../kit/useStore';

/** The polite live region every action announces itself through. */
export function Announcer() {
  const { view } = useBoard();
  const { text, seq } = useStore(view.announcement);
  // Keying by seq re-creates the text node, so the same message twice is read twice.
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      <span key={seq}>{text}</span>
    </div>
  );
}
