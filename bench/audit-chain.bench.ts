// Audit chain check in real Chromium: AuditLog.checkChain streaming a real chain out of
// IndexedDB in chunks, against a baseline measured in the same run — verifyAuditChain over the
// same entries already in memory (JCS + SHA-256 only). Prints entries/s of both and the ratio.
// Run: npm run bench:chain [-- --entries 50000]
import { parseArgs } from 'node:util';
import { createTestWorld } from '../tests/fixtures/test-world';
import { withKioskPage } from './kiosk-page';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '50000' } } });
const N = Number(values.entries);
const world = await createTestWorld();
await withKioskPage(world, 'chain', async (page) => {
  const r = await page.evaluate((n) => window.esscTest.seedRealChainAndCheck(n), N);
  if (!r.result.ok || !r.baselineOk) throw new Error(`chain check failed: ${JSON.stringify(r.result)}`);
  const rate = N / (r.checkMs / 1000);
  const baseRate = N / (r.baselineMs / 1000);
  console.log(`built and stored ${N} entries in ${(r.builtMs / 1000).toFixed(1)} s`);
  console.log(`checkChain (IndexedDB, chunks of 2,000): ${r.checkMs.toFixed(0)} ms = ${rate.toFixed(0)} entries/s`);
  console.log(`baseline (in memory)                   : ${r.baselineMs.toFixed(0)} ms = ${baseRate.toFixed(0)} entries/s`);
  console.log(`ratio checkChain/baseline throughput   : ${(rate / baseRate).toFixed(2)}`);
});
