import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { auditEntrySchema, GENESIS_PREV, hashAuditEntry } from '../../shared/audit/audit-entry';
import { AuditLog } from '../../renderer/audit/audit-log';
import { auditFacts } from '../../renderer/audit/audit-facts';
import { csvCell } from '../../renderer/audit/audit-csv';
import { NOW } from '../fixtures/test-world';
import { openTestKiosk } from './kiosk-fixture';

const verifyFacts = (verdict: 'valid' | 'invalid' | 'indeterminate', permitNo: string | null = null) =>
  auditFacts('verify', { verdict, reasons: verdict === 'invalid' ? ['PERMIT_EXPIRED'] : [], warnings: [], permitNo });

describe('append (§8 chain)', () => {
  it('starts at seq 1 with the genesis prev, links each entry, ids are UUIDv7', async () => {
    const { kiosk } = await openTestKiosk('audit-chain');
    const a = await kiosk.audit.append(verifyFacts('valid'), 'op');
    const b = await kiosk.audit.append(verifyFacts('invalid'), 'op');
    expect(a.seq).toBe(1);
    expect(a.prev).toBe(GENESIS_PREV);
    expect(b.seq).toBe(2);
    expect(b.prev).toBe(a.hash);
    expect(b.hash).toBe(await hashAuditEntry(b));
    expect(auditEntrySchema.parse(b)).toEqual(b);
    expect(a.kiosk).toMatch(/^local-[0-9a-f-]{36}$/);
    expect(a.id < b.id).toBe(true); // v7 ids sort by time
  });

  it('parallel appends from one page and from a second connection (another tab) never fork the chain', async () => {
    const opened = await openTestKiosk('audit-race');
    const { kiosk } = opened;
    const { KioskDatabase } = await import('../../renderer/db/database');
    const otherDb = new KioskDatabase(opened.dbName);
    const otherTab = new AuditLog(otherDb, { kioskId: () => kiosk.settings.current.kioskId, now: () => NOW });
    const writes = [];
    for (let i = 0; i < 20; i++) {
      writes.push(kiosk.audit.append(verifyFacts('valid'), 'a'));
      writes.push(otherTab.append(verifyFacts('invalid'), 'b'));
    }
    const entries = await Promise.all(writes);
    expect(entries.map((e) => e.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await kiosk.audit.checkChain()).toMatchObject({ ok: true, checked: 40, chains: 1 });
    otherDb.close();
  });

  it('refuses facts outside §8 (schema) and writes nothing', async () => {
    const { kiosk } = await openTestKiosk('audit-schema');
    await expect(kiosk.audit.append({ ...verifyFacts('valid'), permitNo: 'x'.repeat(40) }, 'op')).rejects.toThrow();
    expect(await kiosk.audit.count({})).toBe(0);
  });
});

describe('checkChain', () => {
  it('reports progress and detects an edited entry, a removed middle entry and a removed tail', async () => {
    const opened = await openTestKiosk('audit-tamper');
    const { kiosk } = opened;
    for (let i = 0; i < 30; i++) await kiosk.audit.append(verifyFacts(i % 3 === 0 ? 'invalid' : 'valid', `P${i}0000000000`), 'op');
    const progress: number[] = [];
    expect(await kiosk.audit.checkChain((done, total) => progress.push(done * 1000 + total))).toMatchObject({ ok: true, checked: 30 });
    expect(progress.at(-1)).toBe(30_030);
    const kioskId = kiosk.settings.current.kioskId;

    await kiosk.db.audit.update([kioskId, 7], { verdict: 'valid' });
    expect(await kiosk.audit.checkChain()).toMatchObject({ ok: false, seq: 7, problem: 'HASH_MISMATCH' });
    const original = await kiosk.db.audit.get([kioskId, 7]);
    await kiosk.db.audit.update([kioskId, 7], { verdict: 'invalid' });
    expect(original).toBeDefined();
    expect(await kiosk.audit.checkChain()).toMatchObject({ ok: true });

    await kiosk.db.audit.delete([kioskId, 30]);
    expect(await kiosk.audit.checkChain()).toMatchObject({ ok: false, seq: 30, problem: 'SEQ_GAP', detail: 'TAIL_MISSING' });
    await kiosk.db.audit.delete([kioskId, 12]);
    expect(await kiosk.audit.checkChain()).toMatchObject({ ok: false, seq: 13, problem: 'SEQ_GAP' });
  });
});

describe('page / count / filters', () => {
  it('pages newest first, filters by date range [from, to), verdict and permit number', async () => {
    const opened = await openTestKiosk('audit-page');
    const { kiosk } = opened;
    const base = NOW.getTime();
    for (let i = 0; i < 50; i++) {
      opened.clock = new Date(base + i * 60_000);
      await kiosk.audit.append(verifyFacts(i % 5 === 0 ? 'invalid' : 'valid', i % 10 === 0 ? 'PERMIT000001' : `PERMIT1000${String(i).padStart(2, '0')}`), 'op');
    }
    const first = await kiosk.audit.page({}, 0, 10);
    expect(first.map((e) => e.seq)).toEqual([50, 49, 48, 47, 46, 45, 44, 43, 42, 41]);
    expect(first[0]!.synced).toBe(false);
    expect((await kiosk.audit.page({}, 45, 10)).map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(await kiosk.audit.count({})).toBe(50);
    const range = { from: new Date(base + 10 * 60_000), to: new Date(base + 20 * 60_000) };
    expect(await kiosk.audit.count(range)).toBe(10);
    expect((await kiosk.audit.page(range, 0, 3)).map((e) => e.seq)).toEqual([20, 19, 18]);
    expect(await kiosk.audit.count({ verdict: 'invalid' })).toBe(10);
    expect(await kiosk.audit.count({ ...range, verdict: 'invalid' })).toBe(2); // seq 11 and 16
    expect(await kiosk.audit.count({ permitNo: 'PERMIT000001' })).toBe(5);
    expect(await kiosk.audit.count({ permitNo: 'PERMIT000001', verdict: 'valid' })).toBe(0);
    expect((await kiosk.audit.page({ permitNo: 'PERMIT000001' }, 1, 2)).map((e) => e.seq)).toEqual([31, 21]);
  });

  it('walking pages forward (resumed from the last row) gives exactly the offset listing, ties on `at` included', async () => {
    const opened = await openTestKiosk('audit-resume');
    const { kiosk } = opened;
    for (let i = 0; i < 43; i++) {
      opened.clock = new Date(NOW.getTime() + Math.floor(i / 6) * 1000); // six entries share each `at`
      await kiosk.audit.append(verifyFacts(i % 4 === 0 ? 'invalid' : 'valid', 'PERMIT000001'), 'op');
    }
    for (const filter of [{}, { verdict: 'valid' as const }, { permitNo: 'PERMIT000001' }, { from: new Date(NOW.getTime() + 1000) }]) {
      const all = (await kiosk.audit.page(filter, 0, 1000)).map((e) => e.seq);
      const walked: number[] = [];
      for (let offset = 0; offset < all.length; offset += 4) {
        walked.push(...(await kiosk.audit.page(filter, offset, 4)).map((e) => e.seq));
      }
      expect(walked).toEqual(all);
      expect(await kiosk.audit.count(filter)).toBe(all.length);
    }
    // A new entry between pages invalidates the resume point: the listing falls back to offsets.
    const p1 = await kiosk.audit.page({}, 0, 5);
    await kiosk.audit.append(verifyFacts('valid'), 'op');
    const p2 = await kiosk.audit.page({}, 5, 5);
    expect(p2[0]!.seq).toBe(p1[4]!.seq);
  });

  it('counts across days from the per-day counters plus partial edge days, as a brute-force count would', async () => {
    const opened = await openTestKiosk('audit-counts');
    const { kiosk } = opened;
    const base = Date.parse('2026-11-01T00:00:00.000Z');
    for (let i = 0; i < 60; i++) {
      opened.clock = new Date(base + i * 5 * 3_600_000 + 1234); // every 5 hours over 12.5 days
      await kiosk.audit.append(verifyFacts(i % 3 === 0 ? 'invalid' : i % 7 === 0 ? 'indeterminate' : 'valid'), 'op');
    }
    const all = await kiosk.audit.page({}, 0, 1000);
    const brute = (f: { from?: Date; to?: Date; verdict?: string }) =>
      all.filter((e) => (!f.from || e.at >= f.from.toISOString()) && (!f.to || e.at < f.to.toISOString()) && (!f.verdict || e.verdict === f.verdict)).length;
    const times = [undefined, new Date(base + 7 * 3_600_000), new Date(base + 2 * 86_400_000), new Date(base + 9.3 * 86_400_000), new Date(base + 20 * 86_400_000)];
    for (const from of times) {
      for (const to of times) {
        for (const verdict of [undefined, 'valid', 'invalid', 'indeterminate'] as const) {
          const filter = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(verdict ? { verdict } : {}) };
          expect(await kiosk.audit.count(filter), JSON.stringify(filter)).toBe(brute(filter));
        }
      }
    }
    // Counters survive a purge (decremented) and a rebuild gives the same numbers.
    await kiosk.audit.markSynced(kiosk.settings.current.kioskId, 20);
    opened.clock = new Date(base + 40 * 86_400_000);
    expect(await kiosk.audit.purgeSynced(30)).toBe(20);
    const after = await kiosk.audit.count({ verdict: 'invalid', to: new Date(base + 20 * 86_400_000) });
    expect(after).toBe(all.filter((e) => e.seq > 20 && e.verdict === 'invalid').length);
    const counters = await kiosk.db.auditCounts.toArray();
    await kiosk.audit.rebuildCounts();
    expect((await kiosk.db.auditCounts.toArray()).filter((c) => c.n !== 0)).toEqual(counters.filter((c) => c.n !== 0));
  });

  it('jumps to deep offsets through the day counters with the same rows as a cursor advance', async () => {
    const opened = await openTestKiosk('audit-jump');
    const { kiosk } = opened;
    const base = Date.parse('2026-11-01T00:00:00.000Z');
    for (let i = 0; i < 80; i++) {
      opened.clock = new Date(base + i * 4 * 3_600_000 + (i % 3) * 1000);
      await kiosk.audit.append(verifyFacts(i % 3 === 0 ? 'invalid' : 'valid'), 'op');
    }
    const filters = [{}, { verdict: 'invalid' as const }, { from: new Date(base + 30 * 3_600_000), to: new Date(base + 250 * 3_600_000) }, { to: new Date(base + 100 * 3_600_000 + 5) }];
    for (const filter of filters) {
      const all = (await kiosk.audit.page(filter, 0, 1000)).map((e) => e.seq);
      for (const offset of [1, 5, 17, 33, all.length - 3, all.length, all.length + 5]) {
        const fresh = new AuditLog(kiosk.db, { kioskId: () => '', now: () => opened.clock, jumpThreshold: 1 });
        expect((await fresh.page(filter, offset, 6)).map((e) => e.seq), `${JSON.stringify(filter)} @${offset}`).toEqual(all.slice(offset, offset + 6));
      }
    }
  });

  it('pendingCount falls as entries are acknowledged; markSynced follows seq order', async () => {
    const { kiosk } = await openTestKiosk('audit-pending');
    for (let i = 0; i < 7; i++) await kiosk.audit.append(verifyFacts('valid'), 'op');
    expect(await kiosk.audit.pendingCount()).toBe(7);
    const kioskId = kiosk.settings.current.kioskId;
    expect((await kiosk.audit.unsynced(kioskId, 3)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await kiosk.audit.markSynced(kioskId, 4)).toBe(4);
    expect(await kiosk.audit.pendingCount()).toBe(3);
    expect((await kiosk.audit.unsynced(kioskId, 10)).map((e) => e.seq)).toEqual([5, 6, 7]);
  });

  it('purges synced entries past retention, never unsynced ones, and the chain still checks', async () => {
    const opened = await openTestKiosk('audit-purge');
    const { kiosk } = opened;
    const base = NOW.getTime();
    for (let i = 0; i < 10; i++) {
      opened.clock = new Date(base + i * 86_400_000);
      await kiosk.audit.append(verifyFacts('valid'), 'op');
    }
    const kioskId = kiosk.settings.current.kioskId;
    await kiosk.audit.markSynced(kioskId, 3);
    opened.clock = new Date(base + 40 * 86_400_000); // 30-day retention: entries 1..10 are old
    expect(await kiosk.audit.purgeSynced(30)).toBe(3);
    expect(await kiosk.audit.count({})).toBe(7);
    expect(await kiosk.audit.checkChain()).toMatchObject({ ok: true, checked: 7 });
    await kiosk.audit.append(verifyFacts('valid'), 'op');
    expect(await kiosk.audit.checkChain()).toMatchObject({ ok: true, checked: 8, tip: { seq: 11 } });
  });
});

describe('exportCsv', () => {
  it('quotes per RFC 4180, neutralises formulas, and records an export entry', async () => {
    const { kiosk } = await openTestKiosk('audit-csv');
    await kiosk.audit.append(verifyFacts('invalid', 'PERMIT000001'), '=cmd|calc');
    await kiosk.audit.append(verifyFacts('valid'), 'officer "A", desk 1');
    const csv = await kiosk.audit.exportCsv({}, 'admin');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,seq,at,kiosk,operator,event,verdict,reasons,warnings,typ,iss,kid,permitNo,jti,token,trustSeq,revocationSeq,prev,hash');
    expect(lines).toHaveLength(4); // header, two rows, trailing empty
    expect(lines[1]).toContain(',"officer ""A"", desk 1",verify,valid,');
    expect(lines[2]).toContain(",'=cmd|calc,verify,invalid,PERMIT_EXPIRED,");
    const [latest] = await kiosk.audit.page({}, 0, 1);
    expect(latest).toMatchObject({ event: 'export', operator: 'admin', seq: 3 });
    const blob = await kiosk.audit.exportCsvBlob({ verdict: 'invalid' }, 'admin');
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect((await blob.text()).split('\r\n')[1]).toBe(lines[2]);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['=x,"y"', `"'=x,""y"""`],
    [null, ''],
    [17, '17'],
  ])('csvCell(%j) → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});
