import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { revocationHash } from '../../shared/revocation/revocation-list';
import { signRevocationList, signTrustList } from '../../work-system/issuer';
import Dexie from 'dexie';
import { generationOfKey, KioskDatabase } from '../../renderer/db/database';
import { cardClaims, createTestWorld, DAY, issueQr, NOW_SEC, type TestWorld } from '../fixtures/test-world';
import { openTestKiosk } from './kiosk-fixture';

const PERMIT = '156120241201000123';

function fakeHashes(n: number, salt = 0): string[] {
  // Distinct, well-formed 16-byte b64u hashes (last char in [AQgw]).
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`${(salt * 1e7 + i).toString(36).split('').reverse().join('').padEnd(21, '_')}A`);
  return out;
}

async function generationsInTable(db: KioskDatabase): Promise<number[]> {
  const keys = (await db.revocations.toCollection().primaryKeys()) as string[];
  return [...new Set(keys.map(generationOfKey))];
}

async function revocations(world: TestWorld, seq: number, since: number, add: string[], del: string[] = [], iat = NOW_SEC - 3600) {
  return signRevocationList({ seq, since, iat, staleAfter: 2 * DAY, add, del }, world.anchor);
}

describe('trust list', () => {
  it('applies a verified list, refuses rollback and replays, and records trust_update', async () => {
    const { kiosk, world } = await openTestKiosk('trust-apply');
    expect((await kiosk.trust.status()).integrity).toBe('empty');
    expect(await kiosk.trust.applyTrustListJws(world.trustJws, { operator: 'admin-1' })).toEqual({ applied: true, seq: 17 });
    const replay = await kiosk.trust.applyTrustListJws(world.trustJws);
    expect(replay).toMatchObject({ applied: false, failure: 'NOT_NEWER' });
    const older = await signTrustList({ ...world.trustContent, seq: 16 }, world.anchor);
    expect(await kiosk.trust.applyTrustListJws(older)).toMatchObject({ applied: false, failure: 'NOT_NEWER' });
    const status = await kiosk.trust.status();
    expect(status).toMatchObject({ trustSeq: 17, trustIat: world.trustContent.iat, integrity: 'ok', revocationSeq: null, revocationCount: 0 });
    const [entry] = await kiosk.audit.page({}, 0, 10);
    expect(entry).toMatchObject({ event: 'trust_update', trustSeq: 17, revocationSeq: null, operator: 'admin-1', verdict: null });
    expect(await kiosk.audit.count({})).toBe(1);
  });

  it('refuses a list signed by a key that is not a pinned anchor', async () => {
    const { kiosk, world } = await openTestKiosk('trust-foreign');
    const stranger = await createTestWorld();
    const foreign = await signTrustList(world.trustContent, stranger.anchor);
    expect(await kiosk.trust.applyTrustListJws(foreign)).toMatchObject({ applied: false, failure: 'UNKNOWN_ANCHOR' });
    expect(await kiosk.trust.applyTrustListJws('not a jws')).toMatchObject({ applied: false, failure: 'MALFORMED' });
    expect(await kiosk.audit.count({})).toBe(0);
  });

  it('re-verifies the stored list at start: a tampered list is reported and never trusted', async () => {
    const opened = await openTestKiosk('trust-tamper');
    const { world } = opened;
    await opened.kiosk.trust.applyTrustListJws(world.trustJws);
    expect((await opened.reopen().then((k) => k.trust.status())).integrity).toBe('ok');
    // Flip one character of the signed payload in storage, as malware or disk corruption would.
    const [h, p, s] = world.trustJws.split('.');
    const flipped = p!.slice(0, 10) + (p![10] === 'A' ? 'B' : 'A') + p!.slice(11);
    await opened.kiosk.db.trustList.update('current', { jws: `${h}.${flipped}.${s}` });
    const kiosk = await opened.reopen();
    const status = await kiosk.trust.status();
    expect(status.integrity).toBe('tampered');
    expect(status.trustSeq).toBeNull();
    expect(status.problem).toMatch(/re-verification/);
    const { result } = await kiosk.verifyAndRecord(await issueQr(world), null);
    expect(result.reasons).toEqual(['NO_TRUST_LIST']);
    // A freshly verified list repairs it.
    const next = await signTrustList({ ...world.trustContent, seq: 18 }, world.anchor);
    expect(await kiosk.trust.applyTrustListJws(next)).toEqual({ applied: true, seq: 18 });
    expect((await kiosk.trust.status()).integrity).toBe('ok');
  });

  it('treats a stored list that is not JSON-decodable or has a swapped seq as tampered', async () => {
    const opened = await openTestKiosk('trust-corrupt');
    await opened.kiosk.trust.applyTrustListJws(opened.world.trustJws);
    await opened.kiosk.db.trustList.update('current', { seq: 99 });
    expect((await (await opened.reopen()).trust.status()).integrity).toBe('tampered');
    await opened.kiosk.db.trustList.update('current', { jws: '\u0000garbage' });
    expect((await (await opened.reopen()).trust.status()).integrity).toBe('tampered');
  });
});

