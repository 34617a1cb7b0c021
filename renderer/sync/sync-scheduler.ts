// When the kiosk syncs: at start, when connectivity comes back (an 'online' event is only a hint;
// a GET /v1/health probe decides), periodically, and on "Sync now". After a failed round it waits
// with exponential backoff and full jitter (capped; reset by a success). One round at a time; stop()
// aborts between steps/batches and waits for the round, so shutdown never leaves state half-done.
// Pure logic: clock, timers, randomness and connectivity events are injected (testable in Node).
import type { SyncFailure, StepOutcome } from './sync-outcomes';
import type { SyncPhase, SyncReport, SyncRoundOptions } from './sync-engine';
import type { UploadOutcome } from './audit-upload';

export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The part of SyncEngine the scheduler drives. */
export interface SchedulableSync {
  probe(): Promise<StepOutcome>;
  syncNow(options?: SyncRoundOptions): Promise<SyncReport>;
}

export interface SchedulerOptions {
  readonly intervalMs?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
}

export interface SyncSchedulerDeps {
  readonly sync: SchedulableSync;
  readonly pendingCount: () => Promise<number>;
  readonly clock?: SchedulerClock;
  readonly random?: () => number;
  /** Subscribes to connectivity hints (window 'online'/'offline'); returns an unsubscribe. */
  readonly connectivity?: (listener: (online: boolean) => void) => () => void;
  readonly options?: SchedulerOptions;
  /** The last successful sync known from before this start (settings.lastSyncAt), clock ms. */
  readonly lastSuccessAt?: number | null;
}

export type SyncTrigger = 'start' | 'online' | 'timer' | 'manual';
export type SyncStep = 'probe' | SyncPhase;

/** A failure in plain words for the UI: `code` is an i18n key suffix, `detail` is for the details pane. */
export interface SyncErrorInfo {
  readonly step: SyncStep;
  readonly code: SyncFailure;
  readonly detail: string;
}

export interface SyncState {
  /** null until the first probe; false after a failed probe or an 'offline' hint. */
  readonly online: boolean | null;
  readonly syncing: boolean;
  readonly progress: { readonly phase: SyncStep; readonly done: number; readonly total: number } | null;
  readonly lastSuccessAt: number | null;
  readonly lastError: SyncErrorInfo | null;
  readonly pending: number | null;
  readonly consecutiveFailures: number;
  /** When the next automatic attempt is due (clock ms), null when none is scheduled. */
  readonly nextAttemptAt: number | null;
  readonly lastReport: SyncReport | null;
}

export const DEFAULT_SCHEDULER_OPTIONS: Required<SchedulerOptions> = {
  intervalMs: 5 * 60_000,
  backoffBaseMs: 2_000,
  backoffMaxMs: 5 * 60_000,
};

/** Failures a retry may cure (the network, the server); others wait for the regular interval. */
const RETRYABLE: ReadonlySet<SyncFailure> = new Set<SyncFailure>(['OFFLINE', 'TIMEOUT', 'ABORTED', 'HTTP']);
/** Not errors of the sync: a kiosk without URL (removable media) or not enrolled yet. */
const QUIET: ReadonlySet<SyncFailure> = new Set<SyncFailure>(['NOT_CONFIGURED', 'NOT_ENROLLED', 'CANCELLED']);

const realClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Full jitter: uniform in [0, min(max, base·2^(failures-1))]. */
export function backoffDelay(failures: number, random: () => number, options: Required<SchedulerOptions>): number {
  const ceiling = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  return Math.floor(random() * ceiling);
}

/** The first failure of a report that counts as an error, in step order. */
export function reportError(report: SyncReport): SyncErrorInfo | null {
  const steps: [SyncPhase, StepOutcome | UploadOutcome][] = [['trust', report.trust], ['revocations', report.revocations], ['audit', report.audit]];
  for (const [step, outcome] of steps) {
    if (!outcome.ok && outcome.failure && !QUIET.has(outcome.failure)) {
      return { step, code: outcome.failure, detail: outcome.message ?? '' };
    }
  }
  return null;
}

export class SyncScheduler {
  private readonly clock: SchedulerClock;
  private readonly random: () => number;
  private readonly options: Required<SchedulerOptions>;
  private state: SyncState = {
    online: null, syncing: false, progress: null, lastSuccessAt: null, lastError: null,
    pending: null, consecutiveFailures: 0, nextAttemptAt: null, lastReport: null,
  };
  private readonly listeners = new Set<(state: SyncState) => void>();
  private timer: unknown = null;
  private running: Promise<SyncState> | null = null;
  private abort: AbortController | null = null;
  private unsubscribe: (() => void) | null = null;
  private started = false;
  private stopped = false;

