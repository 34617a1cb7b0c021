// The renderer's origin. Production serves it from a privileged custom scheme; `electron-vite dev`
// serves it from the Vite dev server (never in a packaged build).
export const APP_SCHEME = 'essc';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Same scheme, host and port. Compared by parts because WHATWG `URL.origin` is "null" for
 * non-special schemes such as essc:.
 */
export function isAppUrl(url: string | null | undefined, appOrigin: string): boolean {
  if (!url) return false;
  try {
    const target = new URL(url);
    const app = new URL(appOrigin);
    return target.protocol === app.protocol && target.host === app.host && target.username === '' && target.password === '';
  } catch {
    return false;
  }
}
