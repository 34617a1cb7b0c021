// What every security check returns: a stable id, PASS or FAIL, and the reason in one line
// (plus detail lines naming each offending file, finding or source location).

export interface CheckResult {
  /** Stable id, e.g. `csp.no-unsafe-eval`; the allow-lists and the docs refer to these. */
  readonly id: string;
  readonly ok: boolean;
  readonly reason: string;
  readonly details: readonly string[];
}

export function pass(id: string, reason: string, details: readonly string[] = []): CheckResult {
  return { id, ok: true, reason, details };
}

export function fail(id: string, reason: string, details: readonly string[] = []): CheckResult {
  return { id, ok: false, reason, details };
}

/** PASS when there is nothing to complain about, FAIL listing every problem otherwise. */
export function verdict(id: string, problems: readonly string[], passReason: string, failReason: string): CheckResult {
  return problems.length === 0 ? pass(id, passReason) : fail(id, `${failReason} (${problems.length})`, problems);
}

/** A check that threw is a failed check, never a skipped one: the gate must not pass silently. */
export async function guarded(id: string, run: () => Promise<CheckResult[]> | CheckResult[]): Promise<CheckResult[]> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return [fail(id, `the check itself crashed: ${firstLine(message)}`, message.split('\n').slice(1, 8))];
  }
}

export function formatResult(result: CheckResult): string {
  const head = `${result.ok ? 'PASS' : 'FAIL'} ${result.id}: ${result.reason}`;
  return [head, ...result.details.map((line) => `       - ${line}`)].join('\n');
}

export function formatSummary(results: readonly CheckResult[]): string {
  const failed = results.filter((r) => !r.ok).length;
  return `security gate: ${results.length - failed} passed, ${failed} failed`;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
