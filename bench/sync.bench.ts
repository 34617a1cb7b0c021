// Issue 5 benchmarks, in real Chromium (bench/sync/chromium.ts): (a) audit upload by the sync
// engine vs raw POSTs of the same signed batches; (b) a revocation snapshot applied by the kiosk's
// TrustStore vs a chunked bulk write of the same hashes, with lookup latency during the apply.
// --node-upload runs (a) on fake-indexeddb in Node instead (bench/sync/upload.ts).
// Run: npm run bench:sync [-- --entries 100000 --revocations 1000000 --skip-upload --skip-revocations --node-upload]
import { parseArgs } from 'node:util';
import { benchInChromium } from './sync/chromium';
import { benchUpload } from './sync/upload';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    revocations: { type: 'string', default: '1000000' },
    'skip-upload': { type: 'boolean', default: false },
    'skip-revocations': { type: 'boolean', default: false },
    'node-upload': { type: 'boolean', default: false },
  },
});

const entries = Number(values.entries);
if (values['node-upload'] && !values['skip-upload']) await benchUpload(entries);
await benchInChromium({
  entries,
  revocations: Number(values.revocations),
  upload: !values['skip-upload'] && !values['node-upload'],
  revocationsBench: !values['skip-revocations'],
});
