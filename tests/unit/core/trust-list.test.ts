// §1 key identifiers and §3 trust lists: verified whole or rejected whole, never rolled back.
import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { kidOf } from '../../../shared/jws/kid';
import { AnchorsError, loadTrustAnchors } from '../../../shared/trust/anchors';
import { TrustDataError, type TrustDataFailure } from '../../../shared/trust/signed-list';
import { assertTrustListIsNewer, TRUST_LIST_TYP, verifyTrustList } from '../../../shared/trust/trust-list';
import { createTestWorld, DAY, NOW_SEC, type TestWorld } from '../../fixtures/test-world';
import {
  generateSigningKeyPair,
  signTrustList,
  signTrustListPayload,
  trustListPayload,
  type SigningKeyPair,
} from '../../../work-system/issuer';
import { b64u, signCompactRaw, trustListFor } from './support';

let world: TestWorld;

beforeAll(async () => {
  world = await createTestWorld();
});

async function failureOf(promise: Promise<unknown>): Promise<TrustDataFailure | 'ACCEPTED'> {
  try {
    await promise;
    return 'ACCEPTED';
  } catch (err) {
    expect(err).toBeInstanceOf(TrustDataError);
    return (err as TrustDataError).failure;
  }
}

type Payload = ReturnType<typeof trustListPayload> & {
  issuers: { iss: string; name: string; keys: Record<string, unknown>[] }[];
};

/** The world's trust-list payload as plain JSON, changed by `change`, signed by the anchor. */
async function signedWith(
  change: (p: Payload) => void,
  header: Record<string, unknown> = {},
): Promise<string> {
  const payload = structuredClone(trustListPayload(world.trustContent)) as Payload;
  change(payload);
  return signTrustListPayload(payload, world.anchor, header);
}

/** RFC 7638 thumbprint of a P-256 key, computed here with node:crypto, first 8 bytes, b64u. */
function independentKid(jwk: { x: string; y: string }): string {
  const canonical = `{"crv":"P-256","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`;
  return createHash('sha256').update(canonical).digest().subarray(0, 8).toString('base64url');
}

describe('§1 kid(jwk): first 8 bytes of the RFC 7638 SHA-256 thumbprint, b64u, 11 chars', () => {
  it('matches an independent node:crypto computation for 25 fresh keys, and is always 11 chars', async () => {
    for (let i = 0; i < 25; i++) {
      const pair = await generateSigningKeyPair();
      const kid = await kidOf(pair.publicJwk);
      expect(kid).toHaveLength(11);
      expect(kid).toMatch(/^[A-Za-z0-9_-]{11}$/);
      expect(kid).toBe(independentKid(pair.publicJwk));
      expect(pair.kid).toBe(kid);
    }
  });

  it('RFC 7515 A.3 key: kid is the prefix of its full thumbprint', async () => {
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    } as const;
    const full = createHash('sha256')
      .update(`{"crv":"P-256","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`)
      .digest('base64url');
    const kid = await kidOf(jwk);
    expect(Buffer.from(kid, 'base64url').equals(Buffer.from(full, 'base64url').subarray(0, 8))).toBe(true);
  });

  it('extra members (kid, d, use) do not change the kid', async () => {
    const pair = world.issuerKey;
    const noisy = { ...pair.publicJwk, kid: 'whatever', use: 'sig' } as never;
    expect(await kidOf(noisy)).toBe(pair.kid);
  });
});

