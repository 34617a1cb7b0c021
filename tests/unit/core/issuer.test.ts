// work-system/issuer as the protocol sees it: what it signs must be exactly what §2–§4 describe,
// checked with node:zlib and node:crypto rather than with the verifier's own code.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeQrText } from '../../../shared/codec/numeric-qr';
import {
  buildCardClaims,
  ESSC_QR_LIFETIME_SECONDS,
  issueCardQrText,
  newJti,
  signingKeyPairFromPrivateJwk,
} from '../../../work-system/issuer';
import { cardClaims, createTestWorld, NOW_SEC, type TestWorld } from '../../fixtures/test-world';
import { stateOf, verifyAt } from './support';

let world: TestWorld;

beforeAll(async () => {
  world = await createTestWorld();
});

const decodePart = (part: string) => Buffer.from(part, 'base64url');

const holder = () => cardClaims().hd;
const permit = () => cardClaims().wp;

describe('§2.2 card tokens as issued', () => {
  it('header is exactly {alg: ES256, zip: DEF, kid}, payload is raw DEFLATE of the claims JSON, signature is 64-byte R‖S', async () => {
    const claims = cardClaims();
    const jws = decodeQrText(await issueCardQrText(claims, world.issuerKey));
    const [h, p, s] = jws.split('.') as [string, string, string];
    expect(JSON.parse(decodePart(h).toString())).toEqual({
      alg: 'ES256',
      zip: 'DEF',
      kid: world.issuerKey.kid,
    });
    expect(JSON.parse(inflateRawSync(decodePart(p)).toString('utf8'))).toEqual(claims);
    expect(decodePart(s)).toHaveLength(64);
    const publicKey = createPublicKey({ key: world.issuerKey.publicJwk as never, format: 'jwk' });
    const ok = nodeVerify(
      'sha256',
      Buffer.from(`${h}.${p}`, 'ascii'),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      decodePart(s),
    );
    expect(ok).toBe(true);
  });

  it('§2.1: a typical card fits one QR symbol of version ≤ 20 at level M (byte prefix + numeric digits)', async () => {
    const qr = await issueCardQrText(cardClaims(), world.issuerKey);
    const symbol = QRCode.create(
      [
        { data: Buffer.from('essc:/'), mode: 'byte' },
        { data: qr.slice(6), mode: 'numeric' },
      ],
      { errorCorrectionLevel: 'M' },
    );
    expect(symbol.version).toBeLessThanOrEqual(20);
  });
});

describe('§2.3 buildCardClaims', () => {
  it('an e-SSC gets exp = iat + 300 and a fresh 22-char jti, and verifies', async () => {
    const claims = buildCardClaims({
      typ: 'essc',
      iss: 'CN-310000',
      iat: NOW_SEC - 60,
      holder: holder(),
      permit: permit(),
      socialSecurity: cardClaims().ss!,
    });
    expect(ESSC_QR_LIFETIME_SECONDS).toBe(300);
    expect(claims.exp).toBe(NOW_SEC + 240);
    expect(claims.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(
      (await verifyAt(await issueCardQrText(claims, world.issuerKey), stateOf(world.trustList))).verdict,
    ).toBe('valid');
  });

  it('a WPN carries no ss and no exp unless given, even when social-security data is passed', async () => {
    const claims = buildCardClaims({
      typ: 'wpn',
      iss: 'CN-310000',
      iat: NOW_SEC - 60,
      holder: holder(),
      permit: permit(),
      socialSecurity: cardClaims().ss!,
    });
    expect(claims.ss).toBeUndefined();
    expect(claims.exp).toBeUndefined();
    expect(
      (await verifyAt(await issueCardQrText(claims, world.issuerKey), stateOf(world.trustList))).verdict,
    ).toBe('valid');
  });

  it.each([
    ['an impossible date of birth', { holder: { ...cardClaims().hd, dob: '2025-02-29' } }],
    ['from after to', { permit: { ...cardClaims().wp, from: '2026-12-01', to: '2026-11-30' } }],
    ['a name with a bidi override', { holder: { ...cardClaims().hd, name: 'MARIA\u202e' } }],
    ['an e-SSC without social-security data', { socialSecurity: undefined }],
  ])('refuses to build claims with %s (a card the kiosk would call MALFORMED)', (_label, change) => {
    expect(() =>
      buildCardClaims({
        typ: 'essc',
        iss: 'CN-310000',
        iat: NOW_SEC,
        holder: holder(),
        permit: permit(),
        socialSecurity: cardClaims().ss!,
        ...change,
      }),
    ).toThrow();
  });

  it('newJti gives distinct 16-byte b64u ids', () => {
    const ids = new Set(Array.from({ length: 200 }, newJti));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(Buffer.from(id, 'base64url')).toHaveLength(16);
  });
});

describe('§1 issuer key pairs', () => {
  it('a pair rebuilt from its private JWK has the same kid and public key', async () => {
    const rebuilt = await signingKeyPairFromPrivateJwk(world.issuerKey.privateJwk);
    expect(rebuilt.kid).toBe(world.issuerKey.kid);
    expect(rebuilt.publicJwk).toEqual(world.issuerKey.publicJwk);
  });

  it('a public JWK (no d) is refused as a signing key', async () => {
    await expect(signingKeyPairFromPrivateJwk({ ...world.issuerKey.publicJwk })).rejects.toThrow();
  });

  it('the public JWK exposes no private member', () => {
    expect(Object.keys(world.issuerKey.publicJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
  });
});
