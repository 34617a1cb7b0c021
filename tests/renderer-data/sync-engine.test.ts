// The sync engine against the real reference Work System over HTTP on 127.0.0.1, through the
// real host transport (host-core), with the kiosk's data on fake-indexeddb.
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkSystemTransport } from '../../host-core/work-system-transport';
import { memoryLogger } from '../../host-core/logger';
import { startWorkSystem, type RunningWorkSystem } from '../../work-system';
import { auditFacts } from '../../renderer/audit/audit-facts';
import { NOW } from '../fixtures/test-world';
import { openTestKiosk, type OpenedKiosk } from './kiosk-fixture';

let server: RunningWorkSystem;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'essc-sync-'));
  server = await startWorkSystem({ dataDir, port: 0, clock: () => NOW });
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function kioskOnServer(label: string): Promise<OpenedKiosk> {
  const transport = createWorkSystemTransport({ getBaseUrl: async () => server.url, logger: memoryLogger() });
  return openTestKiosk(label, undefined, { workSystem: (r) => transport(r), anchorsJwks: server.anchorsJwks });
}

const issue = (no: string) =>
  server.store.issueCard({
    typ: 'essc',
    iss: 'CN-310000',
    holder: { name: 'VAN DER BERG MARIA', sex: 'F', dob: '1988-03-14', nat: 'NLD', pp: 'NXK1234567' },
    permit: { no, cat: 'B', from: '2024-12-01', to: '2027-11-30', emp: '上海某某信息科技有限公司', uscc: '91310115MA1K4ABC1X', area: '310115' },
    socialSecurity: { no: '9NLD19880314001X', area: '310000' },
  });

describe('enrollment', () => {
  it('refuses a bad code, enrolls with a good one (non-extractable key), refuses reuse', async () => {
    const { kiosk } = await kioskOnServer('sync-enroll');
    const sync = kiosk.sync;
    const localId = kiosk.settings.current.kioskId;
    await kiosk.audit.append(auditFacts('signin'), 'op'); // a pre-enrollment entry stays in the local chain
    expect(await sync.enroll('nonsense-code')).toMatchObject({ ok: false, failure: 'BAD_CODE' });
    const code = server.store.createEnrollmentCode();
    const enrolled = await sync.enroll(code, 'admin');
    expect(enrolled).toMatchObject({ ok: true, changed: true });
    const settings = kiosk.settings.current;
    expect(settings.enrollment.state).toBe('enrolled');
    expect(settings.kioskId).not.toBe(localId);
    const key = await kiosk.db.kioskKeys.get('current');
    expect(key!.privateKey.extractable).toBe(false);
    expect(server.store.listKiosks().map((k) => k.kioskId)).toContain(settings.kioskId);
    const { kiosk: other } = await kioskOnServer('sync-enroll-2');
    expect(await other.sync.enroll(code)).toMatchObject({ ok: false, failure: 'CODE_USED' });
    // Two chains now: the local one and the enrolled one, each from seq 1. Only the enrolled one
    // will ever be uploaded, so only its entries are pending.
    expect(await kiosk.audit.checkChain()).toMatchObject({ ok: true, chains: 2 });
    expect(await kiosk.audit.pendingCount()).toBe(1);
    expect(await kiosk.audit.count({})).toBe(2);
  });

  it('a key already enrolled elsewhere (cloned profile, lost answer) is replaced by a fresh one', async () => {
    const { kiosk: first } = await kioskOnServer('sync-key-1');
    await first.sync.enroll(server.store.createEnrollmentCode());
    const { kiosk: clone } = await kioskOnServer('sync-key-2');
    await clone.db.kioskKeys.put((await first.db.kioskKeys.get('current'))!);
    const outcome = await clone.sync.enroll(server.store.createEnrollmentCode());
    expect(outcome).toMatchObject({ ok: true, changed: true });
    expect((await clone.db.kioskKeys.get('current'))!.kid).not.toBe((await first.db.kioskKeys.get('current'))!.kid);
    expect(clone.settings.current.kioskId).not.toBe(first.settings.current.kioskId);
  });

  it('uploads nothing and says so before enrollment', async () => {
    const { kiosk } = await kioskOnServer('sync-unenrolled');
    expect(await kiosk.sync.uploadAudit()).toMatchObject({ ok: false, failure: 'NOT_ENROLLED' });
  });
});