describe('§3 pinned anchors: a JWKS of P-256 keys, kids computed not read', () => {
  it('loads the world JWKS and names the anchor by its thumbprint kid', async () => {
    const anchors = await loadTrustAnchors(world.anchorsJwks);
    expect([...anchors.keys()]).toEqual([independentKid(world.anchor.publicJwk)]);
  });

  it('a mislabelled kid in the JWKS is ignored: the computed one is used', async () => {
    const anchors = await loadTrustAnchors({
      keys: [{ ...world.anchor.publicJwk, kid: world.issuerKey.kid }],
    });
    expect(anchors.has(world.anchor.kid)).toBe(true);
    expect(anchors.has(world.issuerKey.kid)).toBe(false);
  });

  it.each([
    ['not an object', 'keys'],
    ['no keys member', {}],
    ['keys not an array', { keys: {} }],
    ['no key', { keys: [] }],
    ['a P-384 key', { keys: [{ kty: 'EC', crv: 'P-384', x: 'AA', y: 'AA' }] }],
  ])('anchors that are %s → AnchorsError', async (_label, jwks) => {
    await expect(loadTrustAnchors(jwks)).rejects.toBeInstanceOf(AnchorsError);
  });

  it('an anchor point that is not on the curve → AnchorsError', async () => {
    const offCurve = {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRjmtf6P7kSAgTw6ETjaWpXWYBiNp5nl-JmXTKo',
    };
    await expect(loadTrustAnchors({ keys: [offCurve] })).rejects.toBeInstanceOf(AnchorsError);
  });
});

describe('§3 an accepted trust list', () => {
  it('exposes seq, iat, staleAfter, expireAfter and every key with its issuer and window', async () => {
    const list = await verifyTrustList(world.trustJws, world.anchors);
    expect(list).toMatchObject({
      seq: 17,
      iat: NOW_SEC - DAY,
      staleAfter: 7 * DAY,
      expireAfter: 30 * DAY,
      jws: world.trustJws,
    });
    expect([...list.keys.keys()].sort()).toEqual([world.issuerKey.kid, world.otherIssuerKey.kid].sort());
    expect(list.keys.get(world.issuerKey.kid)).toMatchObject({
      iss: 'CN-310000',
      issuerName: '上海市外国人工作管理服务',
      jwk: world.issuerKey.publicJwk,
      nbf: NOW_SEC - 365 * DAY,
      exp: NOW_SEC + 365 * DAY,
    });
    expect(list.keys.get(world.issuerKey.kid)?.revoked).toBeUndefined();
  });

  it('keeps revoked, including revoked: 0', async () => {
    const [sh, bj] = world.trustContent.issuers;
    const list = await trustListFor(world, {
      issuers: [
        { ...sh!, keys: [{ ...sh!.keys[0]!, revoked: 0 }] },
        { ...bj!, keys: [{ ...bj!.keys[0]!, revoked: NOW_SEC }] },
      ],
    });
    expect(list.keys.get(world.issuerKey.kid)?.revoked).toBe(0);
    expect(list.keys.get(world.otherIssuerKey.kid)?.revoked).toBe(NOW_SEC);
  });

  it('an issuer with no keys and a list with no issuers are accepted', async () => {
    expect(
      (await verifyTrustList(await signedWith((p) => (p.issuers[1]!.keys = [])), world.anchors)).keys.size,
    ).toBe(1);
    expect((await verifyTrustList(await signedWith((p) => (p.issuers = [])), world.anchors)).keys.size).toBe(
      0,
    );
  });

  it('whitespace around the JWS (a file with a trailing newline) is accepted', async () => {
    expect((await verifyTrustList(`${world.trustJws}\n`, world.anchors)).seq).toBe(17);
  });
});

