// A stand-in for the 'electron' module in Node (convention 15; the Electron binary is not needed
// for main-process unit tests). Each test file does:
//   vi.mock('electron', async () => (await import('./electron-mock')).electronModule());
// The fakes record what main asked for, so tests assert on real decisions, not on the mock.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame = { url: 'essc://app/index.html', parent: null };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  print = vi.fn();
  printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7 fake'));
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  beforeRequest: Listener | null = null;
  readonly protocol = { handle: vi.fn() };
  readonly webRequest = { onBeforeRequest: (listener: Listener) => (this.beforeRequest = listener) };
  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener): void {
    this.devicePermissionHandler = handler;
  }
  fetch = vi.fn((input: string, init: RequestInit) => fetch(input, init));
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly setKiosk = vi.fn();
  readonly setFullScreen = vi.fn();
  readonly removeMenu = vi.fn();
  readonly show = vi.fn();
  readonly focus = vi.fn();
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  isVisible(): boolean {
    return false;
  }
  static fromWebContents(): FakeBrowserWindow | null {
    return FakeBrowserWindow.created[0] ?? null;
  }
}

export const sessions = new Map<string, FakeSession>();
export const defaultSession = new FakeSession();
export const ipcHandlers = new Map<string, Listener>();

export function electronModule() {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    exit: vi.fn(),
    getName: () => 'essc-kiosk',
    getVersion: () => '0.1.0',
    getAppPath: () => process.cwd(),
    getPath: vi.fn((name: string) => `${process.env.ESSC_TEST_USER_DATA ?? '/tmp/essc-test'}/${name}`),
    setPath: vi.fn(),
  });
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, listener: Listener) => ipcHandlers.set(channel, listener)),
      removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
      removeAllListeners: vi.fn(),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession,
      fromPartition: vi.fn((name: string) => {
        if (!sessions.has(name)) sessions.set(name, new FakeSession());
        return sessions.get(name);
      }),
    },
    crashReporter: { start: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn(async () => ({ canceled: true })) },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })) },
  };
  return { ...module, default: module };
}
