// bench:sync in real Chromium: the bench page (bench/sync/page) served by host-server as
// `npm run web` serves the renderer, the kiosk's IndexedDB in Chromium, the Work System over
// host-server's transport. (a) audit upload vs raw POSTs; (b) revocation snapshot apply vs a
// chunked bulk write, with lookup latency during the apply.
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { memoryLogger } from '../../host-core/logger';
import { startHostServer } from '../../host-server/server';
import { startWorkSystem, type RunningWorkSystem } from '../../work-system';
import { signRevocationList } from '../../work-system/issuer';
import { createTestWorld, DAY, NOW, NOW_SEC } from '../../tests/fixtures/test-world';
import { launchChromium, removeDir } from '../../tests/browser-data/harness';
import { benchHash } from './hashes';

const PAGE_ROOT = resolve(import.meta.dirname, 'page');
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

async function buildPage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'essc-bench-sync-page-'));
  await build({
    configFile: false, root: PAGE_ROOT, logLevel: 'error', base: './', worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, minify: false, target: 'es2022', reportCompressedSize: false },
  });
  return outDir;
}

async function benchUpload(page: Page, servers: { ws: RunningWorkSystem }, wsDir: string, entries: number): Promise<number> {
  let ws = servers.ws;
  await page.evaluate(([now, url]) => window.esscBench.openOnline('bench-upload', now, url), [NOW.toISOString(), ws.url] as const);
  const { outcome, kioskId } = await page.evaluate((code) => window.esscBench.enroll(code), ws.store.createEnrollmentCode());
  if (!outcome.ok) throw new Error(`enroll: ${JSON.stringify(outcome)}`);
  let t = performance.now();
  const pending = await page.evaluate(([n, now]) => window.esscBench.seedChain(n, now), [entries, NOW.toISOString()] as const);
  console.log(`seeded ${entries} chained entries in Chromium IndexedDB in ${((performance.now() - t) / 1000).toFixed(1)} s; pending ${pending}`);
  const count = await page.evaluate(() => window.esscBench.exportBatches());
  const batches: string[] = [];
  for (let i = 0; i < count; i += 10) batches.push(...(await page.evaluate(([a, b]) => window.esscBench.batchSlice(a, b), [i, i + 10] as const)));

  // The baseline's server starts from the same state (the kiosk enrolled, nothing uploaded).
  const baseDir = await mkdtemp(join(tmpdir(), 'essc-bench-sync-base-'));
  const port = ws.port;
  await ws.close(); // a consistent copy of its database; back on the same port before the upload
  await cp(wsDir, baseDir, { recursive: true });
  ws = servers.ws = await startWorkSystem({ dataDir: wsDir, port, clock: () => NOW });
  const base = await startWorkSystem({ dataDir: baseDir, port: 0, clock: () => NOW });
  try {
    if (process.env.PROFILE) console.log(await page.evaluate(() => window.esscBench.profileBatch(false)), await page.evaluate(() => window.esscBench.profileBatch(true)), await page.evaluate(() => window.esscBench.profileBatch(false)), await page.evaluate(() => window.esscBench.profileBatch(true)));
    const upload = await page.evaluate(() => window.esscBench.timedUpload());
    if (!upload.outcome.ok || upload.outcome.uploaded !== pending || upload.pending !== 0) throw new Error(`upload: ${JSON.stringify(upload)}`);

    t = performance.now();
    let stored = 0;
    for (const jws of batches) {
      const response = await fetch(`${base.url}/v1/audit`, { method: 'POST', headers: { 'content-type': 'application/jose' }, body: jws });
      if (response.status !== 200) throw new Error(`baseline POST: ${response.status} ${await response.text()}`);
      stored += ((await response.json()) as { stored: number }).stored;
    }
    const rawMs = performance.now() - t;
    if (stored !== pending) throw new Error(`baseline stored ${stored} of ${pending}`);
    for (const server of [ws, base]) {
      const check = await server.store.verifyKioskChain(kioskId);
      if (!check.ok || check.checked !== pending) throw new Error(`server chain: ${JSON.stringify(check)}`);
    }
    const engineRate = pending / (upload.ms / 1000);
    const rawRate = pending / (rawMs / 1000);
    console.log(`upload engine  : ${pending} entries, ${count} batches, ${(upload.ms / 1000).toFixed(2)} s = ${engineRate.toFixed(0)} entries/s (IndexedDB read, ES256 sign, POST via host-server, mark synced after each ack)`);
    const { spent } = upload;
    console.log(`  of which     : POST via host-server ${(spent.postMs / spent.posts).toFixed(0)} ms/batch, mark synced ${(spent.markMs / spent.posts).toFixed(0)} ms/batch (overlapping; raw POST ${(rawMs / count).toFixed(0)} ms/batch)`);
    console.log(`upload baseline: the same ${count} signed batches as raw fetch POSTs from Node: ${(rawMs / 1000).toFixed(2)} s = ${rawRate.toFixed(0)} entries/s`);
    console.log(`upload ratio   : ${(engineRate / rawRate).toFixed(2)}x (target >= 0.5x); both server chains verified, ${pending} entries each`);
    return engineRate / rawRate;
  } finally {
    await base.close();
    await removeDir(baseDir);
  }
}

