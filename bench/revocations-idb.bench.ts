// Revocation snapshot apply in real Chromium IndexedDB: the kiosk's path (verify the signed
// snapshot, bucket it, write ~REVOCATION_CHUNK hashes per transaction, flip the generation)
// against a baseline measured in the same run: the naive one-record-per-hash bulk put, raw
// IndexedDB, one transaction. Both in hashes per second, with their ratio. Also reports the
// longest main-thread stall seen by a 10 ms timer during the apply.
// Run: npm run bench:revocations [-- --entries 1000000 --baseline 100000]
import { parseArgs } from 'node:util';
import { signRevocationList } from '../work-system/issuer';
import { createTestWorld, DAY, NOW_SEC } from '../tests/fixtures/test-world';
import { withKioskPage } from './kiosk-page';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '1000000' }, baseline: { type: 'string', default: '100000' } } });
const ENTRIES = Number(values.entries);
const BASELINE = Number(values.baseline);

const world = await createTestWorld();
const add = Array.from({ length: ENTRIES }, (_, i) => `${i.toString(36).split('').reverse().join('').padEnd(21, '_')}A`);
const t0 = performance.now();
const jws = await signRevocationList({ seq: 1, since: 0, iat: NOW_SEC - 3600, staleAfter: 2 * DAY, add, del: [] }, world.anchor);
console.log(`signed snapshot: ${ENTRIES} hashes, ${(jws.length / 1e6).toFixed(1)} MB, ${(performance.now() - t0).toFixed(0)} ms`);

await withKioskPage(world, 'bench', async (page, externalRequests) => {
  const real = await page.evaluate(() => window.esscTest.applyRevocationsFrom('/snapshot.jws'));
  if (!real.outcome.applied) throw new Error(`apply failed: ${JSON.stringify(real.outcome)}`);
  const lookups = await page.evaluate((hs) => window.esscTest.revocationLookups(hs), [add[0]!, add[ENTRIES >> 1]!, add[ENTRIES - 1]!, 'zzzzzzzzzzzzzzzzzzzzzA']);
  const baseMs = await page.evaluate((n) => window.esscTest.rawPutTiming(n, 'strict', true), BASELINE);
  const realRate = ENTRIES / (real.ms / 1000);
  const baseRate = BASELINE / (baseMs / 1000);
  console.log(`kiosk path : ${ENTRIES} hashes in ${real.ms.toFixed(0)} ms = ${realRate.toFixed(0)} hashes/s (${real.chunks - 1} transactions; verify+bucket ${real.marks[0]} ms; worst main-thread stall ${real.worstGapMs.toFixed(0)} ms)`);
  console.log(`baseline   : ${BASELINE} one-record-per-hash puts in ${baseMs.toFixed(0)} ms = ${baseRate.toFixed(0)} hashes/s`);
  console.log(`ratio      : ${(realRate / baseRate).toFixed(1)}x`);
  console.log(`lookups    : ${lookups.found.join(',')} at ${lookups.msPerLookup.toFixed(2)} ms each; count ${real.status.revocationCount}`);
  console.log(`external requests: ${externalRequests.length}`);
}, new Map([['/snapshot.jws', jws]]));
