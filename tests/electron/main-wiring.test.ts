// Electron main as wired in electron/main/index.ts, started against the electron mock: the
// security settings are asserted on what main actually asked Electron for.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { HOST_CHANNELS } from '../../shared/host/host-api';
import { FakeBrowserWindow, defaultSession, ipcHandlers, sessions } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());
vi.mock('electron-log/main', () => {
  const scope = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });
  const file = { level: 'info', maxSize: 0, getFile: () => ({ path: '/tmp/main.log' }) };
  return { default: { transports: { file, console: { level: 'info' } }, errorHandler: { stopCatching: vi.fn() }, scope } };
});
vi.mock('electron-updater', () => ({ default: { autoUpdater: { setFeedURL: vi.fn(), checkForUpdates: vi.fn() } } }));

let userData: string;
let win: FakeBrowserWindow;
const processListeners = { uncaught: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };

beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'essc-main-'));
  process.env.ESSC_TEST_USER_DATA = userData;
  await import('../../electron/main/index');
  await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1), { timeout: 5000 });
  win = FakeBrowserWindow.created[0] as FakeBrowserWindow;
});
afterAll(async () => {
  // index.ts installs process-wide handlers; leave the test process as we found it.
  for (const l of process.listeners('uncaughtException')) if (!processListeners.uncaught.includes(l)) process.off('uncaughtException', l);
  for (const l of process.listeners('unhandledRejection')) if (!processListeners.rejection.includes(l)) process.off('unhandledRejection', l);
  await rm(userData, { recursive: true, force: true });
});

const trustedEvent = () => ({ sender: win.webContents, senderFrame: { url: 'essc://app/index.html', parent: null } });

describe('before ready: sandbox, single instance, privileged scheme, local crash dumps', () => {
  it('enables the sandbox for every renderer and takes the single-instance lock', () => {
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
  });
  it('registers essc as a privileged scheme and starts the crash reporter without upload', () => {
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'essc' })]);
    expect(electron.crashReporter.start).toHaveBeenCalledWith(expect.objectContaining({ uploadToServer: false }));
  });
});

describe('the window', () => {
  it('sets every security-relevant webPreference explicitly', () => {
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(prefs.session).toBe(sessions.get('persist:kiosk'));
  });
  it('loads the renderer over essc://app/ in kiosk mode (the default)', () => {
    expect(win.loadURL).toHaveBeenCalledWith('essc://app/index.html');
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true });
  });
  it('serves essc on the kiosk session and locks down both sessions', () => {
    const kiosk = sessions.get('persist:kiosk');
    expect(kiosk?.protocol.handle).toHaveBeenCalledWith('essc', expect.any(Function));
    for (const session of [kiosk, defaultSession]) {
      expect(session?.permissionRequestHandler).toBeTypeOf('function');
      expect(session?.permissionCheckHandler).toBeTypeOf('function');
      expect(session?.beforeRequest).toBeTypeOf('function');
    }
  });
  it('refuses window.open on the window', () => {
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('IPC through the wrapper', () => {
  it('registers every channel of the map', () => {
    for (const channel of Object.keys(HOST_CHANNELS)) expect(ipcHandlers.has(channel)).toBe(true);
  });
  it('config:get answers the defaults with the pinned anchors; app:info says electron', async () => {
    expect(await ipcHandlers.get('config:get')?.(trustedEvent())).toMatchObject({ anchorsSource: 'pinned', kioskMode: true });
    expect(await ipcHandlers.get('app:info')?.(trustedEvent())).toMatchObject({ host: 'electron', demo: false });
  });
  it('switching kiosk mode off in the config applies to the window at once', async () => {
    await ipcHandlers.get('config:set')?.(trustedEvent(), { kioskMode: false });
    expect(win.setKiosk).toHaveBeenCalledWith(false);
    expect(win.setFullScreen).toHaveBeenCalledWith(false);
  });
});

describe('renderer recovery', () => {
  it('a failed main-frame load still shows the window (no invisible app)', () => {
    win.show.mockClear();
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'essc://app/index.html', false);
    expect(win.show).not.toHaveBeenCalled();
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'essc://app/index.html', true);
    expect(win.show).toHaveBeenCalled();
  });

  it('a crashed renderer is reloaded after the first backoff step (1 s); a clean exit is not', async () => {
    const loadsBefore = win.loadURL.mock.calls.length;
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(win.loadURL.mock.calls.length).toBe(loadsBefore);
    await vi.waitFor(() => expect(win.loadURL.mock.calls.length).toBe(loadsBefore + 1), { timeout: 3000, interval: 100 });
  });
});
