// The kiosk in real Chromium against the real reference Work System and the browser host:
// first-run setup, background sync, sign-in, a card on the fake camera, a cancelled permit from
// a keyboard-wedge scanner, a foreign QR from an image, enrollment and audit upload, history and
// what IndexedDB keeps. Screenshots for the README are saved to docs/screenshots/.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REVOKED_PERMIT_NO } from '../../work-system/wallet/demo-holders';
import type { IssuedCard } from '../../work-system';
import { textQrPng } from './fake-camera';
import { openKioskWorld, type KioskWorld } from './kiosk-world';
import { goTo as goToScreen, runSetup, wedgeScan as wedge } from './kiosk-steps';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const ADMIN = { id: 'admin1', name: 'Wang Fang', pin: '246810' };

let world: KioskWorld & { readonly cameraCard: IssuedCard };
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  world = await openKioskWorld('valid');
  page = world.page;
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  // Records the frequencies of the verdict cues the page synthesises (no audio files exist).
  await world.context.addInitScript(() => {
    const played: number[] = [];
    (window as unknown as { __cues: number[] }).__cues = played;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      const osc = create.call(this);
      const start = osc.start.bind(osc);
      osc.start = (when?: number) => (played.push(osc.frequency.value), start(when));
      return osc;
    };
  });
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await world?.close();
});

/** Runs in the page: the seq of the stored trust list and revocation list (null when absent). */
async function storedListSeqs(): Promise<{ trust: number | null; revocations: number | null }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open('essc-kiosk');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const read = (store: string) =>
    new Promise<{ seq: number } | undefined>((resolve, reject) => {
      const r = db.transaction(store).objectStore(store).get('current');
      r.onsuccess = () => resolve(r.result as { seq: number } | undefined);
      r.onerror = () => reject(r.error);
    });
  try {
    return { trust: (await read('trustList'))?.seq ?? null, revocations: (await read('revocationMeta'))?.seq ?? null };
  } finally {
    db.close();
  }
}

