// Everything one browser test needs, all real: the reference Work System (demo data), cards it
// issues, the renderer built with Vite, the browser host server, and Chromium with a fake camera.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startHostServer, type RunningHostServer } from '../../host-server/server';
import { DEMO_HOLDERS, startWorkSystem, type IssuedCard, type RunningWorkSystem } from '../../work-system';
import { demoToday } from '../../work-system/wallet/demo-holders';
import { buildRenderer } from './build-renderer';
import { cardQrPng, writeFakeCameraFile } from './fake-camera';

const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface KioskWorld {
  readonly dir: string;
  readonly workSystem: RunningWorkSystem;
  readonly host: RunningHostServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  issue(holderId: string): Promise<IssuedCard>;
  close(): Promise<void>;
}

/** Issues a demo holder's card signed by the Work System's current key for its issuer. */
async function issueDemoCard(workSystem: RunningWorkSystem, holderId: string): Promise<IssuedCard> {
  const holder = DEMO_HOLDERS.find((h) => h.id === holderId);
  if (!holder) throw new Error(`no demo holder ${holderId}`);
  return workSystem.store.issueCard({
    typ: 'essc',
    iss: holder.iss,
    holder: holder.holder,
    permit: holder.permit(demoToday(workSystem.store.now())),
    socialSecurity: holder.socialSecurity,
  });
}

/**
 * `cameraHolder`: the demo holder whose card the fake camera shows for the whole test (Chromium
 * reads one video file per browser).
 */
export async function openKioskWorld(cameraHolder: string): Promise<KioskWorld & { readonly cameraCard: IssuedCard }> {
  const dir = await mkdtemp(join(tmpdir(), 'essc-ui-e2e-'));
  const cleanups: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const workSystem = await startWorkSystem({ dataDir: join(dir, 'work-system'), port: 0, demo: true });
    cleanups.push(() => workSystem.close());
    const rendererDir = join(dir, 'renderer');
    await buildRenderer(rendererDir);
    const host = await startHostServer({
      dataDir: join(dir, 'host'),
      resourcesDir: join(ROOT, 'resources'),
      rendererDir,
      demoWorkSystemDir: join(dir, 'work-system'),
      logger: (prefix) => ({ info: () => undefined, warn: () => undefined, error: (...args) => console.error(`[${prefix}]`, ...args) }),
    });
    cleanups.push(() => host.close());

    const cameraCard = await issueDemoCard(workSystem, cameraHolder);
    const video = join(dir, 'camera.y4m');
    await writeFakeCameraFile(video, await cardQrPng(cameraCard.qrText));

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US', acceptDownloads: true });
    // Anything leaving the origin would break the offline promise: fail loudly instead.
    const origin = new URL(host.url).origin;
    await context.route(
      (url) => url.origin !== origin && url.protocol.startsWith('http'),
      (route) => route.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    return {
      dir,
      workSystem,
      host,
      browser,
      context,
      page,
      cameraCard,
      issue: (holderId) => issueDemoCard(workSystem, holderId),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Fetches a publication from the real Work System and saves it as a .jws file. */
export async function downloadPublication(world: KioskWorld, path: string, fileName: string): Promise<string> {
  const response = await fetch(world.workSystem.url + path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const file = join(world.dir, fileName);
  await writeFile(file, await response.text());
  return file;
}
