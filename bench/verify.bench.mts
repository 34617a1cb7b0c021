// bench:verify — the full kiosk pipeline (QR text → §5 result) against raw node:crypto ES256
// verification of the very same signatures, in the same run. Target: pipeline ≥ 0.8× raw.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { decodeQrText } from '../shared/codec/numeric-qr';
import { decodeBase64url } from '../shared/encoding/base64url';
import { MemoryRevocationSet } from '../shared/revocation/memory-revocation-set';
import { revocationHash } from '../shared/revocation/revocation-list';
import { verifyCard } from '../shared/verify/verify-card';
import { nodeVerifyPrimitives } from '../node/verify-primitives';
import { signRevocationList } from '../work-system/issuer';
import { verifyRevocationList } from '../shared/revocation/revocation-list';
import { cardClaims, createTestWorld, DAY, issueQr, NOW, NOW_SEC } from '../tests/fixtures/test-world';

const TOKENS = Number(process.env.BENCH_TOKENS ?? 20_000);
const ROUNDS = 3;

async function main(): Promise<void> {
  const world = await createTestWorld();
  // A realistic revocation set so check 17 does real lookups.
  const revocations = new MemoryRevocationSet();
  const revoked = await Promise.all(Array.from({ length: 10_000 }, (_, i) => revocationHash(`1561202400${String(i).padStart(8, '0')}`)));
  revocations.apply(await verifyRevocationList(await signRevocationList({ seq: 1, since: 0, iat: NOW_SEC - 60, staleAfter: 2 * DAY, add: revoked, del: [] }, world.anchor), world.anchors));
  const state = { trustList: world.trustList, revocations };

  process.stdout.write(`issuing ${TOKENS} distinct tokens… `);
  const qrTexts: string[] = [];
  for (let i = 0; i < TOKENS; i++) {
    const jti = `bench${String(i).padStart(16, '0')}`;
    qrTexts.push(await issueQr(world, cardClaims({ jti, wp: { no: `1561202412${String(i).padStart(8, '0')}` } })));
  }
  console.log('done');

  // The raw baseline gets its inputs pre-split and pre-decoded: only the signature check is timed.
  const publicKey = createPublicKey({ key: { ...world.issuerKey.publicJwk }, format: 'jwk' });
  const raw = qrTexts.map((qr) => {
    const jws = decodeQrText(qr);
    const lastDot = jws.lastIndexOf('.');
    return { input: Buffer.from(jws.slice(0, lastDot), 'ascii'), signature: decodeBase64url(jws.slice(lastDot + 1)) };
  });

  // Interleave the two in small chunks so that load from other processes on this shared
  // machine falls on both sides alike; the ratio is of the summed times.
  const CHUNK = 250;
  let rawMs = 0;
  let pipelineMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (let from = 0; from < TOKENS; from += CHUNK) {
      let start = performance.now();
      for (let i = from; i < Math.min(from + CHUNK, TOKENS); i++) {
        const { input, signature } = raw[i]!;
        if (!nodeVerify('sha256', input, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)) throw new Error('raw verify failed');
      }
      rawMs += performance.now() - start;
      start = performance.now();
      for (let i = from; i < Math.min(from + CHUNK, TOKENS); i++) {
        const result = await verifyCard(qrTexts[i]!, state, { now: NOW, primitives: nodeVerifyPrimitives });
        if (result.verdict !== 'valid') throw new Error(`pipeline verdict ${result.verdict}: ${result.reasons.join()}`);
      }
      pipelineMs += performance.now() - start;
    }
  }
  const rawRate = (TOKENS * ROUNDS) / (rawMs / 1000);
  const pipelineRate = (TOKENS * ROUNDS) / (pipelineMs / 1000);
  const ratio = pipelineRate / rawRate;
  console.log(`raw node:crypto ES256 verify : ${rawRate.toFixed(0)} tokens/s (${((rawMs * 1000) / (TOKENS * ROUNDS)).toFixed(1)} µs each)`);
  console.log(`verifyCard pipeline          : ${pipelineRate.toFixed(0)} tokens/s (${((pipelineMs * 1000) / (TOKENS * ROUNDS)).toFixed(1)} µs each)`);
  console.log(`ratio pipeline/raw           : ${ratio.toFixed(2)}× (target ≥ 0.80×) ${ratio >= 0.8 ? 'PASS' : 'BELOW TARGET'}`);
}

await main();
