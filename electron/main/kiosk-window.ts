// The one window. Every webPreference is written out (convention 5); kiosk mode follows the
// administrator's setting; a renderer that dies or hangs is reloaded with backoff.
import { BrowserWindow, type Session } from 'electron';
import type { Logger } from '../../host-core/logger';
import { hardenWebContents } from './security-policy';
import { ReloadBackoff } from './reload-backoff';

export interface KioskWindowOptions {
  readonly session: Session;
  readonly preloadPath: string;
  readonly entryUrl: string;
  readonly appOrigin: string;
  readonly kioskMode: boolean;
  readonly logger: Logger;
}

export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const { logger } = options;
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    kiosk: options.kioskMode,
    fullscreen: options.kioskMode,
    webPreferences: {
      session: options.session,
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !options.kioskMode,
    },
  });
  win.removeMenu();
  win.once('ready-to-show', () => win.show());
  hardenWebContents(win.webContents, options.appOrigin, logger);
  watchRenderer(win, options.entryUrl, logger);
  void win.loadURL(options.entryUrl).catch((error: unknown) => logger.error('cannot load renderer', error));
  return win;
}

/** Switches kiosk mode at runtime when the administrator changes it. */
export function applyKioskMode(win: BrowserWindow, kioskMode: boolean): void {
  win.setKiosk(kioskMode);
  win.setFullScreen(kioskMode);
}

function watchRenderer(win: BrowserWindow, entryUrl: string, logger: Logger): void {
  const backoff = new ReloadBackoff();
  let pending: NodeJS.Timeout | null = null;
  const scheduleReload = (why: string) => {
    if (pending || win.isDestroyed()) return;
    const delay = backoff.nextDelayMs();
    logger.error(`renderer ${why}; reloading in ${delay} ms`);
    pending = setTimeout(() => {
      pending = null;
      if (!win.isDestroyed()) void win.loadURL(entryUrl).catch((error: unknown) => logger.error('reload failed', error));
    }, delay);
  };
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    scheduleReload(`process gone (${details.reason}, exit code ${details.exitCode})`);
  });
  win.on('unresponsive', () => scheduleReload('unresponsive'));
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame) return;
    logger.error(`load failed ${code} ${description} ${url}`);
    // 'ready-to-show' may never come: show the window so the failure is not an invisible app.
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  win.on('closed', () => {
    if (pending) clearTimeout(pending);
  });
}