describe('§3 rejected whole: the envelope', () => {
  it('signed by a key that is not a pinned anchor → UNKNOWN_ANCHOR', async () => {
    const rogue = await generateSigningKeyPair();
    expect(
      await failureOf(verifyTrustList(await signTrustList(world.trustContent, rogue), world.anchors)),
    ).toBe('UNKNOWN_ANCHOR');
  });

  it('signed by an issuer key (listed, but not an anchor) → UNKNOWN_ANCHOR', async () => {
    expect(
      await failureOf(
        verifyTrustList(await signTrustList(world.trustContent, world.issuerKey), world.anchors),
      ),
    ).toBe('UNKNOWN_ANCHOR');
  });

  it('a rogue key claiming the anchor kid → BAD_SIGNATURE', async () => {
    const rogue = await generateSigningKeyPair();
    const jws = await signTrustListPayload(trustListPayload(world.trustContent), rogue, {
      kid: world.anchor.kid,
    });
    expect(await failureOf(verifyTrustList(jws, world.anchors))).toBe('BAD_SIGNATURE');
  });

  it('a tampered payload (seq raised after signing) → BAD_SIGNATURE', async () => {
    const [h, p, s] = world.trustJws.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.seq = 9999;
    expect(
      await failureOf(verifyTrustList(`${h}.${b64u(JSON.stringify(payload))}.${s}`, world.anchors)),
    ).toBe('BAD_SIGNATURE');
  });

  it('a truncated signature → BAD_SIGNATURE', async () => {
    expect(await failureOf(verifyTrustList(world.trustJws.slice(0, -4), world.anchors))).toBe(
      'BAD_SIGNATURE',
    );
  });

  it.each([
    ['missing', { typ: undefined }],
    ['the revocation typ', { typ: 'essc-revocations+jws' }],
    ['the card typ', { typ: 'essc+jws' }],
    ['JWT', { typ: 'JWT' }],
  ])('typ %s → WRONG_TYP', async (_label, header) => {
    expect(TRUST_LIST_TYP).toBe('essc-trust+jws');
    expect(await failureOf(verifyTrustList(await signedWith(() => {}, header), world.anchors))).toBe(
      'WRONG_TYP',
    );
  });

  it.each([
    ['crit', ['exp']],
    ['jku', 'https://attacker.example/jwks'],
    ['jwk', null],
    ['x5u', 'https://attacker.example/c.pem'],
    ['x5c', ['MIIB']],
    ['x5t', 'abc'],
    ['x5t#S256', 'abc'],
    ['b64', true],
  ])('forbidden header member %s → MALFORMED even when well signed', async (name, value) => {
    const header = JSON.stringify({
      alg: 'ES256',
      kid: world.anchor.kid,
      typ: TRUST_LIST_TYP,
      [name]: name === 'jwk' ? world.anchor.publicJwk : value,
    });
    const jws = signCompactRaw(
      header,
      Buffer.from(JSON.stringify(trustListPayload(world.trustContent))),
      world.anchor,
    );
    expect(await failureOf(verifyTrustList(jws, world.anchors))).toBe('MALFORMED');
  });

  it.each([
    ['alg HS256', JSON.stringify({ alg: 'HS256', kid: 'x', typ: TRUST_LIST_TYP })],
    ['alg missing', JSON.stringify({ kid: 'x', typ: TRUST_LIST_TYP })],
    ['a header that is an array', '[]'],
  ])('%s → MALFORMED', async (_label, header) => {
    const jws = signCompactRaw(header, Buffer.from('{}'), world.anchor);
    expect(await failureOf(verifyTrustList(jws, world.anchors))).toBe('MALFORMED');
  });

  it('kid not in kid format → MALFORMED', async () => {
    const header = JSON.stringify({ alg: 'ES256', kid: 'anchor-1', typ: TRUST_LIST_TYP });
    expect(
      await failureOf(
        verifyTrustList(signCompactRaw(header, Buffer.from('{}'), world.anchor), world.anchors),
      ),
    ).toBe('MALFORMED');
  });

  it.each(['', 'not a jws', 'a.b', 'a.b.c.d'])('%j → MALFORMED', async (text) => {
    expect(await failureOf(verifyTrustList(text, world.anchors))).toBe('MALFORMED');
  });

  it('a well-signed payload that is not JSON → MALFORMED', async () => {
    const header = JSON.stringify({ alg: 'ES256', kid: world.anchor.kid, typ: TRUST_LIST_TYP });
    expect(
      await failureOf(
        verifyTrustList(signCompactRaw(header, Buffer.from('seq=18'), world.anchor), world.anchors),
      ),
    ).toBe('MALFORMED');
  });
});