describe('revocations', () => {
  it('applies a snapshot and then a delta (del then add); verification sees IndexedDB', async () => {
    const { kiosk, world } = await openTestKiosk('rev-apply');
    await kiosk.trust.applyTrustListJws(world.trustJws);
    const permitHash = await revocationHash(PERMIT);
    const others = fakeHashes(25_000);
    const progress: [number, number][] = [];
    const snap = await revocations(world, 100, 0, [...others, others[0]!]);
    expect(await kiosk.trust.applyRevocationJws(snap, (d, t) => progress.push([d, t]))).toEqual({ applied: true, seq: 100 });
    expect(progress[0]).toEqual([0, 25_000]);
    expect(progress.at(-1)).toEqual([25_000, 25_000]);
    expect(progress.length).toBe(4); // 0, then ≥ 10,000 hashes per transaction
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
    expect(await kiosk.trust.status()).toMatchObject({ revocationSeq: 100, revocationCount: 25_000 });
    const qr = await issueQr(world);
    expect((await kiosk.verifyAndRecord(qr, null)).result.verdict).toBe('valid');

    const delta = await revocations(world, 101, 100, [permitHash, others[1]!], [others[2]!, fakeHashes(1, 9)[0]!]);
    expect(await kiosk.trust.applyRevocationJws(delta)).toEqual({ applied: true, seq: 101 });
    expect(await kiosk.trust.status()).toMatchObject({ revocationSeq: 101, revocationCount: 25_000 });
    const { result, entry } = await kiosk.verifyAndRecord(qr, null);
    expect(result.reasons).toEqual(['PERMIT_REVOKED']);
    expect(entry).toMatchObject({ verdict: 'invalid', revocationSeq: 101 });
    expect(await kiosk.trust.state().revocations!.has(others[2]!)).toBe(false);
    expect(await kiosk.trust.state().revocations!.has(others[3]!)).toBe(true);

    const updates = await kiosk.audit.page({}, 0, 100);
    expect(updates.filter((e) => e.event === 'revocations_update').map((e) => e.revocationSeq)).toEqual([101, 100]);
  });

  it('refuses rollback, a delta with no base, and a delta that does not fit', async () => {
    const { kiosk, world } = await openTestKiosk('rev-refuse');
    expect(await kiosk.trust.applyRevocationJws(await revocations(world, 5, 4, fakeHashes(3)))).toMatchObject({ applied: false, failure: 'NO_BASE' });
    await kiosk.trust.applyRevocationJws(await revocations(world, 10, 0, fakeHashes(3)));
    expect(await kiosk.trust.applyRevocationJws(await revocations(world, 9, 0, []))).toMatchObject({ applied: false, failure: 'NOT_NEWER' });
    expect(await kiosk.trust.applyRevocationJws(await revocations(world, 12, 11, []))).toMatchObject({ applied: false, failure: 'DELTA_MISMATCH' });
    const stranger = await createTestWorld();
    expect(await kiosk.trust.applyRevocationJws(await revocations(stranger, 11, 10, []))).toMatchObject({ applied: false, failure: 'UNKNOWN_ANCHOR' });
    expect((await kiosk.trust.status()).revocationSeq).toBe(10);
  });

  it('a snapshot replaces the set; the old generation is deleted', async () => {
    const { kiosk, world } = await openTestKiosk('rev-replace');
    const first = fakeHashes(12_000, 1);
    const second = fakeHashes(3_000, 2);
    await kiosk.trust.applyRevocationJws(await revocations(world, 1, 0, first));
    await kiosk.trust.applyRevocationJws(await revocations(world, 2, 0, second));
    const view = kiosk.trust.state().revocations!;
    expect(await view.has(first[0]!)).toBe(false);
    expect(await view.has(second[0]!)).toBe(true);
    expect(await generationsInTable(kiosk.db)).toEqual([kiosk.trust.state().revocations && (await kiosk.db.revocationMeta.get('current'))!.generation]);
  });

  it('a crash in the middle of a snapshot leaves the previous set in force', async () => {
    const opened = await openTestKiosk('rev-crash');
    const { world } = opened;
    const old = fakeHashes(500, 3);
    await opened.kiosk.trust.applyRevocationJws(await revocations(world, 1, 0, old));
    const db = opened.kiosk.db;
    const outcome = await opened.kiosk.trust.applyRevocationJws(await revocations(world, 2, 0, fakeHashes(30_000, 4)), (done) => {
      if (done > 0 && done < 30_000) db.close(); // the tab dies after the first chunk
    });
    expect(outcome).toMatchObject({ applied: false, failure: 'STORAGE' });
    const kiosk = await opened.reopen();
    expect(await kiosk.trust.status()).toMatchObject({ revocationSeq: 1, revocationCount: 500 });
    expect(await kiosk.trust.state().revocations!.has(old[7]!)).toBe(true);
    expect(await kiosk.trust.state().revocations!.has(fakeHashes(1, 4)[0]!)).toBe(false);
    // The half-written generation is swept in the background at start.
    const generation = (await kiosk.db.revocationMeta.get('current'))!.generation;
    await expect.poll(() => generationsInTable(kiosk.db), { timeout: 10_000 }).toEqual([generation]);
    // And the next snapshot applies cleanly on top.
    expect(await kiosk.trust.applyRevocationJws(await revocations(world, 3, 0, fakeHashes(10, 5)))).toEqual({ applied: true, seq: 3 });
  });

  it('a verifier holding the state from before a snapshot flip still reads a whole set', async () => {
    const { kiosk, world } = await openTestKiosk('rev-view');
    const old = fakeHashes(100, 6);
    await kiosk.trust.applyRevocationJws(await revocations(world, 1, 0, old));
    const before = kiosk.trust.state();
    await kiosk.trust.applyRevocationJws(await revocations(world, 2, 0, fakeHashes(100, 7)));
    expect(before.revocations!.meta!.seq).toBe(1);
    expect(kiosk.trust.state().revocations!.meta!.seq).toBe(2);
    expect(await kiosk.trust.state().revocations!.has(fakeHashes(1, 7)[0]!)).toBe(true);
  });

  it('upgrades a version-1 database in place (v2 keys, v3 counters), keeping its data', async () => {
    const name = `essc-v1-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ trustList: 'id', revocationMeta: 'id', revocations: '', audit: '[kiosk+seq], &id, at, [verdict+at], [permitNo+at], [synced+kiosk+seq], [synced+at]', auditChains: 'kiosk', operators: 'id', settings: 'key' });
    await v1.open();
    await v1.table('settings').put({ key: 'kiosk', value: { kioskId: 'local-old' } });
    const at = '2026-11-20T10:00:00.000Z';
    await v1.table('audit').bulkAdd([
      { kiosk: 'k', seq: 1, id: 'a', at, verdict: 'valid', permitNo: null, synced: 0 },
      { kiosk: 'k', seq: 2, id: 'b', at, verdict: 'invalid', permitNo: null, synced: 0 },
    ]);
    v1.close();
    const db = new KioskDatabase(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables.map((t) => t.name)).toContain('kioskKeys');
    expect((await db.settings.get('kiosk'))?.value).toEqual({ kioskId: 'local-old' });
    // v3 built the per-day counters from the entries already there.
    expect((await db.auditCounts.toArray()).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: '*|2026-11-20', n: 2 },
      { key: 'invalid|2026-11-20', n: 1 },
      { key: 'valid|2026-11-20', n: 1 },
    ]);
    db.close();
  });

  it('uses claims of a verified card only (permit hash computed from wp.no)', async () => {
    const { kiosk, world } = await openTestKiosk('rev-claims');
    await kiosk.trust.applyTrustListJws(world.trustJws);
    await kiosk.trust.applyRevocationJws(await revocations(world, 1, 0, [await revocationHash('ZZ0000000001')]));
    const revoked = await issueQr(world, cardClaims({ wp: { no: 'ZZ0000000001' } }));
    expect((await kiosk.verifyAndRecord(revoked, null)).result.reasons).toEqual(['PERMIT_REVOKED']);
  });
});