  constructor(private readonly deps: SyncSchedulerDeps) {
    this.clock = deps.clock ?? realClock;
    this.random = deps.random ?? Math.random;
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, ...deps.options };
    this.state = { ...this.state, lastSuccessAt: deps.lastSuccessAt ?? null };
  }

  /** For useSyncExternalStore: a new object on every change. */
  getState = (): SyncState => this.state;

  subscribe = (listener: (state: SyncState) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Begins: a round now, then on connectivity hints and timers. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.unsubscribe = this.deps.connectivity?.((online) => this.onConnectivity(online)) ?? null;
    void this.trigger('start');
  }

  /** "Sync now" (and every other trigger): joins a round in progress rather than starting another. */
  trigger(_reason: SyncTrigger = 'manual'): Promise<SyncState> {
    if (this.stopped) return Promise.resolve(this.state);
    this.running ??= this.attempt().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops timers and listeners, asks the round in progress to stop, and waits for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.abort?.abort();
    await this.running?.catch(() => undefined);
    this.set({ nextAttemptAt: null });
  }

  /** Re-reads the pending count (after an audit append or a media import). */
  async refreshPending(): Promise<void> {
    this.set({ pending: await this.deps.pendingCount() });
  }

  private onConnectivity(online: boolean): void {
    if (!online) {
      // A hint that we are offline is believable; one that we are online is checked by the probe.
      this.set({ online: false });
      return;
    }
    void this.trigger('online');
  }

  private async attempt(): Promise<SyncState> {
    this.clearTimer();
    const abort = new AbortController();
    this.abort = abort;
    this.set({ syncing: true, progress: { phase: 'probe', done: 0, total: 0 } });
    try {
      const probe = await this.deps.sync.probe();
      if (!probe.ok) {
        const quiet = QUIET.has(probe.failure);
        this.set({ online: false, lastError: quiet ? null : { step: 'probe', code: probe.failure, detail: probe.message } });
        return this.finish(quiet ? 'interval' : 'failure');
      }
      this.set({ online: true });
      const report = await this.deps.sync.syncNow({
        signal: abort.signal,
        onProgress: (phase, done, total) => this.set({ progress: { phase, done, total } }),
      });
      const error = reportError(report);
      this.set({ lastReport: report, lastError: error });
      if (error === null) {
        this.set({ lastSuccessAt: this.clock.now(), consecutiveFailures: 0 });
        return this.finish('interval');
      }
      if (error.code === 'OFFLINE' || error.code === 'TIMEOUT') this.set({ online: false });
      return this.finish(RETRYABLE.has(error.code) ? 'failure' : 'interval');
    } catch (err) {
      this.set({ lastError: { step: this.state.progress?.phase ?? 'probe', code: 'HTTP', detail: String(err) } });
      return this.finish('failure');
    } finally {
      this.abort = null;
    }
  }

  private async finish(next: 'interval' | 'failure'): Promise<SyncState> {
    let pending = this.state.pending;
    try {
      pending = await this.deps.pendingCount();
    } catch {
      // the database is closing (shutdown): keep the last count
    }
    const failures = next === 'failure' ? this.state.consecutiveFailures + 1 : this.state.consecutiveFailures;
    this.set({ syncing: false, progress: null, pending, consecutiveFailures: failures });
    if (!this.stopped) {
      const delay = next === 'failure' ? backoffDelay(failures, this.random, this.options) : this.options.intervalMs;
      this.schedule(delay);
    }
    return this.state;
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.set({ nextAttemptAt: this.clock.now() + delayMs });
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.trigger('timer');
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.state.nextAttemptAt !== null) this.set({ nextAttemptAt: null });
  }

  private set(patch: Partial<SyncState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}

/** Connectivity hints from a window: 'online' / 'offline' events. */
export function windowConnectivity(target: Pick<Window, 'addEventListener' | 'removeEventListener'>) {
  return (listener: (online: boolean) => void): (() => void) => {
    const on = () => listener(true);
    const off = () => listener(false);
    target.addEventListener('online', on);
    target.addEventListener('offline', off);
    return () => {
      target.removeEventListener('online', on);
      target.removeEventListener('offline', off);
    };
  };
}

/** The parts of KioskServices a scheduler needs (structural: keeps this module free of the UI). */
export interface SchedulerServices {
  readonly sync: SchedulableSync;
  readonly audit: { pendingCount(): Promise<number> };
  readonly settings: { readonly current: { readonly lastSyncAt: string | null } };
}

/**
 * The kiosk's scheduler as the app wires it: window connectivity hints, default timings.
 * Usage: `const s = createKioskSyncScheduler(services, window); s.start();` then
 * `useSyncExternalStore(s.subscribe, s.getState)`; "Sync now" → `s.trigger('manual')`;
 * on shutdown `await s.stop()`.
 */
export function createKioskSyncScheduler(
  services: SchedulerServices,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  options: SchedulerOptions = {},
): SyncScheduler {
  const last = services.settings.current.lastSyncAt;
  return new SyncScheduler({
    sync: services.sync,
    pendingCount: () => services.audit.pendingCount(),
    connectivity: windowConnectivity(target),
    options,
    lastSuccessAt: last ? Date.parse(last) : null,
  });
}
