// Judging electronegativity findings against the checked-in allow-list: a finding passes only
// when an entry names its check, matches its file, (optionally) its flagged code, and says why.
import { readFile } from 'node:fs/promises';
import { minimatch } from 'minimatch';
import { z } from 'zod';
import { type CheckResult, fail, pass } from './check-result';
import type { ElectronegativityFinding, ElectronegativityRun } from './electronegativity-run';

const allowEntrySchema = z.strictObject({
  check: z.string().regex(/^[A-Z0-9_]+$/, 'an electronegativity check id, e.g. PRELOAD_JS_CHECK'),
  file: z.string().min(1),
  /** Pins the entry to one construct: the flagged source line must contain this text. */
  code: z.string().min(8).optional(),
  reason: z.string().min(10),
});
export const electronegativityAllowlistSchema = z.strictObject({ $comment: z.string().optional(), entries: z.array(allowEntrySchema) });
export type ElectronegativityAllowEntry = z.infer<typeof allowEntrySchema>;

export async function loadElectronegativityAllowlist(path: string): Promise<ElectronegativityAllowEntry[]> {
  return electronegativityAllowlistSchema.parse(JSON.parse(await readFile(path, 'utf8'))).entries;
}

export function justification(entries: readonly ElectronegativityAllowEntry[], finding: ElectronegativityFinding): ElectronegativityAllowEntry | undefined {
  return entries.find(
    (entry) =>
      entry.check === finding.check &&
      minimatch(finding.file, entry.file, { dot: true, nobrace: true, noext: true }) &&
      (entry.code === undefined || finding.code.includes(entry.code)),
  );
}

export function describeFinding(finding: ElectronegativityFinding): string {
  const code = finding.code ? ` \`${finding.code.slice(0, 90)}\`` : '';
  return `${finding.check} ${finding.file}${finding.line ? `:${finding.line}` : ''} [${finding.severity}/${finding.confidence}${finding.manualReview ? ', review' : ''}] ${finding.description.slice(0, 110)}${code}`;
}

export interface JudgeOptions {
  /**
   * Where files the tool could not parse were analysed after all (the build run, for TypeScript
   * sources the old parser cannot read). Without it, an unparsed file fails the run.
   */
  readonly unparsedCoveredBy?: string;
}

/** One result per run: FAIL on any tool error (loudly), on unanalysed code, or on any unjustified finding. */
export function judgeRun(run: ElectronegativityRun, entries: readonly ElectronegativityAllowEntry[], options: JudgeOptions = {}): CheckResult {
  const id = `electronegativity[${run.label}]`;
  if (run.errors.length > 0) return fail(id, `the tool failed (${run.errors.length} error(s)); fix the input or the gate, never ignore it`, run.errors);
  if (run.unparsed.length > 0 && !options.unparsedCoveredBy) {
    return fail(id, `the tool did not analyse everything (${run.unparsed.length} file(s) it cannot parse)`, run.unparsed);
  }
  const notes = run.unparsed.map((line) => `${line} (analysed in ${options.unparsedCoveredBy} instead)`);
  const unjustified = run.findings.filter((finding) => !justification(entries, finding));
  if (unjustified.length > 0) {
    return fail(id, `${unjustified.length} finding(s) not justified in security/electronegativity-allowlist.json`, [...unjustified.map(describeFinding), ...notes]);
  }
  const justified = run.findings.map((finding) => `${describeFinding(finding).split(' [', 1)[0]} — ${justification(entries, finding)!.reason}`);
  return pass(id, `${run.checksLoaded} checks, ${run.findings.length} finding(s), each justified in the allow-list`, [...justified, ...notes]);
}
