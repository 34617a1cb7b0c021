// @doyensec/electronegativity called as a library (its CLI exits 0 whatever it finds, so it could
// never fail a build by itself: convention 16). The tool is unmaintained, so it is one check
// among others, and the run is made hermetic and loud:
// - it fetches translations (i18n.js) and Electron's release list (AvailableSecurityFixesGlobalCheck)
//   over the network with `got`; a gate must give the same answer offline, so `got` is replaced
//   by one that fails at once, and the release-list check is excluded (Electron's version is kept
//   current by the dependency updates, not by this gate);
// - a crash fails the gate; so does a file it cannot parse, unless the caller knows the same code
//   was analysed in another form (TypeScript sources that are also covered by the build run).
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative } from 'node:path';

export interface ElectronegativityFinding {
  /** e.g. `PRELOAD_JS_CHECK`. */
  readonly check: string;
  /** `<label>/<path in the input>`, or `<label>/<global>` for whole-application checks. */
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly confidence: string;
  readonly manualReview: boolean;
  readonly description: string;
  /** The source line the tool flagged (empty for global checks). */
  readonly code: string;
}

export interface ElectronegativityRun {
  readonly label: string;
  readonly findings: readonly ElectronegativityFinding[];
  /** The tool failed as a whole (crashed, no result, no checks, no input): always fails the gate. */
  readonly errors: readonly string[];
  /** Files its parser could not read (it predates some TypeScript syntax): unanalysed code. */
  readonly unparsed: readonly string[];
  readonly checksLoaded: number;
}

interface RawIssue {
  id: string;
  file: string;
  sample?: string;
  location?: { line?: number; column?: number };
  severity?: { name?: string };
  confidence?: { name?: string };
  manualReview?: boolean;
  description?: string;
}

interface RawRunResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: RawIssue[];
}

type RunFunction = (options: Record<string, unknown>) => Promise<RawRunResult | undefined>;

export const GLOBAL_FILE = '<global>';
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const require = createRequire(import.meta.url);
let runFunction: RunFunction | null = null;

function loadTool(): RunFunction {
  if (runFunction) return runFunction;
  const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const toolRequire = createRequire(join(packageDir, 'dist', 'runner.js'));
  const gotPath = toolRequire.resolve('got');
  const offline = () => Promise.reject(new Error('the security gate runs offline'));
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = Object.assign(offline, { default: offline });
  require.cache[gotPath] = stub;
  const loaded = toolRequire(packageDir) as RunFunction | { default: RunFunction };
  runFunction = typeof loaded === 'function' ? loaded : loaded.default;
  return runFunction;
}

export function electronVersion(repoRoot: string): string {
  const path = join(repoRoot, 'node_modules/electron/package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

export async function runElectronegativity(input: string, label: string, electronVersionOverride: string): Promise<ElectronegativityRun> {
  if (!existsSync(input)) return { label, findings: [], errors: [`input ${input} does not exist`], unparsed: [], checksLoaded: 0 };
  const chatter: string[] = [];
  const originalLog = console.log;
  // The tool prints progress and "could not fetch" notes straight to stdout; kept for errors only.
  console.log = (...args: unknown[]) => void chatter.push(args.map(String).join(' '));
  let raw: RawRunResult | undefined;
  try {
    raw = await loadTool()({ input, isRelative: true, electronVersionOverride, excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()) });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { label, findings: [], errors: [`electronegativity crashed: ${message.split('\n').slice(0, 4).join(' | ')}`, ...chatter.slice(-5)], unparsed: [], checksLoaded: 0 };
  } finally {
    console.log = originalLog;
  }
  if (!raw || !Array.isArray(raw.issues) || !Array.isArray(raw.errors)) return { label, findings: [], errors: ['electronegativity returned no result'], unparsed: [], checksLoaded: 0 };
  const unparsed = raw.errors.map((e) => `${label}/${(isAbsolute(e.file) ? relative(input, e.file) : e.file).split('\\').join('/')}: ${e.tolerable ? 'parse warning' : 'could not analyse'}: ${e.message}`);
  const checksLoaded = raw.globalChecks + raw.atomicChecks;
  const errors = checksLoaded === 0 ? ['electronegativity loaded no checks'] : [];
  const findings = raw.issues.map((issue) => toFinding(issue, input, label));
  return { label, findings, errors, unparsed, checksLoaded };
}

function toFinding(issue: RawIssue, input: string, label: string): ElectronegativityFinding {
  const global = issue.file === 'N/A';
  const line = issue.location?.line ?? 0;
  return {
    check: issue.id,
    file: `${label}/${global ? GLOBAL_FILE : issue.file.split('\\').join('/')}`,
    line,
    severity: issue.severity?.name ?? '?',
    confidence: issue.confidence?.name ?? '?',
    manualReview: issue.manualReview === true,
    description: (issue.description ?? '').replace(/\s+/g, ' ').trim(),
    code: global ? '' : sourceLine(join(input, issue.file), line, issue.sample),
  };
}

function sourceLine(path: string, line: number, sample: string | undefined): string {
  try {
    return (readFileSync(path, 'utf8').split('\n')[line - 1] ?? sample ?? '').trim();
  } catch {
    return (sample ?? '').trim();
  }
}
