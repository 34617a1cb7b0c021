// A kiosk loses its Work System and gets it back, in real Chromium: the status bar says offline
// (the scheduler's probe, not navigator.onLine), verification goes on from a keyboard-wedge
// scanner, the entries wait as pending; the server restarts on the same data and port, "Sync now"
// goes through the scheduler, the indicator says online and pending returns to 0, the server
// holding every entry. Screenshots: docs/screenshots/sync-offline.png and sync-online.png.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkSystem, type IssuedCard, type RunningWorkSystem } from '../../work-system';
import { importAuditCommand } from '../../work-system/cli/commands/audit';
import { openKioskWorld, type KioskWorld } from '../e2e/kiosk-world';
import { goTo, runSetup, signIn, wedgeScan } from '../e2e/kiosk-steps';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const ADMIN = { id: 'admin1', name: 'Wang Fang', pin: '246810' };

let world: KioskWorld & { readonly cameraCard: IssuedCard };
let page: Page;
let restarted: RunningWorkSystem | null = null;
let kioskId = '';
let wedgeCard: IssuedCard;
const pageErrors: string[] = [];

const connection = () => page.getByTestId('status-connection');
const pendingCount = async () => Number(/To upload: (\d+)/.exec(await page.getByTestId('status-pending').innerText())?.[1] ?? NaN);

beforeAll(async () => {
  world = await openKioskWorld('valid');
  page = world.page;
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  wedgeCard = await world.issue('permit-expired');
  // Every label the sync progress bar shows, however briefly.
  await world.context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __syncProgress: string[] }).__syncProgress = seen;
    new MutationObserver(() => {
      const label = document.querySelector('[data-testid="sync-progress"]')?.textContent;
      if (label && seen.at(-1) !== label) seen.push(label);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await restarted?.close();
  await world?.close();
});

