// The whole sync path in real Chromium: the data layer in the page, the host API over same-origin
// HTTP (host-server, as `npm run web` runs it), the host's Work System transport, and the
// reference Work System — enrollment, trust list, revocations, verification, audit upload.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostServer, type RunningHostServer } from '../../host-server/server';
import { memoryLogger } from '../../host-core/logger';
import { startWorkSystem, type RunningWorkSystem } from '../../work-system';
import { NOW } from '../fixtures/test-world';
import { buildTestPage, CHROMIUM_PATH, launchChromium, removeDir, type RunningChromium } from './harness';

describe.skipIf(!existsSync(CHROMIUM_PATH))('sync through the browser host in Chromium', () => {
  let workSystem: RunningWorkSystem;
  let hostServer: RunningHostServer;
  let chrome: RunningChromium;
  let page: Page;
  const dirs: string[] = [];

  beforeAll(async () => {
    const [wsDir, hostDir, profileDir, pageDir] = await Promise.all([
      mkdtemp(join(tmpdir(), 'essc-ws-')),
      mkdtemp(join(tmpdir(), 'essc-host-')),
      mkdtemp(join(tmpdir(), 'essc-chromium-')),
      buildTestPage(),
    ]);
    dirs.push(wsDir, hostDir, profileDir, pageDir);
    workSystem = await startWorkSystem({ dataDir: wsDir, port: 0, clock: () => NOW });
    hostServer = await startHostServer({
      dataDir: hostDir,
      resourcesDir: resolve(import.meta.dirname, '../../resources'),
      rendererDir: pageDir,
      demoWorkSystemDir: wsDir,
      port: 0,
      logger: () => memoryLogger(),
    });
    chrome = await launchChromium(profileDir);
    page = await chrome.openPage(hostServer.url);
  }, 120_000);

  afterAll(async () => {
    await chrome?.close();
    await hostServer?.close();
    await workSystem?.close();
    await Promise.all(dirs.map(removeDir));
  });

  it('enrolls, syncs trust data, verifies a card and uploads the audit chain', async () => {
    const opened = await page.evaluate(
      ([now, url]) => window.esscTest.openKioskViaBrowserHost('essc-sync', now, url),
      [NOW.toISOString(), workSystem.url] as const,
    );
    expect(opened.kioskId).toMatch(/^local-/);
    const code = workSystem.store.createEnrollmentCode();
    expect(await page.evaluate((c) => window.esscTest.enroll(c), code)).toMatchObject({ ok: true, changed: true });

    const first = await page.evaluate(() => window.esscTest.syncNow());
    expect(first.report.trust).toEqual({ ok: true, changed: true });
    expect(first.report.revocations).toEqual({ ok: true, changed: true });
    expect(first.report.audit).toMatchObject({ ok: true });
    expect(first.pending).toBe(0);
    expect(first.kioskId).not.toMatch(/^local-/);

    const card = await workSystem.store.issueCard({
      typ: 'essc',
      iss: 'CN-310000',
      holder: { name: 'VAN DER BERG MARIA', sex: 'F', dob: '1988-03-14', nat: 'NLD', pp: 'NXK1234567' },
      permit: { no: 'ZX2026000000999', cat: 'B', from: '2024-12-01', to: '2027-11-30', emp: '上海某某信息科技有限公司', uscc: '91310115MA1K4ABC1X', area: '310115' },
      socialSecurity: { no: '9NLD19880314001X', area: '310000' },
    });
    const verified = await page.evaluate((qr) => window.esscTest.verify(qr), card.qrText);
    expect(verified.verdict).toBe('valid');

    const second = await page.evaluate(() => window.esscTest.syncNow());
    expect(second.report.trust).toEqual({ ok: true, changed: false }); // 304 via If-None-Match
    expect(second.pending).toBe(0);
    const stored = workSystem.store.listAudit(first.kioskId);
    expect(stored.map((e) => e.event)).toEqual(['settings_change', 'trust_update', 'revocations_update', 'verify']);
    expect(stored[3]).toMatchObject({ verdict: 'valid', permitNo: 'ZX2026000000999' });
    expect(await workSystem.store.verifyKioskChain(first.kioskId)).toMatchObject({ ok: true });
    expect(chrome.external).toEqual([]);
  });
});