describe('§3 rejected whole: the keys', () => {
  it("a key's kid that is not kid(key) → KID_MISMATCH", async () => {
    const jws = await signedWith((p) => (p.issuers[0]!.keys[0]!.kid = world.otherIssuerKey.kid));
    expect(await failureOf(verifyTrustList(jws, world.anchors))).toBe('KID_MISMATCH');
  });

  it('a kid that is the full 43-char thumbprint → KID_MISMATCH', async () => {
    const full = createHash('sha256')
      .update(
        `{"crv":"P-256","kty":"EC","x":"${world.issuerKey.publicJwk.x}","y":"${world.issuerKey.publicJwk.y}"}`,
      )
      .digest('base64url');
    expect(
      await failureOf(
        verifyTrustList(await signedWith((p) => (p.issuers[0]!.keys[0]!.kid = full)), world.anchors),
      ),
    ).toBe('KID_MISMATCH');
  });

  it('the same key twice under one issuer → DUPLICATE_KID', async () => {
    const jws = await signedWith((p) => p.issuers[0]!.keys.push({ ...p.issuers[0]!.keys[0]! }));
    expect(await failureOf(verifyTrustList(jws, world.anchors))).toBe('DUPLICATE_KID');
  });

  it('the same key under two issuers → DUPLICATE_KID', async () => {
    const jws = await signedWith((p) => p.issuers[1]!.keys.push({ ...p.issuers[0]!.keys[0]! }));
    expect(await failureOf(verifyTrustList(jws, world.anchors))).toBe('DUPLICATE_KID');
  });

  it('a P-384 key (with its correct thumbprint kid) → NOT_P256', async () => {
    const { publicKey } = await generateKeyPair('ES384', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = createHash('sha256')
      .update(`{"crv":"P-384","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`)
      .digest()
      .subarray(0, 8)
      .toString('base64url');
    const jws = await signedWith((p) => p.issuers[0]!.keys.push({ ...jwk, kid, nbf: 0, exp: 2e9 }));
    expect(await failureOf(verifyTrustList(jws, world.anchors))).toBe('NOT_P256');
  });

  it('an Ed25519 key → NOT_P256', async () => {
    const jws = await signedWith((p) =>
      p.issuers[0]!.keys.push({
        kty: 'OKP',
        crv: 'Ed25519',
        x: b64u(new Uint8Array(32)),
        kid: 'AAAAAAAAAAA',
        nbf: 0,
        exp: 2e9,
      }),
    );
    expect(await failureOf(verifyTrustList(jws, world.anchors))).toBe('NOT_P256');
  });

  it('a P-256 key whose point is off the curve (with its thumbprint kid) → NOT_P256', async () => {
    const offCurve = {
      kty: 'EC',
      crv: 'P-256',
      x: world.issuerKey.publicJwk.x,
      y: world.otherIssuerKey.publicJwk.y,
    } as const;
    const kid = independentKid(offCurve);
    const jws = await signedWith((p) => p.issuers[0]!.keys.push({ ...offCurve, kid, nbf: 0, exp: 2e9 }));
    expect(await failureOf(verifyTrustList(jws, world.anchors))).toBe('NOT_P256');
  });

  it('a coordinate of 31 bytes → NOT_P256', async () => {
    const short = {
      kty: 'EC',
      crv: 'P-256',
      x: b64u(new Uint8Array(31).fill(1)),
      y: world.issuerKey.publicJwk.y,
    };
    const jws = await signedWith((p) =>
      p.issuers[0]!.keys.push({ ...short, kid: 'AAAAAAAAAAA', nbf: 0, exp: 2e9 }),
    );
    expect(await failureOf(verifyTrustList(jws, world.anchors))).toBe('NOT_P256');
  });

  it.each([
    ['nbf missing', (k: Record<string, unknown>) => delete k.nbf],
    ['exp missing', (k: Record<string, unknown>) => delete k.exp],
    ['nbf a fraction', (k: Record<string, unknown>) => (k.nbf = 1.5)],
    ['exp a string', (k: Record<string, unknown>) => (k.exp = '1800000000')],
    ['nbf null', (k: Record<string, unknown>) => (k.nbf = null)],
    ['revoked a fraction', (k: Record<string, unknown>) => (k.revoked = 0.5)],
    ['revoked a string', (k: Record<string, unknown>) => (k.revoked = '0')],
    ['kid missing', (k: Record<string, unknown>) => delete k.kid],
  ])('a key with %s → BAD_PAYLOAD', async (_label, change) => {
    expect(
      await failureOf(
        verifyTrustList(await signedWith((p) => change(p.issuers[0]!.keys[0]!)), world.anchors),
      ),
    ).toBe('BAD_PAYLOAD');
  });

  it.each([
    ['v 2', (p: Payload) => ((p as Record<string, unknown>).v = 2)],
    ['seq a fraction', (p: Payload) => ((p as Record<string, unknown>).seq = 17.5)],
    ['iat missing', (p: Payload) => delete (p as Record<string, unknown>).iat],
    ['staleAfter a string', (p: Payload) => ((p as Record<string, unknown>).staleAfter = '604800')],
    ['expireAfter missing', (p: Payload) => delete (p as Record<string, unknown>).expireAfter],
    ['an issuer id in lower case', (p: Payload) => (p.issuers[0]!.iss = 'cn-310000')],
    ['issuers not an array', (p: Payload) => ((p as Record<string, unknown>).issuers = {})],
  ])('a list with %s → BAD_PAYLOAD', async (_label, change) => {
    expect(await failureOf(verifyTrustList(await signedWith(change), world.anchors))).toBe('BAD_PAYLOAD');
  });

  it('one bad key among good ones rejects the whole list (no partial application)', async () => {
    const jws = await signedWith((p) =>
      p.issuers[1]!.keys.push({ ...p.issuers[1]!.keys[0]!, kid: world.issuerKey.kid }),
    );
    expect(await failureOf(verifyTrustList(jws, world.anchors))).not.toBe('ACCEPTED');
  });
});

describe('§3 no rollback: assertTrustListIsNewer', () => {
  let seq17: Awaited<ReturnType<typeof verifyTrustList>>;
  let seq16: typeof seq17;
  let seq18: typeof seq17;
  beforeAll(async () => {
    seq17 = world.trustList;
    [seq16, seq18] = await Promise.all([trustListFor(world, { seq: 16 }), trustListFor(world, { seq: 18 })]);
  });
  const outcome = (current: typeof seq17 | null, candidate: typeof seq17) => {
    try {
      assertTrustListIsNewer(current, candidate);
      return 'APPLY';
    } catch (err) {
      expect(err).toBeInstanceOf(TrustDataError);
      return (err as TrustDataError).failure;
    }
  };

  it('nothing applied yet → any list applies', () => expect(outcome(null, seq16)).toBe('APPLY'));
  it('seq + 1 → applies', () => expect(outcome(seq17, seq18)).toBe('APPLY'));
  it('the same list again (replay) → NOT_NEWER', () => expect(outcome(seq17, seq17)).toBe('NOT_NEWER'));
  it('an older list (rollback) → NOT_NEWER', () => expect(outcome(seq18, seq16)).toBe('NOT_NEWER'));
  it('a re-signed list with the same seq → NOT_NEWER', async () => {
    expect(outcome(seq17, await trustListFor(world, { seq: 17, iat: NOW_SEC }))).toBe('NOT_NEWER');
  });
});

describe('§3 a second anchor (root rotation)', () => {
  let next: SigningKeyPair;
  beforeAll(async () => {
    next = await generateSigningKeyPair();
  });

  it('a list signed by either pinned anchor is accepted', async () => {
    const anchors = await loadTrustAnchors({ keys: [world.anchor.publicJwk, next.publicJwk] });
    expect((await verifyTrustList(await signTrustList(world.trustContent, next), anchors)).seq).toBe(17);
    expect((await verifyTrustList(world.trustJws, anchors)).seq).toBe(17);
  });
});
