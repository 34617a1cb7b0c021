// The two electronegativity runs — our TypeScript sources and the built main/preload — judged
// against the allow-list, plus a refusal of inline `eng-disable` suppressions, which would
// otherwise hide findings from the checked-in list.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildFile } from './build-output';
import { type CheckResult, verdict } from './check-result';
import { judgeRun, type ElectronegativityAllowEntry } from './electronegativity-allowlist';
import { runElectronegativity } from './electronegativity-run';
import type { SourceFile } from './electron-source-facts';

/**
 * The build run covers main, preload and the renderer's HTML. The renderer's JavaScript (3 MB of
 * React and antd) is left out: it runs sandboxed without Node, the tool's JS checks look for
 * Electron main-process APIs, and parsing it triples the run time. What matters there — no eval,
 * no remote code — is enforced by the CSP checks and the bundle URL checks.
 */
export async function stageBuildForElectronegativity(files: readonly BuildFile[]): Promise<string> {
  const stage = await mkdtemp(join(tmpdir(), 'essc-electronegativity-'));
  for (const file of files) {
    if (file.area === 'main' || file.area === 'preload' || (file.area === 'renderer' && file.name.endsWith('.html'))) await cp(file.path, join(stage, file.name));
  }
  return stage;
}

export async function runElectronegativityChecks(options: {
  readonly repoRoot: string;
  readonly buildFiles: readonly BuildFile[] | null;
  readonly sources: readonly SourceFile[];
  readonly allowlist: readonly ElectronegativityAllowEntry[];
  readonly electronVersion: string;
}): Promise<CheckResult[]> {
  const sourceRun = await runElectronegativity(join(options.repoRoot, 'electron'), 'electron', options.electronVersion);
  const suppressions: string[] = options.sources.filter((file) => /eng-disable/.test(file.text)).map((file) => `${file.name}: eng-disable comment`);
  let buildResult: CheckResult | null = null;
  if (options.buildFiles) {
    const stage = await stageBuildForElectronegativity(options.buildFiles);
    try {
      buildResult = judgeRun(await runElectronegativity(stage, 'build', options.electronVersion), options.allowlist);
      for (const file of options.buildFiles.filter((f) => f.area === 'main' || f.area === 'preload')) {
        if ((await readFile(file.path, 'utf8')).includes('eng-disable')) suppressions.push(`${file.name}: eng-disable comment`);
      }
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  }
  // TypeScript the old parser cannot read is still analysed when the build run, which sees the
  // same code as plain JavaScript, analysed everything; otherwise it fails here.
  const results = [judgeRun(sourceRun, options.allowlist, buildResult?.ok ? { unparsedCoveredBy: 'the build run' } : {})];
  if (buildResult) results.push(buildResult);
  results.push(verdict('electronegativity.no-inline-suppressions', suppressions, 'no eng-disable comments: the allow-list is the only way to accept a finding', 'inline suppressions hide findings from the allow-list'));
  return results;
}
