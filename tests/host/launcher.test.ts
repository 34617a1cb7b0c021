// `npm run web` as a process: it prints the kiosk and wallet URLs, both answer, and SIGINT (what
// Ctrl-C sends) stops the host server and the Work System and exits 0. State stays in the data
// folder, so a second run finds the same Work System keys.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
let dataDir: string;

interface Run {
  child: ChildProcess;
  output: () => string;
  kioskUrl: string;
  walletUrl: string;
}

async function launchWeb(): Promise<Run> {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/web.ts', '--no-build'], {
    cwd: ROOT,
    env: { ...process.env, ESSC_DATA_DIR: dataDir, ESSC_WEB_PORT: '0', ESSC_WORK_SYSTEM_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!/demo wallet:\s+\S+/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm run web did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => output,
    kioskUrl: /kiosk:\s+(\S+)/.exec(output)?.[1] ?? '',
    walletUrl: /demo wallet:\s+(\S+)/.exec(output)?.[1] ?? '',
  };
}

async function interrupt(run: Run): Promise<number | null> {
  const exited = new Promise<number | null>((r) => run.child.once('exit', (code) => r(code)));
  run.child.kill('SIGINT');
  return exited;
}

const reachable = (url: string) => fetch(url, { method: 'POST' }).then(() => true, () => false);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'essc-launch-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run web', () => {
  it('serves the host API and the wallet, stops cleanly on SIGINT, and keeps state for the next run', async () => {
    const first = await launchWeb();
    try {
      const info = await fetch(`${first.kioskUrl}__host/app:info`, { method: 'POST' });
      expect(await info.json()).toMatchObject({ host: 'browser', demo: true });
      const wallet = await fetch(first.walletUrl);
      expect(wallet.status).toBe(200);
      const config = (await (await fetch(`${first.kioskUrl}__host/config:get`, { method: 'POST' })).json()) as { workSystemUrl: string; demoEnrollCode: string };
      expect(first.walletUrl.startsWith(config.workSystemUrl)).toBe(true);
      expect(config.demoEnrollCode).toMatch(/\S/);
    } finally {
      expect(await interrupt(first)).toBe(0);
    }
    expect(first.output()).toContain('SIGINT: stopping');
    expect(await reachable(`${first.kioskUrl}__host/app:info`)).toBe(false);
    expect(await reachable(first.walletUrl)).toBe(false);

    const anchorsBefore = await readFile(join(dataDir, 'work-system', 'anchors.jwks.json'), 'utf8');
    const second = await launchWeb();
    try {
      const config = (await (await fetch(`${second.kioskUrl}__host/config:get`, { method: 'POST' })).json()) as { anchors: unknown };
      expect(config.anchors).toEqual(JSON.parse(anchorsBefore));
    } finally {
      expect(await interrupt(second)).toBe(0);
    }
  }, 150_000);
});
