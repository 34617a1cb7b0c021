// `npm run security`: the security gate of issue 6. Prints one PASS/FAIL line per check with its
// reason, then a summary; exits non-zero when anything failed (or the gate itself broke).
//   --build-dir DIR   inspect an existing electron-vite build instead of building afresh
import { resolve } from 'node:path';
import { formatResult, formatSummary } from './check-result';
import { runSecurityGate } from './security-gate';

const REPO_ROOT = resolve(import.meta.dirname, '..');
/** Gitignored, and not out/: other tools use out/ concurrently (see build-output.ts). */
const DEFAULT_BUILD_DIR = resolve(REPO_ROOT, 'tmp/security-build');

function parseArgs(argv: readonly string[]): { buildDir: string; build: boolean } {
  const at = argv.indexOf('--build-dir');
  if (at === -1) return { buildDir: DEFAULT_BUILD_DIR, build: true };
  const dir = argv[at + 1];
  if (!dir) throw new Error('--build-dir needs a folder');
  return { buildDir: resolve(dir), build: false };
}

async function main(): Promise<number> {
  const started = Date.now();
  const { buildDir, build } = parseArgs(process.argv.slice(2));
  const results = await runSecurityGate({ repoRoot: REPO_ROOT, buildDir, build, onResult: (result) => console.log(formatResult(result)) });
  console.log(`${formatSummary(results)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return results.every((result) => result.ok) && results.length > 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('FAIL security gate crashed:', error);
    process.exitCode = 2;
  },
);
