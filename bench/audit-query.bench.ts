// History-screen queries on a large audit log in real Chromium IndexedDB: page and count with
// the filters the UI offers, through the indexes, against a baseline measured in the same run —
// the same questions answered by a full scan. Prints each timing and the scan/index ratio.
// Run: npm run bench:audit [-- --entries 200000]
import { parseArgs } from 'node:util';
import { createTestWorld } from '../tests/fixtures/test-world';
import { withKioskPage } from './kiosk-page';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '200000' } } });
const N = Number(values.entries);

const world = await createTestWorld();
await withKioskPage(world, 'bench-audit', async (page) => {
  const seedMs = await page.evaluate((n) => window.esscTest.seedAudit(n), N);
  console.log(`seeded ${N} entries in ${(seedMs / 1000).toFixed(1)} s (${Math.round(N / (seedMs / 1000))} entries/s)`);
  const t = await page.evaluate((n) => window.esscTest.auditQueryTimings(n), N);
  for (const [name, { ms, value }] of Object.entries(t)) console.log(`${name.padEnd(26)} ${String(ms).padStart(6)} ms  → ${value}`);
  console.log(`ratio count(verdict) scan/index: ${(t.baselineScanCountInvalid.ms / Math.max(1, t.countInvalid.ms)).toFixed(1)}x`);
  console.log(`ratio permit search scan/index : ${(t.baselineScanPermit.ms / Math.max(1, t.permitPage.ms)).toFixed(1)}x`);
});
