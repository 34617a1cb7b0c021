// Rules for the production Content-Security-Policy (pure: the policy text in, results out).
// The renderer is offline by construction, so the policy may name no origin but its own.
import { type CheckResult, verdict } from './check-result';

export type CspDirectives = ReadonlyMap<string, readonly string[]>;

/** Parses a serialized CSP per CSP3 §2.2.1: the first occurrence of a directive wins. */
export function parseCsp(policy: string): CspDirectives {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const tokens = part.trim().split(/[\t\n\f\r ]+/).filter(Boolean);
    const name = tokens[0]?.toLowerCase();
    if (!name || directives.has(name)) continue;
    directives.set(name, tokens.slice(1));
  }
  return directives;
}

/** Fallback lists of CSP3 §6.8.3: an absent fetch directive uses the first present one after it. */
const FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  'script-src-elem': ['script-src', 'default-src'],
  'script-src-attr': ['script-src', 'default-src'],
  'worker-src': ['child-src', 'script-src', 'default-src'],
};

function effectiveSources(csp: CspDirectives, directive: string): readonly string[] | undefined {
  for (const name of [directive, ...(FALLBACKS[directive] ?? ['default-src'])]) {
    const sources = csp.get(name);
    if (sources !== undefined) return sources;
  }
  return undefined;
}

/**
 * Sources that cannot reach another machine: keywords ('self', 'none', hashes, nonces…) and the
 * local schemes blob:, data: and mediastream:. Everything else — http:, https:, ws:, wss:, a
 * host such as cdn.example.com, a wildcard — names a remote origin.
 */
function isLocalSource(source: string): boolean {
  const lower = source.toLowerCase();
  if (lower.startsWith("'") && lower.endsWith("'")) return true;
  return lower === 'blob:' || lower === 'data:' || lower === 'mediastream:';
}

const SCRIPT_DIRECTIVES = ['script-src', 'script-src-elem', 'script-src-attr'];

export function checkCspRules(policy: string, label: string): CheckResult[] {
  const csp = parseCsp(policy);
  const results: CheckResult[] = [];
  const all = [...csp.entries()];

  results.push(
    verdict(
      `csp.no-unsafe-eval[${label}]`,
      all.filter(([, sources]) => sources.some((s) => s.toLowerCase() === "'unsafe-eval'")).map(([name]) => `${name} allows 'unsafe-eval'`),
      "no directive allows 'unsafe-eval' ('wasm-unsafe-eval' only compiles WebAssembly)",
      "'unsafe-eval' lets injected text become code",
    ),
  );

  const remote = all.flatMap(([name, sources]) => sources.filter((s) => !isLocalSource(s)).map((s) => `${name} allows ${s}`));
  if (!csp.has('default-src')) remote.push('no default-src: every fetch directive not listed allows any origin');
  results.push(verdict(`csp.no-remote-origins[${label}]`, remote, 'only our own origin and local schemes (blob:, data:, mediastream:)', 'the policy allows remote origins'));

  const objectSrc = effectiveSources(csp, 'object-src');
  results.push(
    verdict(
      `csp.object-src-none[${label}]`,
      isExactlyNone(objectSrc) ? [] : [`object-src is ${describe(objectSrc)}`],
      "object-src 'none' (no plugins)",
      "object-src must be 'none'",
    ),
  );

  const baseUri = csp.get('base-uri');
  const baseOk = baseUri !== undefined && baseUri.length === 1 && ["'none'", "'self'"].includes(baseUri[0]!.toLowerCase());
  results.push(
    verdict(`csp.base-uri[${label}]`, baseOk ? [] : [`base-uri is ${describe(baseUri)}`], `base-uri ${baseUri?.join(' ')}`, "base-uri must be 'none' or 'self' (it has no fallback)"),
  );

  const frameAncestors = csp.get('frame-ancestors');
  results.push(
    verdict(
      `csp.frame-ancestors-none[${label}]`,
      isExactlyNone(frameAncestors) ? [] : [`frame-ancestors is ${describe(frameAncestors)}`],
      "frame-ancestors 'none' (cannot be framed)",
      "frame-ancestors must be 'none' (it has no fallback; only a header can set it)",
    ),
  );

  const scriptProblems = SCRIPT_DIRECTIVES.flatMap((name) => {
    const sources = effectiveSources(csp, name);
    if (sources === undefined) return [`${name} falls back to nothing: any script is allowed`];
    return sources.filter((s) => ["'unsafe-inline'", 'data:', 'blob:'].includes(s.toLowerCase())).map((s) => `${name} allows ${s}`);
  });
  results.push(
    verdict(`csp.script-src-no-inline[${label}]`, scriptProblems, "scripts only from 'self' (no 'unsafe-inline', data: or blob: scripts)", 'scripts may come from inline text or data'),
  );

  // A worker made from a blob: or data: URL runs whatever string the page put in it: with no
  // 'unsafe-eval' anywhere, that would be the one way left to turn text into code. Our workers
  // are built files (new Worker(new URL('./x.ts', import.meta.url))), served from 'self'.
  const workers = effectiveSources(csp, 'worker-src');
  const workerProblems =
    workers === undefined ? ['worker-src falls back to nothing: any worker is allowed'] : workers.filter((s) => ['blob:', 'data:', 'filesystem:'].includes(s.toLowerCase())).map((s) => `worker-src allows ${s}`);
  results.push(verdict(`csp.workers-self-only[${label}]`, workerProblems, "workers only from 'self' (built files, never blob: or data:)", 'workers may be built from strings at run time'));
  return results;
}

function isExactlyNone(sources: readonly string[] | undefined): boolean {
  return sources !== undefined && sources.length === 1 && sources[0]!.toLowerCase() === "'none'";
}

function describe(sources: readonly string[] | undefined): string {
  return sources === undefined ? 'absent' : `"${sources.join(' ')}"`;
}
