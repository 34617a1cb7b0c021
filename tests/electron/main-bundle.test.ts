// The BUILT main bundle (out/main/index.js, as electron-vite emits it, with electron-log, zod and
// electron-updater bundled in) started in a plain Node child process against a stub `electron`
// package. Catches what unit tests on the sources cannot: bundling, ESM shims, import-time code.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
let sandbox: string;
let report: {
  calls: { name: string; args: unknown[] }[];
  channels: string[];
  listeners: string[];
  appInfo: unknown;
  forbidden: string;
  served: { status: number; csp: string | null };
  traversal: number;
};

// Runs inside the child: imports the bundle, waits for the window, drives IPC and the protocol.
const DRIVER = `
const stub = () => globalThis.__electronStub;
await import(process.env.BUNDLE);
for (let i = 0; i < 100 && stub().windows.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
const { calls, ipc, sessions } = stub();
const good = { sender: {}, senderFrame: { url: 'essc://app/index.html', parent: null } };
const evil = { sender: {}, senderFrame: { url: 'https://evil.example/', parent: null } };
const appInfo = await ipc.get('app:info')(good);
const forbidden = await ipc.get('config:get')(evil).then(() => 'allowed', (e) => e.message);
const handler = sessions.get('persist:kiosk').protocolHandler;
const index = await handler(new Request('essc://app/index.html'));
const traversal = await handler(new Request('essc://app/..%2f..%2fpackage.json'));
const { ipcMain } = (await import('electron')).default;
console.log('REPORT' + JSON.stringify({ calls, channels: [...ipc.keys()], listeners: ipcMain.eventNames(), appInfo, forbidden,
  served: { status: index.status, csp: index.headers.get('content-security-policy') }, traversal: traversal.status }));
process.exit(0);
`;

beforeAll(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'essc-bundle-'));
  // Built into the sandbox, not out/: other tests and `npm run web` may be reading out/.
  const build = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', join(sandbox, 'out'), '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(build.status, build.stderr).toBe(0);
  await mkdir(join(sandbox, 'node_modules', 'electron'), { recursive: true });
  await cp(join(__dirname, 'fixtures', 'electron-stub.cjs'), join(sandbox, 'node_modules', 'electron', 'index.js'));
  await cp(join(ROOT, 'package.json'), join(sandbox, 'package.json'));
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', DRIVER], {
    cwd: sandbox,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      BUNDLE: join(sandbox, 'out', 'main', 'index.js'),
      ESSC_STUB_USER_DATA: join(sandbox, 'user-data'),
      ESSC_STUB_APP_PATH: ROOT,
      NODE_ENV: 'production',
    },
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('REPORT'));
  if (!line) throw new Error(`bundle did not report:\n${run.stdout}\n${run.stderr}`);
  report = JSON.parse(line.slice('REPORT'.length)) as typeof report;
}, 180_000);

afterAll(async () => {
  if (sandbox) await rm(sandbox, { recursive: true, force: true });
});

const named = (name: string) => report.calls.filter((c) => c.name === name);

describe('the built main bundle, started against a stub electron', () => {
  it('ships a one-file preload that runs as a classic script given only require("electron")', async () => {
    // What a sandboxed preload gets: a script (no import/export syntax) and a require() that
    // knows electron's renderer modules, nothing from disk.
    const code = await readFile(join(sandbox, 'out', 'preload', 'index.cjs'), 'utf8');
    const exposed: Record<string, Record<string, (...args: unknown[]) => unknown>> = {};
    const invoked: unknown[][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => unknown>) => (exposed[key] = api) },
      ipcRenderer: { invoke: async (...args: unknown[]) => invoked.push(args) },
    };
    const required: string[] = [];
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`module not available in a sandboxed preload: ${name}`);
      return fakeElectron;
    };
    const wrapped = new Script(`(function (require) {\n${code}\n})`, { filename: 'index.cjs' });
    (wrapped.runInNewContext({}) as (r: typeof sandboxRequire) => void)(sandboxRequire);
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed.esscHost ?? {}).sort()).toEqual(['appInfo', 'getConfig', 'printSlip', 'saveSlipPdf', 'setConfig', 'workSystem']);
    await exposed.esscHost?.workSystem?.({ method: 'GET', path: '/v1/health' });
    expect(invoked).toEqual([['work-system:request', { method: 'GET', path: '/v1/health' }]]);
  });

  it('enables the sandbox, takes the lock, registers the scheme, keeps crash dumps local', () => {
    expect(named('enableSandbox')).toHaveLength(1);
    expect(named('requestSingleInstanceLock')).toHaveLength(1);
    expect(named('registerSchemesAsPrivileged')[0]?.args[0]).toEqual([
      expect.objectContaining({ scheme: 'essc', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }),
    ]);
    expect(named('crashReporter.start')[0]?.args[0]).toMatchObject({ uploadToServer: false });
  });

  it('opens one sandboxed window on essc://app/ with the CJS preload', () => {
    const windows = named('BrowserWindow');
    expect(windows).toHaveLength(1);
    const prefs = (windows[0]?.args[0] as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toBe(join(sandbox, 'out', 'preload', 'index.cjs'));
    expect(named('loadURL')[0]?.args[0]).toBe('essc://app/index.html');
    expect(named('showErrorBox')).toHaveLength(0);
  });

  it('answers IPC through the wrapper only (electron-log’s own channel is closed) and refuses a foreign sender', () => {
    expect(report.listeners).toEqual([]);
    expect(report.channels.sort()).toEqual(['app:info', 'config:get', 'config:set', 'slip:print', 'slip:save-pdf', 'work-system:request']);
    expect(report.appInfo).toMatchObject({ host: 'electron', demo: false });
    expect(report.forbidden).toMatch(/FORBIDDEN/);
  });

  it('serves the renderer with the CSP header and refuses traversal', () => {
    expect(report.served.status).toBe(200);
    expect(report.served.csp).toContain("default-src 'self'");
    expect(report.traversal).toBe(403);
  });
});