describe('trust and revocations', () => {
  it('downloads the trust list (then 304), revocations (then nothing new), and applies a delta', async () => {
    const { kiosk } = await kioskOnServer('sync-trust');
    const first = await kiosk.sync.syncNow();
    expect(first.trust).toEqual({ ok: true, changed: true });
    expect(first.revocations).toEqual({ ok: true, changed: true });
    expect(kiosk.settings.current.trustListEtag).toMatch(/^"trust-\d+"$/);
    const second = await kiosk.sync.syncNow();
    expect(second.trust).toEqual({ ok: true, changed: false });
    expect(second.revocations).toEqual({ ok: true, changed: false });

    const card = await issue('ZX2026000000777');
    expect((await kiosk.verifyAndRecord(card.qrText, null)).result.verdict).toBe('valid');
    const before = (await kiosk.trust.status()).revocationSeq!;
    await server.store.revokePermit('ZX2026000000777');
    expect(await kiosk.sync.syncRevocations()).toEqual({ ok: true, changed: true });
    expect((await kiosk.trust.status()).revocationSeq).toBeGreaterThan(before);
    expect((await kiosk.verifyAndRecord(card.qrText, null)).result.reasons).toEqual(['PERMIT_REVOKED']);
  });

  it('reports a transport failure without touching local trust data', async () => {
    const { kiosk } = await openTestKiosk('sync-offline', undefined, {
      workSystem: async () => ({ ok: false, failure: 'OFFLINE', message: 'connection refused' }),
    });
    const report = await kiosk.sync.syncNow();
    expect(report.trust).toMatchObject({ ok: false, failure: 'OFFLINE' });
    expect((await kiosk.trust.status()).integrity).toBe('empty');
  });
});

describe('audit upload', () => {
  it('uploads in signed batches of ≤ 1,000, marks synced only after the ack; re-sent entries count as duplicates', async () => {
    const opened = await kioskOnServer('sync-upload');
    const { kiosk } = opened;
    await kiosk.sync.enroll(server.store.createEnrollmentCode());
    for (let i = 0; i < 1_050; i++) await kiosk.audit.append(auditFacts('verify', { verdict: 'valid', reasons: [], warnings: [] }), 'op');
    const kioskId = kiosk.settings.current.kioskId;
    expect(await kiosk.audit.pendingCount()).toBe(1_051);
    const outcome = await kiosk.sync.uploadAudit();
    expect(outcome).toEqual({ ok: true, uploaded: 1_051, duplicates: 0 });
    expect(await kiosk.audit.pendingCount()).toBe(0);
    expect(server.store.listAudit(kioskId, { limit: 2_000 })).toHaveLength(1_051);
    expect(await server.store.verifyKioskChain(kioskId)).toMatchObject({ ok: true });

    // A lost acknowledgement: the kiosk resends; the server counts duplicates, stores nothing twice.
    await kiosk.audit.markUnsynced(kioskId, 1_001);
    expect(await kiosk.sync.uploadAudit()).toEqual({ ok: true, uploaded: 0, duplicates: 51 });
    expect(await kiosk.audit.pendingCount()).toBe(0);
  });

  it('exports signed batches for removable media that the Work System imports', async () => {
    const { kiosk } = await kioskOnServer('sync-media');
    await kiosk.sync.enroll(server.store.createEnrollmentCode());
    for (let i = 0; i < 4; i++) await kiosk.audit.append(auditFacts('verify', { verdict: 'valid', reasons: [], warnings: [] }), 'op');
    const batches = await kiosk.sync.exportSignedBatches();
    expect(batches).toHaveLength(1);
    const imported = await server.store.takeInAuditBatch(batches[0]!);
    expect(imported).toMatchObject({ status: 200, ack: { stored: 5, duplicates: 0, lastSeq: 5 } });
    expect(await kiosk.audit.pendingCount()).toBe(5); // not acknowledged to this kiosk
    expect(await kiosk.sync.uploadAudit()).toEqual({ ok: true, uploaded: 0, duplicates: 5 });
  });

  it('on 409 re-queues what the server lacks and sends it; on 422 keeps entries unsynced and stops', async () => {
    const { kiosk } = await kioskOnServer('sync-409');
    await kiosk.sync.enroll(server.store.createEnrollmentCode());
    for (let i = 0; i < 5; i++) await kiosk.audit.append(auditFacts('verify', { verdict: 'invalid', reasons: ['BAD_SIGNATURE'], warnings: [] }), 'op');
    const kioskId = kiosk.settings.current.kioskId;
    await kiosk.audit.markSynced(kioskId, 3); // believed synced, never sent: the server will say 409
    expect(await kiosk.sync.uploadAudit()).toEqual({ ok: true, uploaded: 6, duplicates: 0 });
    expect(server.store.listAudit(kioskId)).toHaveLength(6);

    // The kiosk's copy of entry 2 no longer matches what the server stored.
    await kiosk.audit.markUnsynced(kioskId, 2);
    const row = (await kiosk.db.audit.get([kioskId, 2]))!;
    await kiosk.db.audit.put({ ...row, hash: row.hash.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) });
    const refused = await kiosk.sync.uploadAudit();
    expect(refused).toMatchObject({ ok: false, failure: 'CHAIN_MISMATCH' });
    expect(await kiosk.audit.pendingCount()).toBe(5);
  });
});
