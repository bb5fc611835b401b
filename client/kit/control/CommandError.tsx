/** The refusal or failure of the last command a panel sent, announced to screen readers. */
export function CommandError({ error }: { error: string | null | undefined }) {
  return error ? (
    <p className="fac-error" role="alert">
      {error}
    </p>
  ) : null;
}
