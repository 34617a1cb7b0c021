// `npm run security`: the security gate of issue 6. Prints one PASS/FAIL line per check with its
// reason, then a summary; exits non-zero when anything failed (or the gate itself broke).
//   --out DIR         build into DIR (default tmp/security-build)
//   --build-dir DIR   inspect an existing electron-vite build instead of building afresh
import { resolve } from 'node:path';
import { formatResult, formatSummary } from './check-result';
import { runSecurityGate } from './security-gate';

const REPO_ROOT = resolve(import.meta.dirname, '..');
/** Gitignored, and not out/: other tools use out/ concurrently (see build-output.ts). */
const DEFAULT_BUILD_DIR = resolve(REPO_ROOT, 'tmp/security-build');

function parseArgs(argv: readonly string[]): { buildDir: string; build: boolean } {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    if (at === -1) return undefined;
    const dir = argv[at + 1];
    if (!dir || dir.startsWith('--')) throw new Error(`${flag} needs a folder`);
    return resolve(dir);
  };
  const existing = value('--build-dir');
  if (existing) return { buildDir: existing, build: false };
  return { buildDir: value('--out') ?? DEFAULT_BUILD_DIR, build: true };
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