async function benchRevocations(page: Page, pageDir: string, entries: number): Promise<void> {
  const world = await createTestWorld();
  const add = Array.from({ length: entries }, (_, i) => benchHash(i));
  const t = performance.now();
  const small = await signRevocationList({ seq: 1, since: 0, iat: NOW_SEC - 7200, staleAfter: 2 * DAY, add: add.slice(0, 1000), del: [] }, world.anchor);
  const jws = await signRevocationList({ seq: 2, since: 0, iat: NOW_SEC - 3600, staleAfter: 2 * DAY, add, del: [] }, world.anchor);
  console.log(`signed snapshot: ${entries} hashes, ${mb(jws.length)}, ${(performance.now() - t).toFixed(0)} ms`);
  await writeFile(join(pageDir, 'small.jws'), small);
  await writeFile(join(pageDir, 'snapshot.jws'), jws);
  await page.evaluate(([anchors, now]) => window.esscBench.openOffline('bench-revocations', anchors as never, now), [world.anchorsJwks, NOW.toISOString()] as const);
  // A kiosk that already holds a list (seq 1) and answers lookups while the big snapshot applies.
  const first = await page.evaluate(() => window.esscBench.applyWithLookups('./small.jws', ['x']));
  if (!first.outcome.applied) throw new Error(`small snapshot: ${JSON.stringify(first.outcome)}`);
  const probes = [add[0]!, add[500]!, add[entries - 1]!, 'zzzzzzzzzzzzzzzzzzzzzA'];
  const real = await page.evaluate((p) => window.esscBench.applyWithLookups('./snapshot.jws', p), probes);
  if (!real.outcome.applied || real.status.revocationCount !== entries) throw new Error(`apply: ${JSON.stringify(real.outcome)}`);
  const base = await page.evaluate((n) => window.esscBench.bulkWriteBaseline(n, 10_000), entries);
  if (base.count !== entries) throw new Error(`baseline wrote ${base.count}`);
  const realRate = entries / (real.ms / 1000);
  const baseRate = entries / (base.ms / 1000);
  console.log(`revocations kiosk   : ${entries} hashes applied in ${(real.ms / 1000).toFixed(2)} s = ${realRate.toFixed(0)} hashes/s (verify + bucket in a worker, bucketed writes, generation flip)`);
  console.log(`revocations baseline: the same ${entries} hashes bulkPut in chunks of 10,000 into a plain table: ${(base.ms / 1000).toFixed(2)} s = ${baseRate.toFixed(0)} hashes/s`);
  console.log(`revocations ratio   : ${(realRate / baseRate).toFixed(2)}x (target >= 0.5x)`);
  console.log(`lookups during apply: ${real.lookups} lookups, p50 ${real.p50.toFixed(2)} ms, p99 ${real.p99.toFixed(2)} ms (target < 2 ms), max ${real.max.toFixed(2)} ms`);
}

export async function benchInChromium(options: { entries: number; revocations: number; upload: boolean; revocationsBench: boolean }): Promise<void> {
  const [wsDir, hostDir, profileDir, pageDir] = await Promise.all([
    mkdtemp(join(tmpdir(), 'essc-bench-ws-')), mkdtemp(join(tmpdir(), 'essc-bench-host-')), mkdtemp(join(tmpdir(), 'essc-bench-chromium-')), buildPage(),
  ]);
  const servers = { ws: await startWorkSystem({ dataDir: wsDir, port: 0, clock: () => NOW }) };
  const host = await startHostServer({
    dataDir: hostDir, resourcesDir: resolve(import.meta.dirname, '../../resources'), rendererDir: pageDir,
    demoWorkSystemDir: wsDir, port: 0, logger: () => memoryLogger(),
  });
  const chrome = await launchChromium(profileDir);
  try {
    const page = await chrome.openPage(host.url);
    if (options.upload) await benchUpload(page, servers, wsDir, options.entries);
    if (options.revocationsBench) await benchRevocations(page, pageDir, options.revocations);
    console.log(`external requests: ${chrome.external.length}`);
  } finally {
    await chrome.close();
    await host.close();
    await servers.ws.close();
    await Promise.all([wsDir, hostDir, profileDir, pageDir].map(removeDir));
  }
}
