// Kiosks on fake-indexeddb talking to the real reference Work System over HTTP (with its fault
// injection), through the host's real transport; and the checks every fault scenario ends with.
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createWorkSystemTransport } from '../../host-core/work-system-transport';
import { memoryLogger } from '../../host-core/logger';
import { startWorkSystem, type RunningWorkSystem } from '../../work-system';
import { auditFacts } from '../../renderer/audit/audit-facts';
import type { KioskServices } from '../../renderer/kiosk/kiosk-services';
import { SyncScheduler, type SyncState } from '../../renderer/sync/sync-scheduler';
import { NOW } from '../fixtures/test-world';
import { openTestKiosk, type OpenedKiosk } from '../renderer-data/kiosk-fixture';

/** A Work System that can be restarted on the same data directory and port. */
export class RestartableWorkSystem {
  server!: RunningWorkSystem;
  private constructor(readonly dataDir: string) {}

  static async start(): Promise<RestartableWorkSystem> {
    const ws = new RestartableWorkSystem(await mkdtemp(join(tmpdir(), 'essc-sync-faults-')));
    ws.server = await startWorkSystem({ dataDir: ws.dataDir, port: 0, faults: true, clock: () => NOW });
    return ws;
  }

  get url(): string {
    return this.server.url;
  }

  async restart(pauseMs = 0): Promise<void> {
    const port = this.server.port;
    await this.server.close();
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    this.server = await startWorkSystem({ dataDir: this.dataDir, port, faults: true, clock: () => NOW });
  }

  async dispose(): Promise<void> {
    await this.server.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

export async function enrolledKiosk(ws: RestartableWorkSystem, label: string): Promise<OpenedKiosk> {
  const transport = createWorkSystemTransport({ getBaseUrl: async () => ws.url, logger: memoryLogger(), defaultTimeoutMs: 5_000 });
  const opened = await openTestKiosk(label, undefined, { workSystem: (r) => transport(r), anchorsJwks: ws.server.anchorsJwks });
  const enrolled = await opened.kiosk.sync.enroll(ws.server.store.createEnrollmentCode(), 'admin');
  expect(enrolled).toMatchObject({ ok: true });
  return opened;
}

export async function appendVerifications(kiosk: KioskServices, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await kiosk.audit.append(auditFacts('verify', { verdict: i % 7 === 0 ? 'invalid' : 'valid', reasons: i % 7 === 0 ? ['BAD_SIGNATURE'] : [], warnings: [] }), 'op');
  }
}

/** A scheduler with short backoff on real timers. */
export function fastScheduler(kiosk: KioskServices, options: { backoffBaseMs?: number; backoffMaxMs?: number } = {}): SyncScheduler {
  return new SyncScheduler({
    sync: kiosk.sync,
    pendingCount: () => kiosk.audit.pendingCount(),
    options: { intervalMs: 3_600_000, backoffBaseMs: options.backoffBaseMs ?? 10, backoffMaxMs: options.backoffMaxMs ?? 100 },
  });
}

/** Resolves once a round ended with nothing pending and no error; rejects after `timeoutMs`. */
export function settled(scheduler: SyncScheduler, timeoutMs = 60_000): Promise<SyncState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`sync did not settle: ${JSON.stringify({ ...scheduler.getState(), lastReport: undefined })}`));
    }, timeoutMs);
    const check = (s: SyncState) => {
      if (!s.syncing && s.pending === 0 && s.lastError === null && s.lastSuccessAt !== null) {
        clearTimeout(timer);
        unsubscribe();
        resolve(s);
      }
    };
    const unsubscribe = scheduler.subscribe(check);
    check(scheduler.getState());
  });
}

/**
 * The invariants after every scenario: the server holds exactly this kiosk's enrolled chain (same
 * count, same hashes in order), its chain verifies, no entry twice, and every local entry is
 * still here and marked synced.
 */
export async function expectConverged(ws: RestartableWorkSystem, kiosk: KioskServices, atLeast: number): Promise<void> {
  const kioskId = kiosk.settings.current.kioskId;
  const local = (await kiosk.db.audit.toArray()).filter((e) => e.kiosk === kioskId).sort((a, b) => a.seq - b.seq);
  expect(local.length).toBeGreaterThanOrEqual(atLeast);
  expect(local.map((e) => e.seq)).toEqual(local.map((_, i) => i + 1)); // nothing deleted locally
  const remote = ws.server.store.listAudit(kioskId, { limit: local.length + 100 });
  expect(remote.length).toBe(local.length);
  expect(remote.map((e) => e.hash)).toEqual(local.map((e) => e.hash));
  expect(new Set(remote.map((e) => e.id)).size).toBe(remote.length);
  expect(await ws.server.store.verifyKioskChain(kioskId)).toMatchObject({ ok: true });
  expect(local.filter((e) => e.synced !== 1)).toEqual([]);
  expect(await kiosk.audit.checkChain()).toMatchObject({ ok: true });
}
