// Sync under the faults a counter sees: a flaky Work System (30–50 % 503s, latency, connection
// resets), a server restart in the middle of a 3,000-entry upload, and the kiosk itself closed
// mid-upload and reopened. Real server over HTTP, real transport, real signatures; after every
// scenario the server and the kiosk hold the same chain, once, all marked synced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncScheduler } from '../../renderer/sync/sync-scheduler';
import { appendVerifications, enrolledKiosk, expectConverged, fastScheduler, RestartableWorkSystem, settled } from './sync-fixture';

let ws: RestartableWorkSystem;

beforeAll(async () => {
  ws = await RestartableWorkSystem.start();
});

afterAll(async () => {
  await ws?.dispose();
});

const setFaults = async (config: object) => {
  // Through the HTTP admin route, as an operator of the test rig would.
  const response = await fetch(`${ws.url}/__faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) });
  expect(response.status).toBe(200);
};

describe('a flaky Work System', () => {
  it('40 % errors, latency and 15 % connection resets on every route: converges, nothing twice', async () => {
    const { kiosk } = await enrolledKiosk(ws, 'faults-flaky');
    await appendVerifications(kiosk, 2_400);
    await setFaults({ latencyMs: 15, errorRate: 0.4, resetRate: 0.15 });
    const scheduler = fastScheduler(kiosk);
    const failures: number[] = [];
    scheduler.subscribe((s) => failures.push(s.consecutiveFailures));
    try {
      scheduler.start();
      await settled(scheduler, 60_000);
    } finally {
      await scheduler.stop();
      await setFaults({});
    }
    expect(Math.max(...failures)).toBeGreaterThan(0); // the faults did bite
    await expectConverged(ws, kiosk, 2_401);
  });

  it('half of the audit uploads cut by a connection reset: converges', async () => {
    const { kiosk } = await enrolledKiosk(ws, 'faults-resets');
    await appendVerifications(kiosk, 1_500);
    await setFaults({ routes: { '/v1/audit': { resetRate: 0.5, latencyMs: 5 } } });
    const scheduler = fastScheduler(kiosk);
    try {
      scheduler.start();
      await settled(scheduler, 60_000);
    } finally {
      await scheduler.stop();
      await setFaults({});
    }
    await expectConverged(ws, kiosk, 1_501);
  });
});

describe('backoff against the real server', () => {
  it('while every request fails the waits grow (capped); when the server heals the next attempt succeeds', async () => {
    const { kiosk } = await enrolledKiosk(ws, 'faults-backoff');
    await appendVerifications(kiosk, 20);
    await setFaults({ errorRate: 1 });
    const waits: number[] = [];
    // Real timers, but each requested wait is recorded (random = 1: the ceiling itself).
    const scheduler = new SyncScheduler({
      sync: kiosk.sync,
      pendingCount: () => kiosk.audit.pendingCount(),
      random: () => 1,
      clock: {
        now: () => Date.now(),
        setTimeout: (fn, ms) => (waits.push(ms), setTimeout(fn, ms)),
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      },
      options: { intervalMs: 3_600_000, backoffBaseMs: 20, backoffMaxMs: 160 },
    });
    try {
      scheduler.start();
      await expect.poll(() => waits.length, { timeout: 10_000, interval: 10 }).toBeGreaterThanOrEqual(6);
      expect(scheduler.getState()).toMatchObject({ online: false, lastError: { step: 'probe', code: 'HTTP' } });
      expect(scheduler.getState().lastError!.detail).toMatch(/^503/);
      expect(waits.slice(0, 6)).toEqual([20, 40, 80, 160, 160, 160]);
      await setFaults({});
      await settled(scheduler, 10_000);
      expect(scheduler.getState()).toMatchObject({ online: true, consecutiveFailures: 0 });
      expect(waits.at(-1)).toBe(3_600_000); // back on the regular interval
    } finally {
      await scheduler.stop();
    }
    await expectConverged(ws, kiosk, 21);
  });
});

describe('interruptions mid-upload', () => {
  it('the server restarts (same data, same port) while ~3,000 entries are uploading', async () => {
    const { kiosk } = await enrolledKiosk(ws, 'faults-restart');
    await appendVerifications(kiosk, 3_000);
    await setFaults({ routes: { '/v1/audit': { latencyMs: 150 } } });
    const scheduler = fastScheduler(kiosk, { backoffBaseMs: 20, backoffMaxMs: 200 });
    let restarted: Promise<void> | null = null;
    scheduler.subscribe((s) => {
      if (!restarted && s.progress?.phase === 'audit' && s.progress.done >= 1_000) {
        restarted = ws.restart(300).then(() => ws.server.faults!.set({ routes: { '/v1/audit': { latencyMs: 20 } } }));
      }
    });
    try {
      scheduler.start();
      await expect.poll(() => restarted, { timeout: 30_000 }).not.toBeNull();
      await restarted;
      await settled(scheduler, 60_000);
    } finally {
      await scheduler.stop();
      await setFaults({});
    }
    const stored = ws.server.store.listAudit(kiosk.settings.current.kioskId, { limit: 5_000 }).length;
    expect(stored).toBeGreaterThanOrEqual(3_001);
    await expectConverged(ws, kiosk, 3_001);
  });

  it('the kiosk is shut down mid-upload (stop between batches), reopened, and syncs the rest', async () => {
    const opened = await enrolledKiosk(ws, 'faults-shutdown');
    await appendVerifications(opened.kiosk, 2_500);
    await setFaults({ routes: { '/v1/audit': { latencyMs: 100 } } });
    const scheduler = fastScheduler(opened.kiosk);
    const stopping = new Promise<void>((resolve) => {
      const off = scheduler.subscribe((s) => {
        if (s.progress?.phase === 'audit' && s.progress.done >= 1_000) {
          off();
          resolve(scheduler.stop());
        }
      });
    });
    scheduler.start();
    await stopping;
    const pendingAtStop = await opened.kiosk.audit.pendingCount();
    expect(pendingAtStop).toBeGreaterThan(0); // really stopped part-way
    expect(scheduler.getState().lastReport?.audit).toMatchObject({ ok: false, failure: 'CANCELLED' });
    const kiosk = await opened.reopen();
    expect(await kiosk.audit.pendingCount()).toBe(pendingAtStop);
    await setFaults({});
    const again = fastScheduler(kiosk);
    try {
      again.start();
      await settled(again);
    } finally {
      await again.stop();
    }
    await expectConverged(ws, kiosk, 2_501);
  });

  it('the kiosk database is closed abruptly while a batch is in flight, reopened, and syncs the rest', async () => {
    const opened = await enrolledKiosk(ws, 'faults-crash');
    await appendVerifications(opened.kiosk, 2_200);
    await setFaults({ routes: { '/v1/audit': { latencyMs: 200 } } });
    const first = opened.kiosk;
    const round = first.sync.syncNow().then(
      (report) => report,
      (err: unknown) => err,
    );
    // Wait until the first batch is on the wire, then pull the plug on the database.
    await expect.poll(async () => ws.server.store.listAudit(first.settings.current.kioskId, { limit: 1 }).length, { timeout: 20_000, interval: 20 }).toBe(1);
    const kiosk = await opened.reopen();
    await round; // ends in a failure (database closed), never in a half-written state
    await setFaults({});
    expect(await kiosk.audit.pendingCount()).toBeGreaterThan(0);
    const scheduler = fastScheduler(kiosk);
    try {
      scheduler.start();
      const state = await settled(scheduler);
      // The batch in flight was stored but its ack was lost: resent, it counts as duplicates.
      expect(state.lastReport?.audit).toMatchObject({ ok: true });
      expect(state.lastReport!.audit.duplicates).toBeGreaterThan(0);
    } finally {
      await scheduler.stop();
    }
    await expectConverged(ws, kiosk, 2_201);
  });
});
