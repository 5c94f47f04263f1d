/**
 * Whether this browser signed in earlier. The session cookie is httpOnly, so the SPA cannot see it;
 * without this hint every anonymous visit would ask GET /api/auth/me and get a 401, which browsers
 * log as a console error. A stale hint costs one 401, after which it is cleared.
 */
const KEY = "insek-monitor.session";

export function hasSessionHint(): boolean {
  try {
    return window.localStorage.getItem(KEY) === "1";
  } catch {
    return false;
  }
}

export function setSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(KEY, "1");
    else window.localStorage.removeItem(KEY);
  } catch {
    // Without storage the session is simply not restored after a reload.
  }
}
