// History at scale: an audit log of ESSC_HISTORY_ENTRIES (default 100,000) synced entries in
// the real IndexedDB of Chromium. The screen must page through it (count + one page), never
// load it whole. Prints the timings it measured. Seeding is the slow part (seven indexes per
// entry): on a shared 2-core machine 100,000 took ~26 s and 1,000,000 took ~3.5 min (over 30 min
// when the machine was saturated), so the million-entry run is opt-in (ESSC_HISTORY_ENTRIES=1000000).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedCard } from '../../work-system';
import { openKioskWorld, type KioskWorld } from './kiosk-world';
import { goTo, runSetup, signIn } from './kiosk-steps';

const ENTRIES = Number(process.env.ESSC_HISTORY_ENTRIES ?? 100_000);
const ADMIN = { id: 'admin1', name: 'Scale Test', pin: '111222' };

let world: KioskWorld & { readonly cameraCard: IssuedCard };
let page: Page;

beforeAll(async () => {
  world = await openKioskWorld('valid');
  page = world.page;
  await page.goto(world.host.url);
  await runSetup(page, { language: 'English', url: '', admin: ADMIN });
  await signIn(page, ADMIN);
  await goTo(page, 'Status');
});

afterAll(async () => {
  await world?.close();
});

/** Writes synced audit entries of another (older) kiosk chain straight into IndexedDB. */
async function seed(count: number): Promise<number> {
  return page.evaluate(async (total) => {
    const started = performance.now();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('essc-kiosk');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const verdicts = ['valid', 'invalid', 'indeterminate'] as const;
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
    const base = Date.parse('2025-01-01T00:00:00.000Z');
    const batch = 25_000;
    for (let from = 1; from <= total; from += batch) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('audit', 'readwrite', { durability: 'relaxed' });
        const store = tx.objectStore('audit');
        for (let seq = from; seq < Math.min(from + batch, total + 1); seq++) {
          const verdict = verdicts[seq % 3]!;
          store.put({
            id: `${hex(seq, 8)}-0000-7000-8000-${hex(seq, 12)}`,
            seq,
            at: new Date(base + seq * 20_000).toISOString(),
            kiosk: 'seed-kiosk',
            operator: 'officer1',
            event: 'verify',
            verdict,
            reasons: verdict === 'invalid' ? ['PERMIT_EXPIRED'] : verdict === 'indeterminate' ? ['TRUST_LIST_EXPIRED'] : [],
            warnings: [],
            typ: 'essc',
            iss: 'CN-310000',
            kid: 'AAAAAAAAAAA',
            permitNo: `1561${String(seq % 5000).padStart(14, '0')}`,
            jti: 'AAAAAAAAAAAAAAAAAAAAAA',
            token: 'A'.repeat(43),
            trustSeq: 1,
            revocationSeq: 1,
            prev: 'A'.repeat(43),
            hash: 'A'.repeat(43),
            synced: 1,
          });
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    // What the audit log keeps beside the entries in the same transactions: the chain tip (the
    // unfiltered count is the sum of chain lengths) and per-day counters (filtered counts).
    const counts = new Map<string, number>();
    for (let seq = 1; seq <= total; seq++) {
      const day = new Date(base + seq * 20_000).toISOString().slice(0, 10);
      for (const key of [`*|${day}`, `${verdicts[seq % 3]}|${day}`]) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['auditChains', 'auditCounts'], 'readwrite');
      tx.objectStore('auditChains').put({ kiosk: 'seed-kiosk', tipSeq: total, tipHash: 'A'.repeat(43), baseSeq: 0, baseHash: null });
      const countStore = tx.objectStore('auditCounts');
      for (const [key, n] of counts) {
        const r = countStore.get(key);
        r.onsuccess = () => countStore.put({ key, n: ((r.result as { n: number } | undefined)?.n ?? 0) + n });
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return performance.now() - started;
  }, count);
}

async function timed(what: string, action: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await action();
  const ms = Date.now() - started;
  console.log(`[history-scale] ${what}: ${ms} ms`);
  return ms;
}

describe(`History screen with ${ENTRIES.toLocaleString('en')} audit entries`, () => {
  it('pages through the log without loading it', async () => {
    const seedMs = await seed(ENTRIES);
    console.log(`[history-scale] seeded ${ENTRIES} entries in ${Math.round(seedMs)} ms`);
    const heapBefore = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);

    const firstPage = await timed('open History (count + first page)', async () => {
      await goTo(page, 'History');
      await page.getByText(/^Entries: \d+$/).waitFor({ timeout: 120_000 });
      await page.getByTestId('history-table').getByText('1561', { exact: false }).first().waitFor({ timeout: 120_000 });
    });
    const shownTotal = Number((await page.getByText(/^Entries: \d+$/).innerText()).replace(/\D/g, ''));
    // The seeded entries plus the kiosk's own few (setup, sign-in, a scan).
    expect(shownTotal).toBeGreaterThan(ENTRIES);
    expect(shownTotal).toBeLessThan(ENTRIES + 20);
    const rows = await page.locator('.ant-table-tbody-virtual .ant-table-row, .ant-table-tbody .ant-table-row').count();
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(100);

    const lastPageMs = await timed('jump to the last page', async () => {
      const last = page.locator('.ant-pagination-item').last();
      await last.click();
      await page.getByTestId('history-table').getByText('0000-7000-8000-000000000001').waitFor({ timeout: 120_000 });
    });

    const matches = Math.floor(ENTRIES / 5000);
    const permitMs = await timed(`filter by permit number (${matches} matches)`, async () => {
      await page.getByTestId('history-permit').fill('156100000000001234');
      await page.getByTestId('history-permit').press('Enter');
      await page.getByText(`Entries: ${matches}`, { exact: true }).waitFor({ timeout: 120_000 });
    });

    const heapAfter = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    console.log(`[history-scale] JS heap ${Math.round(heapBefore / 1e6)} MB → ${Math.round(heapAfter / 1e6)} MB`);
    // The whole log as objects would take ≈ 1 KB per entry; the screen's own code (table, date
    // picker…) costs a fixed few tens of MB whatever the log size.
    expect(heapAfter - heapBefore).toBeLessThan(ENTRIES * 500);
    expect(firstPage).toBeLessThan(60_000);
    expect(lastPageMs).toBeLessThan(60_000);
    expect(permitMs).toBeLessThan(10_000);
  }, 1_800_000); // seeding a million entries takes minutes on a busy machine
});
