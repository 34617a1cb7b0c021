import { describe, expect, it } from 'vitest';
import { checkEnableSandbox, checkNoInsecureSwitches, checkNoOpenExternal, checkPreloadBridge, checkWebPreferences, type SourceFile } from '../../security/electron-source-facts';

const src = (text: string, name = 'electron/main/window.ts'): SourceFile[] => [{ name, text }];

const GOOD_PREFS = 'sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true';

describe('every window writes out its webPreferences', () => {
  it('passes a window with all four set to their safe literals', () => {
    const result = checkWebPreferences(src(`import { BrowserWindow } from 'electron';\nnew BrowserWindow({ width: 1, webPreferences: { preload: p, ${GOOD_PREFS} } });`));
    expect(result.ok).toBe(true);
  });
  it('fails a window without sandbox: true, naming file and line', () => {
    const result = checkWebPreferences(src(`import { BrowserWindow } from 'electron';\n\nnew BrowserWindow({ webPreferences: { contextIsolation: true, nodeIntegration: false, webSecurity: true } });`));
    expect(result).toMatchObject({ ok: false, details: ['electron/main/window.ts:3 new BrowserWindow: sandbox is not set (write sandbox: true)'] });
  });
  it('fails sandbox: false and a computed value alike', () => {
    const result = checkWebPreferences(
      src(`import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { ${GOOD_PREFS.replace('sandbox: true', 'sandbox: false').replace('webSecurity: true', 'webSecurity: !dev')} } });`),
    );
    expect(result.details).toEqual([
      'electron/main/window.ts:2 new BrowserWindow: sandbox is false, must be the literal true',
      'electron/main/window.ts:2 new BrowserWindow: webSecurity is !dev, must be the literal true',
    ]);
  });
  it('fails a spread after the safe values (it may override them) but accepts one before', () => {
    const after = checkWebPreferences(src(`import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { ${GOOD_PREFS}, ...extra } });`));
    expect(after.ok).toBe(false);
    const before = checkWebPreferences(src(`import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { ...extra, ${GOOD_PREFS} } });`));
    expect(before.ok).toBe(true);
  });
  it('fails options it cannot see (a variable)', () => {
    expect(checkWebPreferences(src(`import { BrowserWindow } from 'electron';\nnew BrowserWindow(options);`)).ok).toBe(false);
  });
  it('sees aliased and namespace imports, and BrowserView/WebContentsView', () => {
    const files = [
      ...src(`import { BrowserWindow as Win } from 'electron';\nnew Win({ webPreferences: { ${GOOD_PREFS} } });`, 'electron/a.ts'),
      ...src(`import * as electron from 'electron';\nnew electron.BrowserWindow({ webPreferences: { nodeIntegration: true } });`, 'electron/b.ts'),
      ...src(`import { WebContentsView } from 'electron';\nnew WebContentsView({});`, 'electron/c.ts'),
    ];
    const result = checkWebPreferences(files);
    expect(result.ok).toBe(false);
    expect(result.details.some((d) => d.startsWith('electron/b.ts:2 new BrowserWindow: nodeIntegration is true'))).toBe(true);
    expect(result.details).toContain('electron/c.ts:2 new WebContentsView: no webPreferences object literal');
    expect(result.details.some((d) => d.startsWith('electron/a.ts'))).toBe(false);
  });
  it('fails when it finds no window at all (it would be looking at the wrong files)', () => {
    expect(checkWebPreferences(src('export const x = 1;')).ok).toBe(false);
  });
});

describe('app.enableSandbox()', () => {
  const entry = 'electron/main/index.ts';
  it('passes a top-level call in the main entry', () => {
    expect(checkEnableSandbox(src(`import { app } from 'electron';\napp.enableSandbox();\napp.whenReady();`, entry), entry).ok).toBe(true);
  });
  it('fails a call that only happens later, inside a callback', () => {
    expect(checkEnableSandbox(src(`import { app } from 'electron';\napp.whenReady().then(() => { app.enableSandbox(); });`, entry), entry).ok).toBe(false);
  });
  it('fails when `app` is not electron\'s', () => {
    expect(checkEnableSandbox(src(`const app = { enableSandbox() {} };\napp.enableSandbox();`, entry), entry).ok).toBe(false);
  });
  it('fails when the entry is missing', () => {
    expect(checkEnableSandbox(src('', 'electron/main/other.ts'), entry).ok).toBe(false);
  });
});

