// The real app in the real Electron binary (playwright-core _electron). The binary is optional on
// build machines (ELECTRON_SKIP_BINARY_DOWNLOAD=1): without it this file skips, saying why once.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary';

const REPO_ROOT = resolve(__dirname, '../..');
const binary = findElectronBinary();
if (!binary.found) console.warn(`[electron e2e] SKIPPED: ${binary.reason}; install it with \`node node_modules/electron/install.js\` to run these tests.`);

describe.skipIf(!binary.found)('the packaged-shape app in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;
  let appDir: string;

  beforeAll(async () => {
    if (!binary.found) return;
    // The app is assembled in a temporary folder (package.json, out/, resources/anchors) so the
    // build never races other users of the repository's out/.
    appDir = await mkdtemp(join(tmpdir(), 'essc-e2e-app-'));
    const build = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', join(appDir, 'out'), '--logLevel', 'warn'],
      { cwd: REPO_ROOT, stdio: 'inherit' },
    );
    expect(build.status).toBe(0);
    await cp(join(REPO_ROOT, 'package.json'), join(appDir, 'package.json'));
    await cp(join(REPO_ROOT, 'resources', 'anchors'), join(appDir, 'resources', 'anchors'), { recursive: true });
    userData = await mkdtemp(join(tmpdir(), 'essc-e2e-profile-'));
    app = await _electron.launch({
      executablePath: binary.path,
      args: [appDir],
      cwd: appDir,
      env: { ...process.env, ESSC_USER_DATA_DIR: userData, NODE_ENV: 'test' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
    if (appDir) await rm(appDir, { recursive: true, force: true });
  });

  it('loads the renderer over essc://app/ with a secure context and the host bridge', async () => {
    expect(page.url()).toMatch(/^essc:\/\/app\//);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    expect(await page.evaluate(() => Object.keys((window as unknown as { esscHost: object }).esscHost).sort())).toEqual([
      'appInfo', 'getConfig', 'printSlip', 'saveSlipPdf', 'setConfig', 'workSystem',
    ]);
    const info = await page.evaluate(() => (window as unknown as { esscHost: { appInfo(): Promise<unknown> } }).esscHost.appInfo());
    expect(info).toMatchObject({ host: 'electron' });
  });

  it('has no Node in the page', async () => {
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });

  it('refuses navigation away from the app', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^essc:\/\/app\//);
  });

  it('refuses window.open (no new window)', async () => {
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    await page.waitForTimeout(300);
    expect(app.windows()).toHaveLength(1);
  });

  it('the renderer cannot reach the network itself', async () => {
    const outcome = await page.evaluate(() =>
      fetch('http://127.0.0.1:9/v1/health').then(
        () => 'reached',
        () => 'refused',
      ),
    );
    expect(outcome).toBe('refused');
  });
});
