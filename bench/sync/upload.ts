// bench:sync (a): N pending audit entries uploaded by the kiosk's sync engine (fake-indexeddb in
// Node: read unsynced, sign ES256 batches, POST through the host transport, mark synced after each
// ack) to a local reference Work System, against a raw baseline in the same run: fetch POSTs of
// the very same signed batches to a second server started on a copy of the same data directory.
import 'fake-indexeddb/auto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainAuditEntry, type ChainTip } from '../../shared/audit/audit-entry';
import { auditFacts } from '../../renderer/audit/audit-facts';
import type { StoredAuditEntry } from '../../renderer/db/database';
import type { KioskServices } from '../../renderer/kiosk/kiosk-services';
import { createWorkSystemTransport } from '../../host-core/work-system-transport';
import { memoryLogger } from '../../host-core/logger';
import { startWorkSystem, type RunningWorkSystem } from '../../work-system';
import { NOW } from '../../tests/fixtures/test-world';
import { openTestKiosk } from '../../tests/renderer-data/kiosk-fixture';

/** Real chained entries (the server re-checks every hash), bulk-added: appending one by one is not what is measured. */
async function seedPending(kiosk: KioskServices, n: number): Promise<void> {
  const kioskId = kiosk.settings.current.kioskId;
  const chain = (await kiosk.db.auditChains.get(kioskId))!;
  let tip: ChainTip = { seq: chain.tipSeq, hash: chain.tipHash };
  const facts = { ...auditFacts('verify', { verdict: 'valid', reasons: [], warnings: [], typ: 'essc', iss: 'CN-310000', permitNo: 'ZX2026000000777' }), operator: 'op' };
  for (let done = 0; done < n; ) {
    const rows: StoredAuditEntry[] = [];
    for (; rows.length < 10_000 && done < n; done++) {
      const seq = tip.seq + 1;
      const entry = await chainAuditEntry(tip, facts, { id: `0190a000-0000-7000-8000-${seq.toString(16).padStart(12, '0')}`, at: new Date(NOW.getTime() + seq), kiosk: kioskId });
      rows.push({ ...entry, synced: 0 });
      tip = { seq: entry.seq, hash: entry.hash };
    }
    await kiosk.db.audit.bulkAdd(rows);
  }
  await kiosk.db.auditChains.put({ ...chain, tipSeq: tip.seq, tipHash: tip.hash });
  await kiosk.audit.rebuildCounts();
}

export async function benchUpload(entries: number): Promise<{ ratio: number }> {
  const dirA = await mkdtemp(join(tmpdir(), 'essc-bench-sync-a-'));
  const dirB = await mkdtemp(join(tmpdir(), 'essc-bench-sync-b-'));
  let serverA: RunningWorkSystem | undefined;
  let serverB: RunningWorkSystem | undefined;
  try {
    serverA = await startWorkSystem({ dataDir: dirA, port: 0, clock: () => NOW });
    const transport = createWorkSystemTransport({ getBaseUrl: async () => serverA!.url, logger: memoryLogger() });
    const { kiosk } = await openTestKiosk('bench-sync', undefined, { workSystem: (r) => transport(r), anchorsJwks: serverA.anchorsJwks });
    const enrolled = await kiosk.sync.enroll(serverA.store.createEnrollmentCode(), 'admin');
    if (!enrolled.ok) throw new Error(`enroll: ${enrolled.message}`);
    const kioskId = kiosk.settings.current.kioskId;
    let t = performance.now();
    await seedPending(kiosk, entries);
    const pending = await kiosk.audit.pendingCount();
    console.log(`seeded ${entries} chained entries in ${((performance.now() - t) / 1000).toFixed(1)} s; pending ${pending}`);
    // The same signed batches the engine will send (same signer, same batching); export is read-only.
    const batches = await kiosk.sync.exportSignedBatches();

    // Both servers start from the same state: the kiosk enrolled, nothing uploaded.
    await serverA.close();
    await cp(dirA, dirB, { recursive: true });
    serverA = await startWorkSystem({ dataDir: dirA, port: 0, clock: () => NOW });
    serverB = await startWorkSystem({ dataDir: dirB, port: 0, clock: () => NOW });

    t = performance.now();
    const outcome = await kiosk.sync.uploadAudit();
    const engineMs = performance.now() - t;
    if (!outcome.ok || outcome.uploaded !== pending) throw new Error(`engine upload: ${JSON.stringify(outcome)}`);
    if ((await kiosk.audit.pendingCount()) !== 0) throw new Error('entries left unsynced');

    t = performance.now();
    let stored = 0;
    for (const jws of batches) {
      const response = await fetch(`${serverB.url}/v1/audit`, { method: 'POST', headers: { 'content-type': 'application/jose' }, body: jws });
      if (response.status !== 200) throw new Error(`baseline POST: ${response.status} ${await response.text()}`);
      stored += ((await response.json()) as { stored: number }).stored;
    }
    const rawMs = performance.now() - t;
    if (stored !== pending) throw new Error(`baseline stored ${stored} of ${pending}`);

    for (const server of [serverA, serverB]) {
      const check = await server.store.verifyKioskChain(kioskId);
      if (!check.ok || check.checked !== pending) throw new Error(`server chain: ${JSON.stringify(check)}`);
    }
    const engineRate = pending / (engineMs / 1000);
    const rawRate = pending / (rawMs / 1000);
    console.log(`upload engine  : ${pending} entries in ${batches.length} batches, ${(engineMs / 1000).toFixed(2)} s = ${engineRate.toFixed(0)} entries/s (IndexedDB read + ES256 sign + POST + mark synced)`);
    console.log(`upload baseline: same ${batches.length} signed batches, raw fetch POSTs, ${(rawMs / 1000).toFixed(2)} s = ${rawRate.toFixed(0)} entries/s`);
    console.log(`upload ratio   : ${(engineRate / rawRate).toFixed(2)}x (target >= 0.5x); both server chains verified (${pending} entries)`);
    kiosk.close();
    return { ratio: engineRate / rawRate };
  } finally {
    await serverA?.close();
    await serverB?.close();
    await Promise.all([rm(dirA, { recursive: true, force: true }), rm(dirB, { recursive: true, force: true })]);
  }
}
