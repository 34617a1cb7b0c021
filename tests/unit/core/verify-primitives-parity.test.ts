// The Node primitives (sync OpenSSL, zlib) must give exactly the verdicts of the WebCrypto +
// fflate default, on good tokens and on every kind of hostile payload that reaches them.
import { beforeAll, describe, expect, it } from 'vitest';
import { webVerifyPrimitives } from '../../../shared/crypto/verify-primitives';
import { revocationHash } from '../../../shared/revocation/revocation-list';
import { verifyCard } from '../../../shared/verify/verify-card';
import { nodeVerifyPrimitives } from '../../../node/verify-primitives';
import { cardClaims, createTestWorld, NOW, type TestWorld } from '../../fixtures/test-world';
import { craftCardQr, revocationsWith, stateOf } from './support';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});

async function bothVerdicts(qr: string, revoked: string[] = []) {
  const state = stateOf(world.trustList, await revocationsWith(world, { add: revoked }));
  const [web, node] = await Promise.all([
    verifyCard(qr, state, { now: NOW, primitives: webVerifyPrimitives }),
    verifyCard(qr, state, { now: NOW, primitives: nodeVerifyPrimitives }),
  ]);
  return { web, node };
}

describe('node and web verification primitives agree', () => {
  const exactly = (n: number) => JSON.stringify({ ...cardClaims(), pad: 'x'.repeat(n) });
  // Sizes are UTF-8 bytes (the claims hold Chinese text), which is what the cap counts.
  const padTo = (size: number) => exactly(size - Buffer.byteLength(exactly(0)));

  it.each([
    ['a valid card', () => craftCardQr(world, { claims: cardClaims() }), 'valid'],
    ['claims of exactly 8,192 bytes', () => craftCardQr(world, { claims: padTo(8192) }), 'valid'],
    ['claims of 8,193 bytes (cap)', () => craftCardQr(world, { claims: padTo(8193) }), 'invalid'],
    ['a 4 MB deflate bomb', () => craftCardQr(world, { claims: `{"x":"${'A'.repeat(4_000_000)}"}` }), 'invalid'],
    ['a truncated DEFLATE stream', () => craftCardQr(world, { payload: new Uint8Array([0x4b, 0x4c, 0x4a]) }), 'invalid'],
    ['an empty payload', () => craftCardQr(world, { payload: new Uint8Array(0) }), 'invalid'],
  ] as const)('%s', async (_name, makeQr, verdict) => {
    const { web, node } = await bothVerdicts(makeQr());
    expect(node).toEqual(web);
    expect(node.verdict).toBe(verdict);
    if (verdict === 'invalid') expect(node.reasons).toEqual(['MALFORMED']);
  });

  it('a signature of the wrong key, and a tampered one, fail alike', async () => {
    const good = craftCardQr(world, { claims: cardClaims() });
    const forged = craftCardQr(world, { claims: cardClaims(), signer: world.otherIssuerKey, header: { kid: world.issuerKey.kid } });
    // Flip one digit pair near the end: still a valid digit string, different signature bytes.
    const tail = good.slice(-2) === '10' ? '11' : '10';
    for (const qr of [forged, good.slice(0, -2) + tail]) {
      const { web, node } = await bothVerdicts(qr);
      expect(node).toEqual(web);
      expect(node.reasons).toEqual(['BAD_SIGNATURE']);
    }
  });

  it('the revocation hash is the same, so PERMIT_REVOKED is too', async () => {
    const { web, node } = await bothVerdicts(craftCardQr(world, { claims: cardClaims() }), [await revocationHash(cardClaims().wp.no)]);
    expect(node).toEqual(web);
    expect(node.reasons).toEqual(['PERMIT_REVOKED']);
  });
});
