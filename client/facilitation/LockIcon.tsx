/** A small padlock, always next to a text label (so hidden from assistive tech). */
export function LockIcon() {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="14"
      height="14"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M7 11V8a5 5 0 0 1 10 0v3 M5 11h14v10H5z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
