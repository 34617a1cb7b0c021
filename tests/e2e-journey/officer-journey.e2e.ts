// The officer's day, end to end in real Chromium against the real reference Work System and the
// browser host: first-run setup, sign-in, enrollment, online sync, the server going away, every
// kind of card at the counter (camera, image drop, keyboard wedge), idle lock, history and CSV,
// the server coming back and the audit chain checked by the server. Each screen is run through
// axe-core and photographed into docs/screenshots/journey/. The steps depend on each other.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { AUDIT_CSV_COLUMNS } from '../../renderer/audit/audit-csv';
import { DEMO_REVOKED_PERMIT_NO } from '../../work-system/wallet/demo-holders';
import { dropFile, goTo, wedgeScan as inPageWedgeScan } from '../e2e/kiosk-steps';
import { focusedElement, passesAa, tabTo, textContrast, untranslatedKeys } from './a11y';
import { logKeyTimes, longestKeyGap, resetKeyLog, typeLikePlaywright } from './wedge';
import { openJourneyWorld, type JourneyWorld } from './journey-world';
import { checkScreen, fill, kioskAudit, nextPersonByKeyboard, publishedSeq, storedSeqs } from './journey-helpers';

const ADMIN = { id: 'admin01', name: '王芳', pin: '135790' };
const WALLET_CARD = 'permit-expired';
/** Names and passport numbers of the journey's holders: never in exports or on the server. */
const HOLDER_SECRETS = ['VAN DER BERG', '玛丽亚', 'MÜLLER JONAS', 'NXK1234567', 'C01X00T47', "O'CONNOR"];

let world: JourneyWorld;
let page: Page;
let kioskId = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  world = await openJourneyWorld(WALLET_CARD);
  page = world.page;
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Key timings as the page sees them: tells a slow test driver from a wedge-detection bug.
  await logKeyTimes(page);
  // A controllable clock (it runs in real time until fast-forwarded) for the idle lock.
  await world.context.clock.install();
});

afterAll(async () => {
  await world?.close();
});

/** §8 `token`: b64u SHA-256 of the QR text; ties a shown result to the QR that was scanned. */
function tokenOf(qrText: string): string {
  return createHash('sha256').update(qrText, 'utf8').digest('base64url');
}

