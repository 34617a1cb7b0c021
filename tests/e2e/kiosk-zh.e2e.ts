// A never-online kiosk in Chinese (the default): an officer without admin rights, trust list
// but no revocation list, an expired permit on the camera, the printed slip, auto-clear with a
// phone left on the reader, drag-and-drop import and the idle lock.
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedCard } from '../../work-system';
import { cardQrPng } from './fake-camera';
import { downloadPublication, openKioskWorld, type KioskWorld } from './kiosk-world';
import { dropFile, goTo, runSetup, signIn, wedgeScan } from './kiosk-steps';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const ADMIN = { id: 'admin-zh', name: '王芳', pin: '135790' };
const OFFICER = { id: 'officer1', name: '李强', pin: '864200' };

let world: KioskWorld & { readonly cameraCard: IssuedCard };
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  world = await openKioskWorld('permit-expired');
  page = world.page;
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  // A controllable clock for the idle lock; it runs at normal speed until fast-forwarded.
  await page.clock.install();
});

afterAll(async () => {
  await world?.close();
});

async function signOutAndIn(account: { id: string; name: string; pin: string }): Promise<void> {
  await page.getByRole('button', { name: /退出登录/ }).click();
  await signIn(page, account);
}

describe('kiosk UI in Chinese, never online', () => {
  it('sets up in Chinese with no Work System URL and creates an officer in Settings', async () => {
    await page.goto(world.host.url);
    await runSetup(page, { language: '中文', url: '', admin: ADMIN });
    await page.getByText('操作员登录').waitFor();
    await signIn(page, ADMIN);
    expect(await page.getByTestId('status-connection').innerText()).toBe('不联网终端（文件更新）');

    // No trust list yet: the camera's card cannot be verified, and nothing of it is shown.
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.getAttribute('data-verdict')).toBe('indeterminate');
    expect(await verdict.innerText()).toContain('无法核验');
    await page.getByTestId('reason-NO_TRUST_LIST').waitFor();
    await page.getByTestId('no-data').waitFor();
    expect(await page.getByTestId('result-view').innerText()).not.toContain("O'CONNOR");
    await goTo(page, '设置');
    await page.getByTestId('settings-autoclear').fill('10');
    await page.getByTestId('settings-save').click();
    await page.getByText('设置已保存').waitFor();

    await page.getByPlaceholder('工号').fill(OFFICER.id);
    await page.getByPlaceholder('姓名').fill(OFFICER.name);
    await page.getByPlaceholder('PIN 码').fill(OFFICER.pin);
    await page.getByRole('button', { name: /添加操作员/ }).click();
    await page.getByRole('cell', { name: OFFICER.id, exact: true }).waitFor();

    const config = await world.host.kiosk.handlers['config:get'](undefined, undefined);
    expect(config).toMatchObject({ language: 'zh-CN', workSystemUrl: null, autoClearSeconds: 10 });
  });

  it('applies a trust list from a file only (no revocation list)', async () => {
    const trustFile = await downloadPublication(world, '/v1/trust-list', 'trust-list.jws');
    await goTo(page, '系统状态');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('load-trust').click();
    await (await chooser).setFiles(trustFile);
    await page.getByTestId('update-outcome').getByText(/已应用，版本号 \d+/).waitFor();
    await page.getByRole('button', { name: /退出登录/ }).click();
  });

  it('an officer signs in and has no Settings', async () => {
    await signIn(page, OFFICER);
    const nav = await page.getByTestId('nav').innerText();
    expect(nav).toContain('扫码核验');
    expect(nav).not.toContain('设置');
  });

  it('shows an expired permit from the camera in red, in Chinese, with the missing-revocations warning', async () => {
    await goTo(page, '扫码核验');
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.getAttribute('data-verdict')).toBe('invalid');
    expect(await verdict.innerText()).toContain('无效');
    expect(await page.getByTestId('reason-PERMIT_EXPIRED').innerText()).toContain('工作许可已过期');
    expect(await page.getByTestId('warning-REVOCATIONS_UNAVAILABLE').innerText()).toContain('没有注销名单');
    expect(await page.locator('[data-field="to"]').innerText()).toBe(world.cameraCard.claims.wp.to);
    await page.screenshot({ path: join(SCREENSHOTS, 'result-expired-zh.png') });
  });

  it('prints a slip with only the slip visible: verification id, kiosk, verdict and data', async () => {
    const id = await page.getByTestId('verification-id').innerText();
    await page.emulateMedia({ media: 'print' });
    const slip = page.locator('.print-slip');
    expect(await slip.isVisible()).toBe(true);
    expect(await page.getByTestId('verdict').isVisible()).toBe(false);
    const text = await slip.innerText();
    for (const expected of ['电子社保卡工作许可核验单', id, '无效', '工作许可已过期', "O'CONNOR LIAM", world.cameraCard.claims.wp.no]) {
      expect(text).toContain(expected);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'slip-print.png') });
    await page.emulateMedia({ media: 'screen' });
  });

  it('clears the result after the configured 10 s and does not re-verify the phone left on the reader', async () => {
    const countdown = page.getByTestId('auto-clear');
    expect(await countdown.innerText()).toMatch(/\d+ 秒后自动清除/);
    await page.getByTestId('result-view').waitFor({ state: 'detached', timeout: 20_000 });
    // The same QR is still in front of the camera: it stays suppressed.
    await page.waitForTimeout(3000);
    expect(await page.getByTestId('result-view').count()).toBe(0);
  });

  it('verifies a card image dropped anywhere on the screen', async () => {
    const card = await world.issue('valid');
    await page.getByTestId('camera-video').evaluate((v: HTMLVideoElement) => v.pause());
    await dropFile(page, { name: 'card.png', type: 'image/png', bytes: await cardQrPng(card.qrText) });
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.getAttribute('data-verdict')).toBe('valid');
    expect(await verdict.innerText()).toContain('有效');
    await page.getByTestId('warning-REVOCATIONS_UNAVAILABLE').waitFor();
    expect(await page.locator('[data-field="name"]').innerText()).toBe('VAN DER BERG MARIA');
    await page.getByTestId('result-next').click();
  });

  it('applies a revocation list from a file and then refuses the cancelled permit', async () => {
    const revFile = await downloadPublication(world, '/v1/revocations?since=0', 'revocations.jws');
    await signOutAndIn(ADMIN);
    await goTo(page, '系统状态');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('load-revocations').click();
    await (await chooser).setFiles(revFile);
    await page.getByTestId('update-outcome').getByText(/已应用，版本号 \d+/).waitFor();
    await expect.poll(() => page.getByTestId('status-revocation-seq').innerText()).toMatch(/^\d+$/);

    await goTo(page, '扫码核验');
    await page.getByTestId('camera-video').evaluate((v: HTMLVideoElement) => v.pause());
    const revoked = await world.issue('permit-revoked');
    await wedgeScan(page, revoked.qrText);
    await page.getByTestId('reason-PERMIT_REVOKED').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('reason-PERMIT_REVOKED').innerText()).toContain('工作许可已被注销');
    expect(await page.getByTestId('result-view').innerText()).not.toContain('没有注销名单');
  });

  it('locks itself after 5 idle minutes (the default)', async () => {
    await page.clock.fastForward('05:01');
    await page.getByText('终端已锁定，请重新登录').waitFor();
    expect(await page.getByTestId('nav').count()).toBe(0);
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
