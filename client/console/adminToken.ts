/**
 * The admin token arrives once, in the fragment of the URL `npm start` prints
 * (`/admin#token=…`). It is kept in this tab's sessionStorage and taken out of the address bar at
 * once, so it stays out of history, bookmarks, screenshots and shared screens.
 */
const KEY = 'talkoot:adminToken';

function session(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Moves a token from the URL fragment into sessionStorage (removing it from the address bar) and
 * returns the token this tab holds, or null.
 */
export function takeAdminToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromUrl = params.get('token');
  if (fromUrl !== null) {
    params.delete('token');
    const rest = params.toString();
    const { pathname, search } = window.location;
    window.history.replaceState(
      window.history.state,
      '',
      pathname + search + (rest ? `#${rest}` : ''),
    );
    if (fromUrl !== '') {
      session()?.setItem(KEY, fromUrl);
      return fromUrl;
    }
  }
  return session()?.getItem(KEY) ?? null;
}

/** Forgets the admin token in this tab. */
export function forgetAdminToken(): void {
  session()?.removeItem(KEY);
}
