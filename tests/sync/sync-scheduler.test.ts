// The scheduler's decisions with a hand-driven clock: when it syncs, how long it waits after
// failures (exponential, full jitter, capped, reset on success), one round at a time, and a stop
// that aborts the round in progress. The engine is scripted here; the fault scenarios drive the
// same scheduler against the real server.
import { describe, expect, it } from 'vitest';
import type { SyncReport, SyncRoundOptions } from '../../renderer/sync/sync-engine';
import type { StepOutcome } from '../../renderer/sync/sync-outcomes';
import { backoffDelay, createKioskSyncScheduler, DEFAULT_SCHEDULER_OPTIONS, SyncScheduler, type SchedulerClock } from '../../renderer/sync/sync-scheduler';

class ManualClock implements SchedulerClock {
  t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  get pending() {
    return this.timers.map((t) => t.at - this.t);
  }
  /** Moves time forward, firing due timers, and lets the promises they start settle. */
  async advance(ms: number): Promise<void> {
    this.t += ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= this.t);
      if (due.length === 0) break;
      this.timers = this.timers.filter((t) => t.at > this.t);
      for (const t of due) t.fn();
      await flush();
    }
    await flush();
  }
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

const ok: StepOutcome = { ok: true, changed: false };
const offline: StepOutcome = { ok: false, failure: 'OFFLINE', message: 'connect ECONNREFUSED' };
const report = (audit: SyncReport['audit'] = { ok: true, uploaded: 0, duplicates: 0 }, trust: StepOutcome = ok): SyncReport => ({
  trust,
  revocations: ok,
  audit,
  at: new Date(0).toISOString(),
});

function scripted() {
  const calls = { probe: 0, sync: 0 };
  const engine = {
    probeResult: ok as StepOutcome,
    reportResult: report(),
    gate: null as Promise<void> | null,
    lastSignal: null as AbortSignal | null,
    async probe() {
      calls.probe++;
      return engine.probeResult;
    },
    async syncNow(options: SyncRoundOptions = {}) {
      calls.sync++;
      engine.lastSignal = options.signal ?? null;
      options.onProgress?.('audit', 0, 10);
      if (engine.gate) await engine.gate;
      options.onProgress?.('audit', 10, 10);
      return options.signal?.aborted ? report({ ok: false, uploaded: 0, duplicates: 0, failure: 'CANCELLED', message: 'stopped' }) : engine.reportResult;
    },
  };
  return { engine, calls };
}

function make(random = () => 1) {
  const clock = new ManualClock();
  const { engine, calls } = scripted();
  let pending = 5;
  let emit: (online: boolean) => void = () => undefined;
  const scheduler = new SyncScheduler({
    sync: engine,
    pendingCount: async () => pending,
    clock,
    random,
    connectivity: (listener) => {
      emit = listener;
      return () => (emit = () => undefined);
    },
    options: { intervalMs: 60_000, backoffBaseMs: 1_000, backoffMaxMs: 16_000 },
  });
  return { clock, engine, calls, scheduler, emit: (o: boolean) => emit(o), setPending: (n: number) => (pending = n) };
}

describe('backoffDelay', () => {
  it('is uniform under a ceiling that doubles per failure up to the cap', () => {
    const o = { ...DEFAULT_SCHEDULER_OPTIONS, backoffBaseMs: 1_000, backoffMaxMs: 16_000 };
    expect([1, 2, 3, 4, 5, 6, 50].map((f) => backoffDelay(f, () => 0.999999, o))).toEqual([999, 1_999, 3_999, 7_999, 15_999, 15_999, 15_999]);
    expect(backoffDelay(3, () => 0, o)).toBe(0);
    expect(backoffDelay(3, () => 0.5, o)).toBe(2_000);
  });
});

