// What the renderer may do: nothing by default. The only permission is the camera (video, never
// audio) for our own origin; the only requests are to our own origin (plus blob: and data: images);
// navigation away and new windows are refused. Decisions are pure functions so they are tested
// without Electron; apply* wire them to a session / WebContents.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Session, WebContents } from 'electron';
import type { Logger } from '../../host-core/logger';
import { isAppUrl } from './app-origin';

export interface PermissionRequestFacts {
  readonly permission: string;
  readonly requestingUrl: string | undefined;
  /** For 'media' requests: what is asked for ('video', 'audio'). */
  readonly mediaTypes?: readonly string[] | undefined;
}

export function decidePermissionRequest(facts: PermissionRequestFacts, appOrigin: string): boolean {
  if (facts.permission !== 'media') return false;
  if (!isAppUrl(facts.requestingUrl, appOrigin)) return false;
  const types = facts.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'video');
}

export interface PermissionCheckFacts {
  readonly permission: string;
  readonly requestingOrigin: string;
  /** For 'media' checks: the single media type being checked. */
  readonly mediaType?: string | undefined;
}

export function decidePermissionCheck(facts: PermissionCheckFacts, appOrigin: string): boolean {
  return facts.permission === 'media' && facts.mediaType === 'video' && isAppUrl(facts.requestingOrigin, appOrigin);
}

const FRAME_RESOURCE_TYPES = new Set(['mainFrame', 'subFrame']);

/**
 * Offline by construction (convention 8): the renderer reaches only its own origin. http(s) and
 * ws(s) (except the dev server's own origin in development), file:, javascript: and every other
 * scheme are refused; data: only as a sub-resource (antd icons), never as a document.
 */
export function isRendererRequestAllowed(url: string, resourceType: string, appOrigin: string): boolean {
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    return false;
  }
  if (isAppUrl(url, appOrigin)) return true;
  switch (scheme) {
    case 'blob:':
      return isAppUrl(url.slice('blob:'.length), appOrigin);
    case 'data:':
      return !FRAME_RESOURCE_TYPES.has(resourceType);
    case 'devtools:':
      return true;
    case 'ws:':
    case 'wss:': {
      // Vite's HMR socket in development, which only exists when the app origin is http(s).
      const app = new URL(appOrigin);
      return (app.protocol === 'http:' || app.protocol === 'https:') && new URL(url).host === app.host;
    }
    default:
      return false;
  }
}

/** Only our own pages; a reload of our origin is a navigation too. */
export function isNavigationAllowed(url: string, appOrigin: string): boolean {
  return isAppUrl(url, appOrigin);
}

export type DownloadDecision = { readonly allowed: true; readonly savePath: string } | { readonly allowed: false };

/**
 * The renderer's own exports (history CSV, signed audit batches for removable media) arrive as
 * blob: downloads of our origin; they go straight into the exports folder under a sanitised name
 * (no dialog: a kiosk has no file manager). Anything else is refused.
 */
export function decideDownload(url: string, suggestedName: string, appOrigin: string, exportsDir: string | undefined): DownloadDecision {
  if (exportsDir === undefined || !url.startsWith('blob:') || !isAppUrl(url.slice('blob:'.length), appOrigin)) {
    return { allowed: false };
  }
  const name = suggestedName.replace(/[^\w.-]/g, '_').replace(/^\.+/, '').slice(0, 120) || 'export';
  return { allowed: true, savePath: join(exportsDir, name) };
}

export function applySessionPolicy(session: Session, appOrigin: string, logger: Logger, exportsDir?: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const allowed = decidePermissionRequest({ permission, requestingUrl: details.requestingUrl, mediaTypes }, appOrigin);
    if (!allowed) logger.warn(`permission '${permission}' refused for ${details.requestingUrl}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermissionCheck({ permission, requestingOrigin, mediaType: details.mediaType }, appOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isRendererRequestAllowed(details.url, details.resourceType, appOrigin);
    if (!allowed) logger.warn(`request refused: ${details.resourceType} ${truncate(details.url)}`);
    callback({ cancel: !allowed });
  });
  session.on('will-download', (event, item) => {
    const decision = decideDownload(item.getURL(), item.getFilename(), appOrigin, exportsDir);
    if (!decision.allowed) {
      logger.warn(`download refused: ${truncate(item.getURL())}`);
      event.preventDefault();
      return;
    }
    mkdirSync(exportsDir!, { recursive: true });
    item.setSavePath(decision.savePath);
    logger.info(`export saved to ${decision.savePath}`);
  });
}

export function hardenWebContents(contents: WebContents, appOrigin: string, logger: Logger): void {
  const refuseNavigation = (event: { preventDefault(): void; url: string }, kind: string) => {
    if (isNavigationAllowed(event.url, appOrigin)) return;
    logger.warn(`${kind} refused: ${truncate(event.url)}`);
    event.preventDefault();
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, 'navigation'));
  contents.on('will-frame-navigate', (event) => refuseNavigation(event, 'frame navigation'));
  contents.on('will-redirect', (event) => refuseNavigation(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    logger.warn('webview refused');
    event.preventDefault();
  });
  // No shell.openExternal in a kiosk: a link to elsewhere simply does nothing.
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn(`window.open refused: ${truncate(url)}`);
    return { action: 'deny' };
  });
}

function truncate(url: string): string {
  return url.length > 120 ? `${url.slice(0, 117)}...` : url;
}
