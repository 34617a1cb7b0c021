// Small helpers of the officer journey: screens checked and photographed, what IndexedDB holds,
// what the Work System publishes, and the result view closed from the keyboard.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AuditEntry } from '../../shared/audit/audit-entry';
import { focusedElement, seriousAxeViolations, smallText, tabTo, untranslatedKeys } from './a11y';

export const SHOTS = resolve(import.meta.dirname, '../../docs/screenshots/journey');

/** i18next-style interpolation of one of the app's own strings. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
}

/** axe (serious/critical), raw i18n keys, body type size; then a screenshot named `name`. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  // Let antd's entry animations settle: axe measures colours of fading elements otherwise.
  await page.waitForTimeout(400);
  // Soft: the journey goes on (later steps need this one's state) and every finding is reported.
  expect.soft(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
  expect.soft(await untranslatedKeys(page), `raw i18n keys on ${name}`).toEqual([]);
  const type = await smallText(page, 16);
  expect.soft(type.bodyPx, `body font size on ${name}`).toBeGreaterThanOrEqual(16);
  expect.soft(type.small, `text under 16 px on ${name}`).toEqual([]);
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), type: 'png' });
}

/** Every audit entry in the kiosk's IndexedDB (all chains), oldest first. */
export async function kioskAudit(page: Page): Promise<AuditEntry[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('essc-kiosk');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    try {
      const rows = await new Promise<unknown[]>((res, rej) => {
        const r = db.transaction('audit').objectStore('audit').getAll();
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      return (rows as AuditEntry[]).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
    } finally {
      db.close();
    }
  });
}

/** The seq of the stored trust list and revocation list (null when absent), read in the page. */
export async function storedSeqs(page: Page): Promise<{ trust: number | null; revocations: number | null }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('essc-kiosk');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const read = (store: string) =>
      new Promise<{ seq: number } | undefined>((res, rej) => {
        if (!db.objectStoreNames.contains(store)) return res(undefined);
        const r = db.transaction(store).objectStore(store).get('current');
        r.onsuccess = () => res(r.result as { seq: number } | undefined);
        r.onerror = () => rej(r.error);
      });
    try {
      return { trust: (await read('trustList'))?.seq ?? null, revocations: (await read('revocationMeta'))?.seq ?? null };
    } finally {
      db.close();
    }
  });
}

/** The `seq` the Work System publishes at `path` (a JWS whose payload carries `seq`). */
export async function publishedSeq(workSystemUrl: string, path: string): Promise<number> {
  const response = await fetch(workSystemUrl + path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const payload = (await response.text()).split('.')[1]!;
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { seq: number }).seq;
}

/** Tabs to "Next person" (checking its focus ring) and presses it with the space bar. */
export async function nextPersonByKeyboard(page: Page): Promise<void> {
  const focused = await tabTo(page, (f) => f.testId === 'result-next', 80);
  expect(focused.visibleFocus, 'focus ring on Next person').toBe(true);
  await page.keyboard.press('Space');
  await page.getByTestId('result-view').waitFor({ state: 'detached' });
  expect((await focusedElement(page)).tag).not.toBe('input');
}
