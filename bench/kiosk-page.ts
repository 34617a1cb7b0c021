// The set-up every Chromium benchmark shares: the data-layer test page served on loopback, a
// fresh Chromium profile, and a kiosk opened with the test world's anchors; torn down afterwards.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildTestPage, launchChromium, removeDir, serveDirectory } from '../tests/browser-data/harness';
import { NOW, type TestWorld } from '../tests/fixtures/test-world';

/** Static files served beside the page (e.g. a signed snapshot the page fetches). */
export type ExtraFiles = ReadonlyMap<string, string>;

export async function withKioskPage<T>(
  world: TestWorld,
  dbName: string,
  run: (page: Page, externalRequests: readonly string[]) => Promise<T>,
  extraFiles: ExtraFiles = new Map(),
): Promise<T> {
  const [pageDir, profileDir] = await Promise.all([buildTestPage(), mkdtemp(join(tmpdir(), 'essc-bench-'))]);
  const server = await serveDirectory(pageDir);
  for (const [path, body] of extraFiles) server.files.set(path, body);
  const chrome = await launchChromium(profileDir);
  try {
    const page = await chrome.openPage(server.origin);
    await page.evaluate(([name, anchors, now]) => window.esscTest.openKiosk(name, anchors as never, now), [dbName, world.anchorsJwks, NOW.toISOString()] as const);
    return await run(page, chrome.external);
  } finally {
    await chrome.close();
    await server.close();
    await Promise.all([removeDir(pageDir), removeDir(profileDir)]);
  }
}