describe('SyncScheduler', () => {
  it('syncs at start, then every interval; exposes progress, pending and the last success', async () => {
    const { clock, calls, scheduler, setPending } = make();
    const phases: string[] = [];
    scheduler.subscribe((s) => {
      const step = s.progress && `${s.progress.phase} ${s.progress.done}/${s.progress.total}`;
      if (step && step !== phases.at(-1)) phases.push(step); // listeners also hear unrelated changes
    });
    setPending(0);
    scheduler.start();
    await flush();
    expect(calls).toEqual({ probe: 1, sync: 1 });
    expect(phases).toEqual(['probe 0/0', 'audit 0/10', 'audit 10/10']);
    expect(scheduler.getState()).toMatchObject({ online: true, syncing: false, lastSuccessAt: 0, lastError: null, pending: 0, nextAttemptAt: 60_000 });
    await clock.advance(59_999);
    expect(calls.sync).toBe(1);
    await clock.advance(1);
    expect(calls.sync).toBe(2);
    expect(scheduler.getState().lastSuccessAt).toBe(60_000);
    await scheduler.stop();
  });

  it('after failures waits longer each time (capped), and recovers at once when the server heals', async () => {
    const { clock, engine, calls, scheduler } = make(() => 1);
    engine.probeResult = offline;
    scheduler.start();
    await flush();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      waits.push(scheduler.getState().nextAttemptAt! - clock.t);
      await clock.advance(scheduler.getState().nextAttemptAt! - clock.t);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 16_000, 16_000]);
    expect(scheduler.getState()).toMatchObject({ online: false, consecutiveFailures: 8, lastError: { step: 'probe', code: 'OFFLINE' } });
    expect(calls.sync).toBe(0); // a failed probe spends no round

    engine.probeResult = ok;
    await clock.advance(scheduler.getState().nextAttemptAt! - clock.t);
    expect(scheduler.getState()).toMatchObject({ online: true, consecutiveFailures: 0, lastError: null, nextAttemptAt: clock.t + 60_000 });
    await scheduler.stop();
  });

  it('a failed step (503 on upload) backs off; a refused list does not hammer the server', async () => {
    const { clock, engine, scheduler } = make(() => 1);
    engine.reportResult = report({ ok: false, uploaded: 0, duplicates: 0, failure: 'HTTP', message: '503: injected' });
    scheduler.start();
    await flush();
    expect(scheduler.getState()).toMatchObject({ lastError: { step: 'audit', code: 'HTTP', detail: '503: injected' }, nextAttemptAt: 1_000 });
    engine.reportResult = report(undefined, { ok: false, failure: 'REJECTED', message: 'BAD_SIGNATURE: …' });
    await clock.advance(1_000);
    expect(scheduler.getState()).toMatchObject({ lastError: { step: 'trust', code: 'REJECTED' }, nextAttemptAt: clock.t + 60_000 });
    await scheduler.stop();
  });

  it('an online event probes at once instead of waiting out the backoff; an offline event only marks offline', async () => {
    const { clock, engine, calls, scheduler, emit } = make(() => 1);
    engine.probeResult = offline;
    scheduler.start();
    await flush();
    await clock.advance(1_000);
    await clock.advance(2_000);
    expect(scheduler.getState().nextAttemptAt! - clock.t).toBe(4_000);
    engine.probeResult = ok;
    emit(true);
    await flush();
    expect(calls.sync).toBe(1);
    expect(scheduler.getState()).toMatchObject({ online: true, consecutiveFailures: 0 });
    emit(false);
    expect(scheduler.getState().online).toBe(false);
    expect(calls.probe).toBe(4);
    await scheduler.stop();
  });

  it('one round at a time: "Sync now" during a round joins it', async () => {
    const { engine, calls, scheduler } = make();
    let open!: () => void;
    engine.gate = new Promise((r) => (open = r));
    scheduler.start();
    await flush();
    const manual = scheduler.trigger('manual');
    const again = scheduler.trigger('manual');
    expect(manual).toBe(again);
    expect(scheduler.getState().syncing).toBe(true);
    open();
    await manual;
    expect(calls.sync).toBe(1);
    await scheduler.stop();
  });

  it('stop() aborts the round in progress, waits for it, and schedules nothing more', async () => {
    const { clock, engine, calls, scheduler } = make();
    let open!: () => void;
    engine.gate = new Promise((r) => (open = r));
    scheduler.start();
    await flush();
    const stopped = scheduler.stop();
    expect(engine.lastSignal?.aborted).toBe(true);
    open();
    await stopped;
    expect(scheduler.getState()).toMatchObject({ syncing: false, nextAttemptAt: null, lastReport: { audit: { failure: 'CANCELLED' } } });
    expect(scheduler.getState().lastError).toBeNull(); // a requested stop is not an error
    await clock.advance(10 * 60_000);
    expect(calls.sync).toBe(1);
    await scheduler.trigger('manual');
    expect(calls.sync).toBe(1);
  });
});

describe('createKioskSyncScheduler', () => {
  it('listens to window online/offline events and starts from the stored last sync time', async () => {
    const { engine, calls } = scripted();
    const target = new EventTarget();
    const scheduler = createKioskSyncScheduler(
      { sync: engine, audit: { pendingCount: async () => 3 }, settings: { current: { lastSyncAt: '2026-11-22T07:00:00.000Z' } } },
      target as unknown as Window,
      { intervalMs: 3_600_000 },
    );
    expect(scheduler.getState()).toMatchObject({ lastSuccessAt: Date.parse('2026-11-22T07:00:00.000Z'), online: null });
    scheduler.start();
    await flush();
    expect(calls.probe).toBe(1);
    target.dispatchEvent(new Event('offline'));
    expect(scheduler.getState().online).toBe(false);
    target.dispatchEvent(new Event('online'));
    await flush();
    expect(calls.probe).toBe(2);
    expect(scheduler.getState()).toMatchObject({ online: true, pending: 3 });
    await scheduler.stop();
    target.dispatchEvent(new Event('online')); // unsubscribed on stop
    await flush();
    expect(calls.probe).toBe(2);
  });
});
