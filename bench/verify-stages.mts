// Where bench:verify's pipeline spends its time: each stage of verifyCard timed alone on warm
// code over the same tokens (run: npx tsx bench/verify-stages.mts).
import { decodeQrText } from '../shared/codec/numeric-qr';
import { inflateRawCapped } from '../shared/codec/inflate';
import { decodeBase64url, decodeUtf8Strict } from '../shared/encoding/base64url';
import { parseCompactJws } from '../shared/jws/compact-jws';
import { verifyEs256 } from '../shared/jws/es256';
import { MemoryRevocationSet } from '../shared/revocation/memory-revocation-set';
import { revocationHash } from '../shared/revocation/revocation-list';
import { cardClaimsSchema, parseCardClaimsJson } from '../shared/verify/claims';
import { verifyCard } from '../shared/verify/verify-card';
import { nodeVerifyPrimitives as primitives } from '../node/verify-primitives';
import { cardClaims, createTestWorld, issueQr, NOW } from '../tests/fixtures/test-world';

const N = Number(process.env.BENCH_TOKENS ?? 3000);
const world = await createTestWorld();
const qrs: string[] = [];
for (let i = 0; i < N; i++) {
  qrs.push(await issueQr(world, cardClaims({ jti: `bench${String(i).padStart(16, '0')}`, wp: { no: `1561202412${String(i).padStart(8, '0')}` } })));
}
const key = world.trustList.keys.get(world.issuerKey.kid)!.key;
const jws = qrs.map((q) => parseCompactJws(decodeQrText(q)));
const payloads = jws.map((p) => decodeBase64url(p.payloadB64));
const texts = payloads.map((b) => decodeUtf8Strict(inflateRawCapped(b)));
const objects = texts.map((t) => JSON.parse(t) as unknown);
const state = { trustList: world.trustList, revocations: new MemoryRevocationSet() };

async function stage(name: string, run: (i: number) => unknown): Promise<void> {
  for (let round = 0; round < 2; round++) {
    const start = performance.now();
    for (let i = 0; i < N; i++) await run(i);
    if (round === 1) console.log(`${name.padEnd(24)} ${(((performance.now() - start) / N) * 1000).toFixed(1)} µs`);
  }
}

await stage('decodeQrText', (i) => decodeQrText(qrs[i]!));
await stage('+ parseCompactJws', (i) => parseCompactJws(decodeQrText(qrs[i]!)));
await stage('verifyEs256 (node)', (i) => verifyEs256(jws[i]!, key, primitives));
await stage('payload base64url', (i) => decodeBase64url(jws[i]!.payloadB64));
await stage('inflate (node zlib)', (i) => primitives.inflateRaw(payloads[i]!, 8192));
await stage('inflate (fflate)', (i) => inflateRawCapped(payloads[i]!));
await stage('JSON.parse', (i) => JSON.parse(texts[i]!));
await stage('zod schema', (i) => cardClaimsSchema.safeParse(objects[i]));
await stage('parseCardClaimsJson', (i) => parseCardClaimsJson(texts[i]!));
await stage('revocationHash (node)', () => revocationHash('156120241201000123', primitives));
await stage('verifyCard, whole', (i) => verifyCard(qrs[i]!, state, { now: NOW, primitives }));