async function expectResult(options: { verdict: string; reasons: readonly string[]; qrText?: string }): Promise<void> {
  const verdict = page.getByTestId('verdict');
  await verdict.waitFor({ timeout: 60_000 });
  if (options.qrText !== undefined) {
    const id = await page.getByTestId('verification-id').innerText();
    const entry = (await kioskAudit(page)).find((e) => e.id === id);
    expect(entry?.token, 'the result shown is the one of the QR just scanned').toBe(tokenOf(options.qrText));
  }
  expect(await verdict.getAttribute('data-verdict')).toBe(options.verdict);
  const reasons = await page.locator('[data-testid^="reason-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(reasons.sort()).toEqual(options.reasons.map((r) => `reason-${r}`).sort());
}

/**
 * A hardware scanner types the QR text (see wedge.ts). A burst the page saw without a gap over
 * 35 ms must give a result; one with a driver stall cannot (the kiosk reads it as typing), and
 * only then is it sent again as in-page key events.
 */
async function wedgeScan(text: string): Promise<void> {
  expect((await focusedElement(page)).tag, 'no text field may catch the scan').not.toBe('input');
  await resetKeyLog(page);
  await typeLikePlaywright(page, text);
  const burst = await longestKeyGap(page);
  expect(burst.keys, 'every key reached the page').toBe(text.length + 1);
  if (burst.maxGap <= 35) return;
  console.warn(`page.keyboard.type stalled (longest gap ${burst.maxGap} ms): sending the burst as in-page key events`);
  await inPageWedgeScan(page, text);
  const shown = await page
    .getByTestId('verdict')
    .waitFor({ timeout: 60_000 })
    .then(() => true, () => false);
  if (!shown) {
    // Evidence for whoever reads the failure: what the kiosk recorded and what it shows.
    const tail = (await kioskAudit(page)).slice(-3).map((e) => [e.event, e.verdict, e.token, e.at]);
    console.error('no result after the in-page burst; audit tail', tail, 'expected token', tokenOf(text));
    await page.screenshot({ path: `${world.dir}/../essc-journey-wedge-failure.png` });
  }
}

describe('officer journey (zh-CN, camera, image drop, keyboard wedge, offline and back)', () => {
  it('first-run setup: language, Work System URL, anchors from a file, admin PIN', async () => {
    await page.goto(world.host.url);
    await page.getByTestId('setup-wizard').waitFor();
    await checkScreen(page, 'setup');
    await page.getByText(zhCN.app.languages['zh-CN'], { exact: true }).click();
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-url').fill(world.workSystem().url);
    await page.getByTestId('setup-next').click();
    // The host ships production anchors; this Work System signs with its own: load its JWKS.
    const chooser = page.waitForEvent('filechooser');
    await page.getByText(zhCN.setup.anchorsLoad, { exact: true }).click();
    await (await chooser).setFiles(world.workSystem().anchorsJwksPath);
    const anchorCount = world.workSystem().anchorsJwks.keys.length;
    await page.getByText(fill(zhCN.setup.anchorsLoaded, { count: anchorCount })).waitFor();
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-admin-id').fill(ADMIN.id);
    await page.getByTestId('setup-admin-name').fill(ADMIN.name);
    await page.getByTestId('setup-admin-pin').fill(ADMIN.pin);
    await page.getByTestId('setup-admin-pin-repeat').fill(ADMIN.pin);
    await checkScreen(page, 'setup-admin');
    await page.getByTestId('setup-finish').click();
    await page.getByTestId('sign-in-id').waitFor({ timeout: 30_000 });

    const config = await world.host.kiosk.handlers['config:get'](undefined, undefined);
    expect(config).toMatchObject({ language: 'zh-CN', workSystemUrl: world.workSystem().url, anchorsSource: 'custom' });
    expect(config.anchors).toEqual(world.workSystem().anchorsJwks);
    // Background sync starts as soon as the kiosk knows its Work System, signed in or not.
    await expect.poll(() => storedSeqs(page), { timeout: 60_000 }).toEqual({ trust: expect.any(Number), revocations: expect.any(Number) });
  });

  it('sign-in: both languages, wrong PIN refused, keyboard-only sign-in with visible focus', async () => {
    await checkScreen(page, 'sign-in');
    // English and back, from the language menu of the sign-in card.
    for (const [label, title] of [
      [en.app.languages.en, en.signIn.title],
      [zhCN.app.languages['zh-CN'], zhCN.signIn.title],
    ] as const) {
      await page.locator('.sign-in-card .ant-select').click();
      await page.locator('.ant-select-item-option').getByText(label, { exact: true }).click();
      await page.getByRole('heading', { name: title }).waitFor();
      expect(await untranslatedKeys(page)).toEqual([]);
    }
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    await page.getByTestId('sign-in-id').fill(ADMIN.id);
    await page.getByTestId('sign-in-pin').fill('000000');
    await page.getByTestId('sign-in-submit').click();
    expect(await page.getByTestId('sign-in-error').innerText()).toContain(zhCN.signIn.badCredentials);

    await page.getByTestId('sign-in-id').fill('');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    let focused = await tabTo(page, (f) => f.testId === 'sign-in-id');
    expect(focused.visibleFocus, 'focus ring on officer ID').toBe(true);
    await page.keyboard.type(ADMIN.id);
    focused = await tabTo(page, (f) => f.testId === 'sign-in-pin', 3);
    expect(focused.visibleFocus, 'focus ring on PIN').toBe(true);
    await page.keyboard.type(ADMIN.pin);
    focused = await tabTo(page, (f) => f.testId === 'sign-in-submit', 4);
    expect(focused.visibleFocus, 'focus ring on sign-in button').toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('nav').waitFor();
  });

  it('the camera shows a valid e-SSC at once (online, not yet enrolled)', async () => {
    await expectResult({ verdict: 'valid', reasons: [] });
    await nextPersonByKeyboard(page);
  });

  it('enrolls with the server one-time code and syncs: trust list and revocations at the published seqs', async () => {
    await goTo(page, zhCN.nav.status);
    await page.getByTestId('work-system-card').waitFor();
    expect(await page.getByTestId('enrollment-state').innerText()).toBe(zhCN.status.notEnrolled);
    await page.getByTestId('enroll-code').fill(world.workSystem().store.createEnrollmentCode());
    await page.getByTestId('enroll').click();
    await expect.poll(() => page.getByTestId('enrollment-state').innerText(), { timeout: 30_000 }).toBe(zhCN.status.enrolled);
    const kiosks = world.workSystem().store.listKiosks();
    expect(kiosks).toHaveLength(1);
    kioskId = kiosks[0]!.kioskId;
    await expect.poll(() => page.getByTestId('status-bar').innerText(), { timeout: 30_000 }).toContain(kioskId);

    await page.getByTestId('sync-now').click();
    const trustSeq = await publishedSeq(world.workSystem().url, '/v1/trust-list');
    const revocationSeq = await publishedSeq(world.workSystem().url, '/v1/revocations?since=0');
    await expect.poll(() => page.getByTestId('status-trust-seq').innerText(), { timeout: 30_000 }).toBe(String(trustSeq));
    await expect.poll(() => page.getByTestId('status-revocation-seq').innerText(), { timeout: 30_000 }).toBe(String(revocationSeq));
    expect(await storedSeqs(page)).toEqual({ trust: trustSeq, revocations: revocationSeq });
    const connection = page.getByTestId('status-connection');
    expect(await connection.innerText()).toBe(zhCN.statusBar.online);
    expect(await page.getByTestId('status-trust').innerText()).toContain(`#${trustSeq}`);
    await checkScreen(page, 'status');
  });

  it('shows the Work System as unreachable once the server is stopped', async () => {
    await world.stopServer();
    await page.getByTestId('sync-now').click();
    const connection = page.getByTestId('status-connection');
    await expect.poll(() => connection.innerText(), { timeout: 30_000 }).toBe(zhCN.statusBar.unreachable);
    expect(await connection.getAttribute('class')).toMatch(/orange/);
    await checkScreen(page, 'status-offline');
  });

  it('offline: a valid e-SSC on the camera, green, large, readable, holder data shown', async () => {
    await goTo(page, zhCN.nav.scan);
    await expectResult({ verdict: 'valid', reasons: [] });
    const field = (key: string) => page.locator(`[data-field="${key}"]`).innerText();
    expect(await field('name')).toBe(world.cards.validEssc.claims.hd.name);
    expect(await field('wpNo')).toBe(world.cards.validEssc.claims.wp.no);
    expect(await field('ssNo')).toBe(world.cards.validEssc.claims.ss!.no);
    for (const part of ['.verdict-word', '.verdict-hint']) {
      const contrast = await textContrast(page.getByTestId('verdict').locator(part));
      expect(passesAa(contrast), `${part} contrast ${contrast.ratio.toFixed(2)}`).toBe(true);
    }
    expect((await textContrast(page.locator('.verdict-word'))).fontPx, 'verdict word size').toBeGreaterThanOrEqual(48);
    await checkScreen(page, 'result-valid-essc');
    // One person, one verification: take the camera away before the next cards.
    await page.getByTestId('camera-video').evaluate((v: HTMLVideoElement) => {
      for (const track of (v.srcObject as MediaStream | null)?.getTracks() ?? []) track.stop();
      v.srcObject = null;
    });
    await nextPersonByKeyboard(page);
    await checkScreen(page, 'scan');
  });

  it('a valid WPN from a keyboard-wedge scanner', async () => {
    await wedgeScan(world.cards.validWpn.qrText);
    await expectResult({ verdict: 'valid', reasons: [], qrText: world.cards.validWpn.qrText });
    expect(await page.locator('[data-field="wpNo"]').innerText()).toBe(world.cards.validWpn.claims.wp.no);
    // A WPN carries no social-security data: the field says so instead of staying blank.
    expect(await page.locator('[data-field="ssNo"]').innerText()).toBe(zhCN.value.absent);
    await checkScreen(page, 'result-valid-wpn');
    await nextPersonByKeyboard(page);
  });

  it('an expired QR (issued an hour ago) is TOKEN_EXPIRED', async () => {
    await wedgeScan(world.cards.expiredEssc.qrText);
    await expectResult({ verdict: 'invalid', reasons: ['TOKEN_EXPIRED'], qrText: world.cards.expiredEssc.qrText });
    expect(await page.getByTestId('reason-TOKEN_EXPIRED').innerText()).toContain(zhCN.reason.TOKEN_EXPIRED.text);
    await checkScreen(page, 'result-expired');
    await nextPersonByKeyboard(page);
  });

  it('a cancelled permit is PERMIT_REVOKED, red', async () => {
    await wedgeScan(world.cards.revokedPermit.qrText);
    await expectResult({ verdict: 'invalid', reasons: ['PERMIT_REVOKED'], qrText: world.cards.revokedPermit.qrText });
    for (const part of ['.verdict-word', '.verdict-hint']) {
      const contrast = await textContrast(page.getByTestId('verdict').locator(part));
      expect(passesAa(contrast), `${part} contrast ${contrast.ratio.toFixed(2)}`).toBe(true);
    }
    await checkScreen(page, 'result-revoked');
    await nextPersonByKeyboard(page);
  });

  it('a forged card (unknown key) is UNKNOWN_KEY and shows no holder data', async () => {
    await wedgeScan(world.cards.forged.qrText);
    await expectResult({ verdict: 'invalid', reasons: ['UNKNOWN_KEY'], qrText: world.cards.forged.qrText });
    await page.getByTestId('no-data').waitFor();
    expect(await page.locator('[data-field]').count()).toBe(0);
    const text = await page.locator('body').innerText();
    for (const secret of [...HOLDER_SECRETS, world.cards.validEssc.claims.wp.no]) expect(text).not.toContain(secret);
    await checkScreen(page, 'result-forged');
    await nextPersonByKeyboard(page);
  });

  it('a screenshot of the wallet dropped onto the kiosk is verified like a scan', async () => {
    await dropFile(page, { name: 'wallet-screenshot.png', type: 'image/png', bytes: world.walletShot.png });
    await expectResult(world.walletShot.expect);
    expect(await page.locator('[data-field="wpNo"]').innerText()).toBe(world.walletShot.permitNo);
    await checkScreen(page, 'result-wallet-image');
    await nextPersonByKeyboard(page);
  });

  it('the image import button works from the keyboard too', async () => {
    const chooser = page.waitForEvent('filechooser');
    const focused = await tabTo(page, (f) => f.testId === 'import-image');
    expect(focused.visibleFocus, 'focus ring on Import image').toBe(true);
    await page.keyboard.press('Enter');
    await (await chooser).setFiles({ name: 'wallet.png', mimeType: 'image/png', buffer: world.walletShot.png });
    await expectResult(world.walletShot.expect);
    await nextPersonByKeyboard(page);
  });

  it('settings: idle lock set to one minute, then the kiosk locks itself', async () => {
    await goTo(page, zhCN.nav.settings);
    await page.getByTestId('settings-screen').waitFor();
    await checkScreen(page, 'settings');
    await page.getByLabel(zhCN.settings.idleLockMinutes).fill('1');
    await page.getByTestId('settings-save').click();
    // The saved message comes after the app took the new config: the idle timer now runs 1 min.
    await page.getByText(zhCN.settings.saved).waitFor();
    expect((await world.host.kiosk.handlers['config:get'](undefined, undefined)).idleLockMinutes).toBe(1);
    await page.waitForTimeout(500);
    await page.clock.fastForward(61_000);
    await page.getByText(zhCN.signIn.lockedNow).waitFor({ timeout: 15_000 });
    await page.getByTestId('sign-in-id').waitFor();
    await checkScreen(page, 'idle-locked');
    await page.getByTestId('sign-in-id').fill(ADMIN.id);
    await page.getByTestId('sign-in-pin').fill(ADMIN.pin);
    await page.getByTestId('sign-in-pin').press('Enter');
    await page.getByTestId('nav').waitFor();
    // Sign-in lands on Scan, where the camera shows its card again.
    await expectResult({ verdict: 'valid', reasons: [] });
    await nextPersonByKeyboard(page);
  });

  it('history: filters by verdict and permit number from the keyboard', async () => {
    await goTo(page, zhCN.nav.history);
    await page.getByTestId('history-screen').waitFor();
    await page.getByTestId('history-table').getByText(DEMO_REVOKED_PERMIT_NO).first().waitFor();
    await checkScreen(page, 'history');
    const audit = await kioskAudit(page);
    const verifies = audit.filter((e) => e.event === 'verify');
    const invalid = verifies.filter((e) => e.verdict === 'invalid').length;
    expect(invalid).toBeGreaterThanOrEqual(5);

    // Start in the permit field (the date-range picker before it is checked on its own below),
    // go back to the verdict select, open it, pick "invalid", then Tab to Search and press Enter.
    await page.getByTestId('history-permit').click();
    await page.keyboard.press('Shift+Tab');
    let focused = await focusedElement(page);
    expect(focused.text, 'Shift+Tab from the permit field reaches the verdict filter').toBe(zhCN.history.verdict);
    expect(focused.visibleFocus, 'focus ring on verdict filter').toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.ant-select-item-option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    focused = await tabTo(page, (f) => f.text.replace(/\s/g, '') === zhCN.history.search, 5);
    expect(focused.visibleFocus, 'focus ring on Search').toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText(fill(zhCN.history.total, { count: invalid }), { exact: true }).waitFor();
    const tags = await page.locator('.ant-table-tbody .ant-tag').allInnerTexts();
    expect(new Set(tags)).toEqual(new Set([zhCN.verdict.invalid]));

    // Permit number (typed into the field, Enter), on top of the verdict filter.
    await page.keyboard.press('Shift+Tab');
    focused = await focusedElement(page);
    expect(focused.testId).toBe('history-permit');
    expect(focused.visibleFocus, 'focus ring on permit filter').toBe(true);
    await page.keyboard.type(DEMO_REVOKED_PERMIT_NO);
    await page.keyboard.press('Enter');
    const revokedCount = verifies.filter((e) => e.permitNo === DEMO_REVOKED_PERMIT_NO && e.verdict === 'invalid').length;
    expect(revokedCount).toBe(1);
    await page.getByText(fill(zhCN.history.total, { count: revokedCount }), { exact: true }).waitFor();
    await checkScreen(page, 'history-filtered');
  });

  it('exports the filtered history as CSV: audit columns, no holder data, and an export entry', async () => {
    const download = page.waitForEvent('download');
    const focused = await tabTo(page, (f) => f.testId === 'history-export', 5);
    expect(focused.visibleFocus, 'focus ring on Export').toBe(true);
    await page.keyboard.press('Enter');
    const csv = (await readFile(await (await download).path())).toString('utf8').replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(DEMO_REVOKED_PERMIT_NO);
    expect(lines[1]).toContain('PERMIT_REVOKED');
    for (const secret of HOLDER_SECRETS) expect(csv).not.toContain(secret);

    await expect.poll(async () => (await kioskAudit(page)).at(-1)?.event, { timeout: 30_000 }).toBe('export');
    expect((await kioskAudit(page)).at(-1)).toMatchObject({ event: 'export', operator: ADMIN.id, kiosk: kioskId });
    // The export shows up in the history once the filter is reset.
    // antd spaces two-character CJK labels ("重 置"), hence the pattern.
    await page.locator('.history-filters button').filter({ hasText: new RegExp([...zhCN.history.reset].join('\\s*')) }).click();
    await page.getByTestId('history-table').getByText(zhCN.history.event.export).first().waitFor();
  });

  it('keyboard: Tab moves on out of the history date filters (no keyboard trap)', async () => {
    await page.locator('.history-screen .page-title').click(); // sets where Tab starts
    const start = await tabTo(page, (f) => f.text === zhCN.history.dateFrom, 10);
    expect(start.visibleFocus, 'focus ring on the first date filter').toBe(true);
    const path: string[] = [];
    let left = false;
    for (let i = 0; i < 6 && !left; i++) {
      await page.keyboard.press('Tab');
      left = await page.evaluate(() => !document.activeElement?.closest('.ant-picker, .ant-picker-dropdown'));
      const f = await focusedElement(page);
      path.push(`${f.tag} "${f.text}"`);
    }
    await page.keyboard.press('Escape');
    expect(left, `Tab stayed in the date-range picker: ${path.join(' → ')}`).toBe(true);
  });

  it('English and back: no raw i18n keys on any screen', async () => {
    await page.locator('.shell-header .ant-select').click();
    await page.locator('.ant-select-item-option').getByText(en.app.languages.en, { exact: true }).click();
    await page.getByTestId('nav').getByText(en.nav.history, { exact: true }).waitFor();
    for (const screen of [en.nav.history, en.nav.status, en.nav.settings, en.nav.scan]) {
      await goTo(page, screen);
      await page.waitForTimeout(300);
      expect(await untranslatedKeys(page), screen).toEqual([]);
    }
    // Back on Scan the camera shows its card: the result in English, checked as well.
    await expectResult({ verdict: 'valid', reasons: [] });
    expect(await page.getByTestId('verdict').innerText()).toContain(en.verdict.valid);
    expect(await untranslatedKeys(page)).toEqual([]);
    await checkScreen(page, 'result-valid-en');
    await nextPersonByKeyboard(page);
    await page.locator('.shell-header .ant-select').click();
    await page.locator('.ant-select-item-option').getByText(zhCN.app.languages['zh-CN'], { exact: true }).click();
    await page.getByTestId('nav').getByText(zhCN.nav.scan, { exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('server back: the audit uploads (nothing pending) and the server verifies the whole chain', async () => {
    await world.startServerAgain();
    await goTo(page, zhCN.nav.status);
    await page.getByTestId('sync-now').click();
    await expect.poll(() => page.getByTestId('status-connection').innerText(), { timeout: 30_000 }).toBe(zhCN.statusBar.online);
    await expect
      .poll(() => page.getByTestId('status-pending').innerText(), { timeout: 30_000 })
      .toBe(fill(zhCN.statusBar.pending, { count: 0 }));

    const local = (await kioskAudit(page)).filter((e) => e.kiosk === kioskId);
    const server = world.workSystem();
    const check = await server.store.verifyKioskChain(kioskId);
    expect(check).toMatchObject({ ok: true, checked: local.length });
    const stored = server.store.listAudit(kioskId, { limit: 10_000 });
    expect(stored.map((e) => e.hash)).toEqual(local.map((e) => e.hash));
    const events = new Set(stored.map((e) => e.event));
    for (const event of ['verify', 'signin', 'signout', 'settings_change', 'export']) expect(events, event).toContain(event);
    const reasons = stored.flatMap((e) => e.reasons ?? []);
    for (const r of ['TOKEN_EXPIRED', 'PERMIT_REVOKED', 'UNKNOWN_KEY', 'PERMIT_EXPIRED']) expect(reasons).toContain(r);
    const serverText = JSON.stringify(stored);
    for (const secret of HOLDER_SECRETS) expect(serverText).not.toContain(secret);
    await checkScreen(page, 'status-synced');
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
