/**
 * The renderer's one origin, `app://kiosk`, and the checks every navigation and every ipc
 * sender goes through.
 *
 * Why not `new URL(url).origin === 'app://kiosk'`: Node's (WHATWG) URL parser gives custom
 * schemes an opaque origin, so `.origin` is the string `"null"` for every `app:` URL in main,
 * whatever its host. Chromium knows `app` is a standard scheme (registered as privileged) and
 * reports `app://kiosk`. So main parses the URL and compares scheme, host, port and
 * credentials one by one; a prefix test (`startsWith('app://kiosk')`) would also accept
 * `app://kiosk.evil.example/`.
 */

/** Scheme registered with `protocol.registerSchemesAsPrivileged`. */
export const APP_SCHEME = 'app';

/** The only host the app protocol serves. */
export const APP_HOST = 'kiosk';

/** The renderer's origin as Chromium reports it (`WebFrameMain.origin`). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Page the kiosk window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` parses and belongs to `app://kiosk` exactly (no port, no credentials). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * True for an origin string as Chromium reports it for a frame (`WebFrameMain.origin`). The
 * comparison is exact: Chromium serialises origins canonically (lower case, no path).
 */
export function isAppOrigin(origin: string): boolean {
  return origin === APP_ORIGIN;
}
