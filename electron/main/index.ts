// Electron main: one sandboxed window over essc://app/, one IPC surface, no network for the
// renderer. Logic lives in the modules imported here (and in host-core/); this file only wires.
import { join } from 'node:path';
import { app, BrowserWindow, crashReporter, dialog, ipcMain, protocol, session } from 'electron';
import electronUpdater from 'electron-updater';
import { openKioskHost, type KioskHost } from '../../host-core/kiosk-host';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-origin';
import { registerAppSchemePrivileges, serveAppProtocol } from './app-protocol';
import { installUncaughtErrorHandlers, startLocalCrashReporter } from './crash-handling';
import { createElectronHandlers } from './electron-handlers';
import { registerHostHandlers } from './ipc';
import { applyKioskMode, createKioskWindow } from './kiosk-window';
import { configureLogging, logFilePath, moduleLogger } from './logging';
import { applySessionPolicy, hardenWebContents } from './security-policy';
import { checkForUpdatesIfConfigured } from './updater';

configureLogging();
const log = moduleLogger('main');

// Development and the demo launcher only: a packaged kiosk ignores these variables, so a
// production build can neither be pointed at demo anchors nor at another profile folder.
const devRendererUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const demoWorkSystemDir = app.isPackaged ? undefined : process.env.ESSC_DEMO_WORK_SYSTEM_DIR;
if (!app.isPackaged && process.env.ESSC_USER_DATA_DIR) app.setPath('userData', process.env.ESSC_USER_DATA_DIR);

const appOrigin = devRendererUrl ? new URL(devRendererUrl).origin : APP_ORIGIN;
const entryUrl = devRendererUrl ?? APP_ENTRY_URL;

app.enableSandbox();
startLocalCrashReporter(crashReporter);
registerAppSchemePrivileges(protocol);

let mainWindow: BrowserWindow | null = null;
/** Set once the host is open: recreates the window if an uncaught error took it down. */
let recoverWindow: () => void = () => undefined;
// Installed first so errors during start-up are recorded too.
installUncaughtErrorHandlers(process, moduleLogger('crash'), () => recoverWindow());

if (!app.requestSingleInstanceLock()) {
  log.warn('another instance is running; quitting');
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Any WebContents that ever exists gets the same navigation and window-open refusal.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin, moduleLogger('navigation')));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error: unknown) => fatal('app failed to become ready', error));
}

async function start(): Promise<void> {
  log.info(`starting ${app.getName()} ${app.getVersion()}; log file ${logFilePath()}${demoWorkSystemDir ? '; DEMO MODE' : ''}`);
  const policyLog = moduleLogger('policy');
  const kioskSession = session.fromPartition('persist:kiosk');
  // No page ever loads in the default session; it is locked down all the same.
  // Exports (history CSV, audit batches for removable media) land here; admins copy them to a stick.
  const exportsDir = join(app.getPath('documents'), 'essc-kiosk-exports');
  applySessionPolicy(session.defaultSession, appOrigin, policyLog);
  applySessionPolicy(kioskSession, appOrigin, policyLog, exportsDir);
  serveAppProtocol(kioskSession.protocol, join(__dirname, '../renderer'), moduleLogger('protocol'));

  // Work System traffic uses its own in-memory session (Chromium's stack: system proxy settings
  // apply), separate from the renderer's, whose request filter refuses all http(s).
  const workSystemSession = session.fromPartition('work-system');
  workSystemSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  workSystemSession.setPermissionCheckHandler(() => false);

  let host: KioskHost;
  try {
    host = await openKioskHost({
      dataDir: app.getPath('userData'),
      resourcesDir: app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'),
      demoWorkSystemDir,
      appInfo: { name: app.getName(), version: app.getVersion(), host: 'electron', platform: process.platform },
      fetch: (input, init) => workSystemSession.fetch(input, init),
      logger: moduleLogger,
    });
  } catch (error) {
    fatal('cannot open the kiosk configuration or trust anchors', error);
    return;
  }

  registerHostHandlers(
    ipcMain,
    createElectronHandlers({
      host,
      documentsDir: app.getPath('documents'),
      windowOf: (context) => BrowserWindow.fromWebContents(context.sender),
      showSaveDialog: async (win, defaultPath) => {
        const options = { defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
        const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
    }),
    { appOrigin, logger: moduleLogger('ipc') },
  );

  const config = await host.config.get();
  const openWindow = (kioskMode: boolean) =>
    createKioskWindow({
      session: kioskSession,
      preloadPath: join(__dirname, '../preload/index.cjs'),
      entryUrl,
      appOrigin,
      kioskMode,
      logger: moduleLogger('window'),
    });
  mainWindow = openWindow(config.kioskMode);
  host.config.onChange((next, previous) => {
    if (next.kioskMode !== previous.kioskMode && mainWindow && !mainWindow.isDestroyed()) applyKioskMode(mainWindow, next.kioskMode);
  });

  recoverWindow = () => {
    if (mainWindow && !mainWindow.isDestroyed()) return;
    void host.config.get().then((current) => {
      mainWindow = openWindow(current.kioskMode);
    });
  };

  void checkForUpdatesIfConfigured(() => electronUpdater.autoUpdater, config.updateUrl, app.isPackaged, moduleLogger('updater'));
}

function fatal(what: string, error: unknown): void {
  log.error(what, error);
  dialog.showErrorBox('essc-kiosk cannot start', `${what}.\n\n${error instanceof Error ? error.message : String(error)}\n\nLog: ${logFilePath()}`);
  app.exit(1);
}