describe('no shell.openExternal', () => {
  it.each([
    ['a call', `import { shell } from 'electron';\nshell.openExternal(url);`],
    ['destructuring', `import { shell } from 'electron';\nconst { openExternal } = shell;`],
    ['element access', `import { shell } from 'electron';\nshell['openExternal'](url);`],
  ])('fails %s', (_name, text) => {
    expect(checkNoOpenExternal(src(text)).ok).toBe(false);
  });
  it('passes code that only denies windows', () => {
    expect(checkNoOpenExternal(src(`contents.setWindowOpenHandler(() => ({ action: 'deny' }));`)).ok).toBe(true);
  });
});

describe('the preload never exposes ipcRenderer', () => {
  const preload = (body: string, imports = 'contextBridge, ipcRenderer') => src(`import { ${imports} } from 'electron';\n${body}`, 'electron/preload/index.ts');
  it('passes named wrapper functions', () => {
    const result = checkPreloadBridge(preload(`contextBridge.exposeInMainWorld('host', { ping: (x: string) => ipcRenderer.invoke('ping', x) });`));
    expect(result.ok).toBe(true);
  });
  it.each([
    ['ipcRenderer itself', `contextBridge.exposeInMainWorld('ipc', ipcRenderer);`],
    ['ipcRenderer as a shorthand property', `contextBridge.exposeInMainWorld('api', { ipcRenderer });`],
    ['an unbound method', `contextBridge.exposeInMainWorld('api', { send: ipcRenderer.send });`],
    ['ipcRenderer returned by a function', `contextBridge.exposeInMainWorld('api', { get: () => ipcRenderer });`],
    ['ipcRenderer passed to a helper', `contextBridge.exposeInMainWorld('api', makeApi(ipcRenderer));`],
  ])('fails %s', (_name, body) => {
    expect(checkPreloadBridge(preload(body)).ok).toBe(false);
  });
  it('accepts an inline listener that hands on the payload only, not a named one it cannot inspect', () => {
    const body = `contextBridge.exposeInMainWorld('host', { onState: (cb: (s: string) => void) => { const l = (_event: unknown, s: string) => cb(s); ipcRenderer.on('state', l); } });`;
    // A named listener cannot be inspected: only an inline one is accepted.
    expect(checkPreloadBridge(preload(body)).ok).toBe(false);
    const inline = `contextBridge.exposeInMainWorld('host', { onState: (cb: (s: string) => void) => ipcRenderer.on('state', (_event, s: string) => cb(s)) });`;
    expect(checkPreloadBridge(preload(inline)).ok).toBe(true);
  });
  it.each([
    ['the page callback itself', `contextBridge.exposeInMainWorld('host', { onState: (cb: () => void) => ipcRenderer.on('state', cb) });`],
    ['a listener that passes the event on', `contextBridge.exposeInMainWorld('host', { onState: (cb: (...a: unknown[]) => void) => ipcRenderer.on('state', (event, s) => cb(event, s)) });`],
    ['a listener that destructures the event', `contextBridge.exposeInMainWorld('host', { onState: (cb: (x: unknown) => void) => ipcRenderer.once('state', ({ sender }) => cb(sender)) });`],
  ])('fails a subscription that gives the page the IPC event: %s', (_name, body) => {
    expect(checkPreloadBridge(preload(body)).ok).toBe(false);
  });
  it('fails electron.ipcRenderer through a namespace import', () => {
    const files = src(`import * as electron from 'electron';\nelectron.contextBridge.exposeInMainWorld('ipc', electron.ipcRenderer);`, 'electron/preload/index.ts');
    expect(checkPreloadBridge(files).ok).toBe(false);
  });
  it('fails a preload that exposes nothing (the check would be looking at the wrong files)', () => {
    expect(checkPreloadBridge(preload(`export const x = 1;`)).ok).toBe(false);
  });
});

describe('no switches that disable the sandbox or web security', () => {
  it('fails --no-sandbox and a computed switch', () => {
    const result = checkNoInsecureSwitches(src(`import { app } from 'electron';\napp.commandLine.appendSwitch('no-sandbox');\napp.commandLine.appendSwitch(name);`));
    expect(result.details).toEqual(['electron/main/window.ts:2: --no-sandbox', 'electron/main/window.ts:3: a computed command-line switch cannot be verified']);
  });
  it('passes a harmless switch', () => {
    expect(checkNoInsecureSwitches(src(`app.commandLine.appendSwitch('lang', 'zh-CN');`)).ok).toBe(true);
  });
});
