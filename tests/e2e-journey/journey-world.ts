// Everything the officer journey runs against, all real and all on 127.0.0.1: the reference Work
// System (demo data; stopped and started again on the same port to take the kiosk offline), the
// renderer built with Vite, the browser host server (with the production anchors, so setup must
// load the Work System's anchors), and Chromium with a fake camera showing a valid e-SSC.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startHostServer, type RunningHostServer } from '../../host-server/server';
import { startWorkSystem, type RunningWorkSystem } from '../../work-system';
import { buildRenderer } from '../e2e/build-renderer';
import { cardQrPng, writeFakeCameraFile } from '../e2e/fake-camera';
import { issueJourneyCards, type JourneyCards } from './journey-cards';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BASE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface WalletShot {
  readonly png: Buffer;
  readonly expect: { readonly verdict: string; readonly reasons: readonly string[] };
  readonly permitNo: string;
}

export interface JourneyWorld {
  readonly dir: string;
  /** The running Work System; replaced by `startServerAgain`. */
  workSystem(): RunningWorkSystem;
  readonly host: RunningHostServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly cards: JourneyCards;
  /** A screenshot of one card of the demo wallet page, as a holder would send it. */
  readonly walletShot: WalletShot;
  stopServer(): Promise<void>;
  startServerAgain(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the wallet page in its own browser context and screenshots one card's QR. */
async function screenshotWalletCard(browser: Browser, workSystemUrl: string, cardId: string): Promise<WalletShot> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await context.newPage();
    const cards = (await (await fetch(`${workSystemUrl}/wallet/cards.json`)).json()) as {
      id: string;
      expect: string;
      reasons: string[];
      permitNo: string;
    }[];
    const card = cards.find((c) => c.id === cardId);
    if (!card) throw new Error(`wallet has no card ${cardId}`);
    await page.goto(`${workSystemUrl}/wallet`);
    const png = await page.locator(`#qr-${cardId}`).screenshot({ type: 'png' });
    return { png, expect: { verdict: card.expect, reasons: card.reasons }, permitNo: card.permitNo };
  } finally {
    await context.close();
  }
}

export async function openJourneyWorld(walletCardId: string): Promise<JourneyWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'essc-journey-'));
  const cleanups: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const dataDir = join(dir, 'work-system');
    // The Work System's keys and first publications are made "two hours ago" (a real system's
    // keys are older than today's cards), so a QR issued an hour ago is inside its key's window.
    let clockOffsetMs = -2 * 3_600_000;
    const clock = () => new Date(Date.now() + clockOffsetMs);
    let workSystem: RunningWorkSystem | null = await startWorkSystem({ dataDir, port: 0, demo: true, clock });
    clockOffsetMs = 0;
    const port = workSystem.port;
    cleanups.push(() => workSystem?.close() ?? Promise.resolve());
    const rendererDir = join(dir, 'renderer');
    await buildRenderer(rendererDir);
    const host = await startHostServer({
      dataDir: join(dir, 'host'),
      resourcesDir: join(ROOT, 'resources'),
      rendererDir,
      logger: (prefix) => ({ info: () => undefined, warn: () => undefined, error: (...args) => console.error(`[${prefix}]`, ...args) }),
    });
    cleanups.push(() => host.close());

    const cards = await issueJourneyCards(workSystem.store);
    const video = join(dir, 'camera.y4m');
    await writeFakeCameraFile(video, await cardQrPng(cards.validEssc.qrText));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        ...BASE_FLAGS,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    cleanups.push(() => browser.close());
    const walletShot = await screenshotWalletCard(browser, workSystem.url, walletCardId);

    // bypassCSP only so axe-core can be injected as a script tag; the production CSP itself is
    // tested by tests/e2e and tests/security.
    const context = await browser.newContext({
      viewport: { width: 1600, height: 1000 },
      locale: 'zh-CN',
      acceptDownloads: true,
      bypassCSP: true,
    });
    const origin = new URL(host.url).origin;
    // The kiosk page talks to its host only: anything else leaving the origin fails loudly.
    await context.route(
      (url) => url.origin !== origin && url.protocol.startsWith('http'),
      (route) => route.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    return {
      dir,
      workSystem: () => {
        if (!workSystem) throw new Error('the Work System is stopped');
        return workSystem;
      },
      host,
      browser,
      context,
      page,
      cards,
      walletShot,
      stopServer: async () => {
        await workSystem?.close();
        workSystem = null;
      },
      startServerAgain: async () => {
        if (workSystem) throw new Error('the Work System is running');
        workSystem = await startWorkSystem({ dataDir, port, demo: true, clock });
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
