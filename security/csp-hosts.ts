// The CSP each production host actually sends, read from real responses rather than grepped:
// Electron's essc:// protocol handler (called in-process; it needs no Electron runtime) and the
// browser host (started on 127.0.0.1 with a throw-away data folder, then stopped).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createAppRequestHandler } from '../electron/main/app-protocol';
import { APP_ORIGIN } from '../electron/main/app-origin';
import { CONTENT_SECURITY_POLICY } from '../host-core/csp';
import { memoryLogger } from '../host-core/logger';
import { startHostServer } from '../host-server/server';
import { type CheckResult, verdict } from './check-result';
import { checkCspRules } from './csp-policy';

export interface SentPolicy {
  readonly host: 'electron' | 'browser-host';
  /** The distinct CSP header values seen, by path ('' when a response carried none). */
  readonly byPath: ReadonlyMap<string, string>;
}

export async function electronSentPolicy(rendererDir: string, rendererFiles: readonly string[]): Promise<SentPolicy> {
  const handle = createAppRequestHandler(rendererDir, memoryLogger());
  const byPath = new Map<string, string>();
  // Every file, and a miss: an error page without the policy would be a hole too.
  for (const path of [...rendererFiles.map((file) => `/${relative(rendererDir, file).split('\\').join('/')}`), '/no-such-file.js']) {
    const response = await handle(new Request(`${APP_ORIGIN}${path}`));
    byPath.set(path, response.headers.get('content-security-policy') ?? '');
  }
  return { host: 'electron', byPath };
}

export async function browserHostSentPolicy(rendererDir: string, resourcesDir: string, paths: readonly string[]): Promise<SentPolicy> {
  const dataDir = await mkdtemp(join(tmpdir(), 'essc-security-host-'));
  try {
    const logger = memoryLogger();
    const server = await startHostServer({ dataDir, resourcesDir, rendererDir, logger: () => logger });
    try {
      const byPath = new Map<string, string>();
      for (const path of [...paths, '/no-such-file.js']) {
        const response = await fetch(`${server.url}${path}`);
        await response.arrayBuffer();
        byPath.set(path, response.headers.get('content-security-policy') ?? '');
      }
      return { host: 'browser-host', byPath };
    } finally {
      await server.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** One policy on every response, equal to the one host-core defines, and that policy obeys the rules. */
export function checkSentPolicy(sent: SentPolicy): CheckResult[] {
  const distinct = new Set(sent.byPath.values());
  const problems = [...sent.byPath].filter(([, policy]) => policy !== CONTENT_SECURITY_POLICY).map(([path, policy]) => `${path}: ${policy === '' ? 'no CSP header' : `sent "${policy}"`}`);
  const sentCheck = verdict(
    `csp.sent[${sent.host}]`,
    problems,
    `${sent.byPath.size} responses all carry host-core/csp.ts CONTENT_SECURITY_POLICY as a header`,
    'responses without the production CSP',
  );
  // The rules are applied to what was sent, each distinct policy on its own.
  const policies = [...distinct].filter((policy) => policy !== '');
  return [sentCheck, ...policies.flatMap((policy, i) => checkCspRules(policy, policies.length === 1 ? sent.host : `${sent.host}#${i + 1}`))];
}