describe('sync UI: offline and back', () => {
  it('sets up, enrolls and syncs: online, nothing pending', async () => {
    await page.goto(world.host.url);
    await runSetup(page, { language: 'English', url: world.workSystem.url, admin: ADMIN });
    await signIn(page, ADMIN);
    await expect.poll(() => connection().innerText(), { timeout: 30_000 }).toBe('Work System online');
    expect(await connection().getAttribute('data-online')).toBe('true');

    await goTo(page, 'Status');
    await page.getByTestId('enroll-code').fill(world.workSystem.store.createEnrollmentCode());
    await page.getByTestId('enroll').click();
    kioskId = /Enrolled as kiosk (\S+)/.exec(await page.getByTestId('enroll-outcome').innerText())?.[1] ?? '';
    expect(kioskId).not.toBe('');
    await page.getByTestId('sync-now').click();
    await expect.poll(pendingCount, { timeout: 30_000 }).toBe(0);
    expect(await page.getByTestId('status-last-sync').innerText()).toBe('Last sync just now');
    const seen = await page.evaluate(() => (window as unknown as { __syncProgress: string[] }).__syncProgress);
    expect(seen.some((label) => /Connecting to the Work System|Checking the trust list|Uploading entries/.test(label))).toBe(true);
  });

  it('Work System stopped: the indicator says offline, an admin sees why in plain words', async () => {
    await world.workSystem.close();
    await page.getByTestId('sync-now').click();
    await expect.poll(() => connection().innerText(), { timeout: 30_000 }).toBe('Offline: Work System unreachable');
    expect(await connection().getAttribute('data-online')).toBe('false');
    const error = page.getByTestId('sync-error');
    await error.waitFor();
    expect(['OFFLINE', 'TIMEOUT', 'HTTP']).toContain(await error.getAttribute('data-code'));
    expect(await error.innerText()).toMatch(/Sync did not complete \(connection check\)/);
    expect(await error.innerText()).not.toMatch(/status\.failure|sync\.advice/);
  });

  it('verifies offline from a keyboard-wedge scanner; the entries wait as pending', async () => {
    await goTo(page, 'Scan');
    await page.getByTestId('scan-screen').waitFor();
    await wedgeScan(page, wedgeCard.qrText);
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('invalid');
    await page.getByText('The work permit has expired').first().waitFor();
    await expect.poll(pendingCount, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await connection().innerText()).toBe('Offline: Work System unreachable');
    await goTo(page, 'Status');
    await page.getByTestId('sync-error').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'sync-offline.png') });
  });

  it('removable media while offline: export signed batches, ws import-audit, import the acknowledgement', async () => {
    const pendingBefore = await pendingCount();
    const downloads: { name: string; path: string }[] = [];
    const collect = (d: Download) =>
      void d.path().then((path) => downloads.push({ name: d.suggestedFilename(), path }));
    page.on('download', collect);
    await page.getByTestId('media-export').click();
    await page.getByTestId('media-outcome').getByText(/Files exported: \d+/).waitFor();
    await expect.poll(() => downloads.length).toBeGreaterThan(0);
    page.off('download', collect);
    for (const d of downloads) expect(d.name).toMatch(new RegExp(`^essc-audit-${kioskId}-\\d+-\\d+\\.jws$`));
    expect(await pendingCount()).toBe(pendingBefore); // exported entries stay pending until acknowledged

    // The Work System is stopped: its CLI takes the batches in from the stick and writes the acks.
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: () => undefined };
    const acks: string[] = [];
    for (const d of downloads.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))) {
      const batch = join(world.dir, d.name);
      await writeFile(batch, await readFile(d.path));
      expect(await importAuditCommand(['--data', join(world.dir, 'work-system'), batch], io)).toBe(0);
      acks.push(batch.replace(/\.jws$/, '.ack.json'));
    }
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('media-import-ack').click();
    await (await chooser).setFiles(acks.at(-1)!);
    await page.getByTestId('media-outcome').getByText(/Acknowledgement imported; entries marked synced: \d+/).waitFor();
    // Everything exported is now synced; what remains is the import's own settings_change entry,
    // for the online sync to upload.
    await expect.poll(pendingCount).toBe(1);
    expect(lines.map((l) => JSON.parse(l) as { kiosk: string }).every((ack) => ack.kiosk === kioskId)).toBe(true);
  });

  it('Work System back on the same data and port: online, pending 0, the server holds every entry', async () => {
    restarted = await startWorkSystem({ dataDir: join(world.dir, 'work-system'), port: world.workSystem.port, demo: true });
    expect(restarted.url).toBe(world.workSystem.url);
    await page.getByTestId('sync-now').click();
    await expect.poll(() => connection().innerText(), { timeout: 30_000 }).toBe('Work System online');
    await expect.poll(pendingCount, { timeout: 30_000 }).toBe(0);
    expect(await page.getByTestId('sync-error').count()).toBe(0);
    expect(await page.getByTestId('ws-pending').innerText()).toBe('0');

    const stored = restarted.store.listAudit(kioskId, { limit: 10_000 });
    const expired = stored.filter((e) => e.event === 'verify' && e.permitNo === wedgeCard.claims.wp.no);
    expect(expired.length).toBeGreaterThan(0);
    expect(expired[0]).toMatchObject({ verdict: 'invalid', operator: ADMIN.id });
    expect(await restarted.store.verifyKioskChain(kioskId)).toMatchObject({ ok: true, checked: stored.length });
    await page.screenshot({ path: join(SCREENSHOTS, 'sync-online.png') });

    // Trust files picked together: the ones already applied are "not newer", a stray file unreadable.
    const files: string[] = [];
    for (const [path, name] of [['/v1/trust-list', 'trust.jws'], ['/v1/revocations?since=0', 'revocations.jws']] as const) {
      const file = join(world.dir, name);
      await writeFile(file, await (await fetch(restarted.url + path)).text());
      files.push(file);
    }
    const stray = join(world.dir, 'notes.jws');
    await writeFile(stray, 'not a list');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('media-import-trust').click();
    await (await chooser).setFiles([...files, stray]);
    const rows = page.getByTestId('media-file-outcome');
    await expect.poll(() => rows.count()).toBe(3);
    const texts = await rows.allInnerTexts();
    expect(texts.find((t) => t.includes('notes.jws'))).toContain('not a trust list or revocation list file');
    expect(texts.find((t) => t.includes('trust.jws'))).toContain('not newer than the version on this kiosk');

    // Retention of synced entries, an audited settings change.
    await goTo(page, 'Settings');
    await page.getByTestId('settings-retention').fill('400');
    await page.getByTestId('settings-retention-save').click();
    await page.getByText('Settings saved').first().waitFor();
    await expect.poll(pendingCount).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
