// The built renderer in real Chromium, served by the browser host with the production CSP, in
// demo mode against the real reference Work System: it must start with no CSP violation and no
// page error, reach its host over /__host, and be unable to reach the network itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../host-core/logger';
import { startHostServer, type RunningHostServer } from '../../host-server/server';
import { writeDemoKioskConfig } from '../../scripts/demo-environment';
import { startWorkSystem, type RunningWorkSystem } from '../../work-system';

const ROOT = resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[renderer under CSP] SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('the built renderer under the host CSP', () => {
  let root: string;
  let workSystem: RunningWorkSystem;
  let host: RunningHostServer;
  let browser: Browser;
  const problems: string[] = [];
  let directFetch: string;
  let hostAnswer: unknown;
  let rootChildren: number;
  let decoded: unknown;
  const QR_TEXT = 'ESSC-CSP-CHECK-0123456789';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'essc-csp-'));
    const build = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', join(root, 'out'), '--logLevel', 'warn'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(build.status, build.stderr).toBe(0);
    workSystem = await startWorkSystem({ dataDir: join(root, 'work-system'), port: 0, demo: true });
    await writeDemoKioskConfig(join(root, 'kiosk'), workSystem);
    host = await startHostServer({
      dataDir: join(root, 'kiosk'),
      resourcesDir: join(ROOT, 'resources'),
      rendererDir: join(root, 'out', 'renderer'),
      demoWorkSystemDir: join(root, 'work-system'),
      logger: () => memoryLogger(),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto(`${host.url}/`);
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout: 20_000 });
    await page.waitForTimeout(1500);
    rootChildren = await page.evaluate(() => document.getElementById('root')?.childElementCount ?? 0);
    hostAnswer = await page.evaluate(async () => (await fetch('/__host/app:info', { method: 'POST' })).json());
    // The built QR worker, started as the renderer starts it, decoding a real PNG: the worker
    // (worker-src 'self'), its wasm fetch (connect-src 'self', application/wasm) and compile
    // ('wasm-unsafe-eval') all have to pass the CSP.
    const workerFile = (await readdir(join(root, 'out', 'renderer', 'assets'))).find((f) => /^qr-worker-.*\.js$/.test(f));
    expect(workerFile).toBeDefined();
    const png = await QRCode.toBuffer(QR_TEXT, { width: 240, margin: 4 });
    decoded = await page.evaluate(
      ({ url, bytes }) =>
        new Promise((resolveReply) => {
          const worker = new Worker(url, { type: 'module' });
          worker.onmessage = (event) => resolveReply(event.data);
          worker.onerror = (event) => resolveReply({ error: event.message || 'worker failed to start' });
          const buffer = new Uint8Array(bytes).buffer;
          worker.postMessage({ id: 1, kind: 'file', bytes: buffer }, [buffer]);
        }),
      { url: `/assets/${workerFile}`, bytes: [...png] },
    );
    // Recorded separately: this violation is the point of the check, not a problem.
    const before = problems.length;
    directFetch = await page.evaluate(async (url) => fetch(`${url}/v1/health`).then(() => 'reached', () => 'refused'), workSystem.url);
    problems.splice(before);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await workSystem?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('renders with no CSP violation and no page error', () => {
    expect(rootChildren).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('runs the built QR worker with its wasm under the CSP (decodes a real QR image)', () => {
    expect(decoded).toEqual({ id: 1, text: QR_TEXT });
  });

  it('reaches its host over same-origin /__host', () => {
    expect(hostAnswer).toMatchObject({ host: 'browser', demo: true });
  });

  it('cannot reach the Work System itself (connect-src self)', () => {
    expect(directFetch).toBe('refused');
  });
});