describe('kiosk UI in Chromium, online with the reference Work System', () => {
  it('runs first-run setup (English, Work System URL, pinned anchors, admin), syncs and signs in', async () => {
    await page.goto(world.host.url);
    await runSetup(page, { language: 'English', url: world.workSystem.url, admin: ADMIN });
    await expect(page.getByText('Officer sign-in').count()).resolves.toBe(1);
    const config = await world.host.kiosk.handlers['config:get'](undefined, undefined);
    expect(config.language).toBe('en');
    expect(config.workSystemUrl).toBe(world.workSystem.url);

    // The kiosk syncs in the background from the moment it knows the Work System, signed in or
    // not; wait for it (reading IndexedDB) so the camera's first scan meets a trust list.
    await expect
      .poll(() => page.evaluate(storedListSeqs), { timeout: 60_000 })
      .toEqual({ trust: expect.any(Number), revocations: expect.any(Number) });

    await page.getByTestId('sign-in-id').fill(ADMIN.id);
    await page.getByTestId('sign-in-pin').fill('000000');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('sign-in-error').innerText()).resolves.toContain('Wrong officer ID or PIN');
    await page.getByTestId('sign-in-pin').fill(ADMIN.pin);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('scan-screen').waitFor();
  });

  it('shows the Work System connection and fresh trust data in the status bar', async () => {
    const bar = page.getByTestId('status-bar');
    await expect.poll(() => bar.innerText(), { timeout: 30_000 }).toContain('Work System online');
    const text = await bar.innerText();
    expect(text).toMatch(/Trust list #\d+ · just now/);
    expect(text).toMatch(/Revocations #\d+ · just now/);
    expect(text).toMatch(/To upload: \d+/);
  });

  it('shows a valid card from the camera in green with the holder data in form order', async () => {
    await goToScreen(page, 'Scan');
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.getAttribute('data-verdict')).toBe('valid');
    expect(await verdict.innerText()).toContain('Valid');
    const colour = await verdict.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).toBe('rgb(26, 127, 55)');

    const fields = await page.locator('[data-field]').evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-field'), el.textContent]),
    );
    const claims = world.cameraCard.claims;
    expect(fields.slice(0, 7)).toEqual([
      ['name', 'VAN DER BERG MARIA'],
      ['cn', '玛丽亚'],
      ['sex', 'Female'],
      ['dob', '1988-03-14'],
      ['nat', 'NLD'],
      ['pp', 'NXK1234567'],
      ['wpNo', claims.wp.no],
    ]);
    expect(Object.fromEntries(fields)).toMatchObject({ from: claims.wp.from, to: claims.wp.to, uscc: claims.wp.uscc, ssNo: claims.ss!.no });
    expect(fields.map(([k]) => k)).toEqual(['name', 'cn', 'sex', 'dob', 'nat', 'pp', 'wpNo', 'cat', 'from', 'to', 'emp', 'uscc', 'job', 'wpArea', 'ssNo', 'ssArea']);
    expect(await page.getByTestId('auto-clear').innerText()).toMatch(/Clears in \d+ s/);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __cues: number[] }).__cues)).toEqual(expect.arrayContaining([880, 1320]));
    await page.screenshot({ path: join(SCREENSHOTS, 'result-valid.png') });
  });

  it('shows a cancelled permit from a keyboard-wedge scan in red with the reason and what to do', async () => {
    const revokedCard = await world.issue('permit-revoked');
    expect(revokedCard.claims.wp.no).toBe(DEMO_REVOKED_PERMIT_NO);
    await wedge(page, revokedCard.qrText);
    await page.getByTestId('reason-PERMIT_REVOKED').waitFor({ timeout: 30_000 });
    const verdict = page.getByTestId('verdict');
    expect(await verdict.getAttribute('data-verdict')).toBe('invalid');
    expect(await verdict.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(198, 40, 40)');
    const reason = await page.getByTestId('reason-PERMIT_REVOKED').innerText();
    expect(reason).toContain('The work permit has been cancelled');
    expect(reason).toContain('follow the procedure for cancelled permits');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __cues: number[] }).__cues)).toContain(220);
    await page.screenshot({ path: join(SCREENSHOTS, 'result-revoked.png') });
  });

  it('says "not an e-SSC code" (never "expired") for a foreign QR imported as an image', async () => {
    // Freeze the camera on its last frame so only the imported image is processed.
    await page.getByTestId('camera-video').evaluate((v: HTMLVideoElement) => v.pause());
    await page.getByTestId('result-next').click();
    await page.getByTestId('result-view').waitFor({ state: 'detached' });
    const png = await textQrPng('https://pay.example.com/qr?order=1234567890');
    await page.getByTestId('import-input').setInputFiles({ name: 'payment.png', mimeType: 'image/png', buffer: png });
    const notice = page.getByTestId('not-essc');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toContain('Not an e-SSC code');
    expect(await page.getByTestId('scan-screen').innerText()).not.toMatch(/expired/i);
    await page.screenshot({ path: join(SCREENSHOTS, 'scan.png') });
  });

  it('enrolls with a one-time code and uploads its audit entries to the Work System', async () => {
    await goToScreen(page, 'Status');
    const card = page.getByTestId('work-system-card');
    await card.waitFor();
    expect(await page.getByTestId('enrollment-state').innerText()).toContain('Not enrolled');
    await page.getByTestId('enroll-code').fill(world.workSystem.store.createEnrollmentCode());
    await page.getByTestId('enroll').click();
    const outcome = await page.getByTestId('enroll-outcome').innerText();
    const kioskId = /Enrolled as kiosk (\S+)/.exec(outcome)?.[1];
    expect(kioskId).toBeTruthy();
    await expect.poll(() => page.getByTestId('status-bar').innerText()).toContain(`Kiosk ${kioskId}`);

    // A verification on the enrolled chain, then a manual sync round.
    await goToScreen(page, 'Scan');
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('valid');
    await goToScreen(page, 'Status');
    await page.getByTestId('sync-now').click();
    await expect.poll(() => world.workSystem.store.listAudit(kioskId!).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('sync-audit').innerText()).toMatch(/^\d+ uploaded$/);

    const stored = world.workSystem.store.listAudit(kioskId!);
    expect(stored.map((e) => e.event)).toEqual(expect.arrayContaining(['settings_change', 'verify']));
    const verify = stored.find((e) => e.event === 'verify')!;
    expect(verify).toMatchObject({ verdict: 'valid', permitNo: world.cameraCard.claims.wp.no, operator: ADMIN.id });
    expect(JSON.stringify(stored)).not.toContain('VAN DER BERG');
    await page.screenshot({ path: join(SCREENSHOTS, 'status.png') });
  });

  it('lists the verifications in History, filters by permit number and checks the chain', async () => {
    await goToScreen(page, 'History');
    await page.getByTestId('history-screen').waitFor();
    const table = page.getByTestId('history-table');
    await table.getByText(DEMO_REVOKED_PERMIT_NO).first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'history.png') });

    await page.getByTestId('history-permit').fill(DEMO_REVOKED_PERMIT_NO);
    await page.getByTestId('history-permit').press('Enter');
    await page.getByText('Entries: 1', { exact: true }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByTestId('history-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^essc-audit-\d{12}\.csv$/);
    const csv = (await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,seq,at,kiosk,operator,event,verdict/);
    expect(lines.slice(1).every((l) => l.includes(DEMO_REVOKED_PERMIT_NO))).toBe(true);
    expect(lines).toHaveLength(2);
    expect(csv).not.toContain('MÜLLER');

    await page.getByTestId('history-check-chain').click();
    await page.getByTestId('chain-check').getByText(/Chain intact: \d+ entries checked/).waitFor();
  });

  it('persists nothing but audit entries: no QR text, names or passport numbers in IndexedDB', async () => {
    const revoked = await world.issue('permit-revoked');
    const dump = await page.evaluate(async () => {
      const out: Record<string, string> = {};
      for (const info of await indexedDB.databases()) {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open(info.name!);
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          const rows = await new Promise<unknown[]>((res, rej) => {
            const r = db.transaction(store).objectStore(store).getAll();
            r.onsuccess = () => res(r.result);
            r.onerror = () => rej(r.error);
          });
          out[`${info.name}/${store}`] = JSON.stringify(rows);
        }
        db.close();
      }
      return out;
    });
    await writeFile(join(world.dir, 'indexeddb.json'), JSON.stringify(dump, null, 1));
    const stores = Object.keys(dump);
    const auditStore = stores.find((s) => /\/audit$/.test(s));
    expect(auditStore).toBeDefined();
    expect(JSON.parse(dump[auditStore!]!).length).toBeGreaterThanOrEqual(4);

    const everything = Object.values(dump).join('\n');
    const secrets = [
      'essc:/',
      world.cameraCard.qrText.slice(6, 80), // the QR digits
      world.cameraCard.jws.split('.')[1]!.slice(0, 40), // the signed payload
      revoked.qrText.slice(6, 80),
      'VAN DER BERG',
      '玛丽亚',
      'MÜLLER JONAS',
      'NXK1234567',
      'C01X00T47',
      '9NLD19880314001X',
    ];
    for (const secret of secrets) expect(everything, secret).not.toContain(secret);
    // Permit numbers are audit facts (§8 permitNo) and nowhere else.
    for (const [store, rows] of Object.entries(dump)) {
      if (store === auditStore) continue;
      expect(rows, store).not.toContain(DEMO_REVOKED_PERMIT_NO);
      expect(rows, store).not.toContain(world.cameraCard.claims.wp.no);
    }
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
