// A renderer that crashes or hangs is reloaded, but not in a tight loop: each failure within the
// window doubles the wait, and a quiet period resets it.
export interface ReloadBackoffOptions {
  readonly initialMs?: number;
  readonly maxMs?: number;
  /** After this long without a failure, the next one starts again at initialMs. */
  readonly resetAfterMs?: number;
  readonly now?: () => number;
}

export class ReloadBackoff {
  private failures = 0;
  private lastFailureAt = Number.NEGATIVE_INFINITY;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly resetAfterMs: number;
  private readonly now: () => number;

  constructor(options: ReloadBackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 1_000;
    this.maxMs = options.maxMs ?? 60_000;
    this.resetAfterMs = options.resetAfterMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Records a failure and returns how long to wait before reloading. */
  nextDelayMs(): number {
    const at = this.now();
    if (at - this.lastFailureAt > this.resetAfterMs) this.failures = 0;
    this.lastFailureAt = at;
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** this.failures);
    this.failures += 1;
    return delay;
  }
}
