// §5 checks 4–8 and 10–12: what the trust list says about the token's key and issuer.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrustList } from '../../../shared/trust/trust-list';
import { encodeQrText } from '../../../shared/codec/numeric-qr';
import { cardClaims, createTestWorld, DAY, NOW, NOW_SEC, type TestWorld } from '../../fixtures/test-world';
import { generateSigningKeyPair, type SigningKeyPair } from '../../../work-system/issuer';
import {
  atSec,
  cardHeader,
  craftCardJws,
  craftCardQr,
  signCompactRaw,
  stateOf,
  trustListFor,
  verifyAt,
} from './support';

let world: TestWorld;
let windowKey: SigningKeyPair;
let revokedKey: SigningKeyPair;
let revokedZeroKey: SigningKeyPair;
let unlistedKey: SigningKeyPair;
/** The world's list plus keys with a narrow window, a revocation time and `revoked: 0`. */
let keyed: TrustList;

const WINDOW_NBF = NOW_SEC - 1000;
const WINDOW_EXP = NOW_SEC + 100;
const REVOKED_AT = NOW_SEC - 100;

beforeAll(async () => {
  world = await createTestWorld();
  [windowKey, revokedKey, revokedZeroKey, unlistedKey] = await Promise.all([
    generateSigningKeyPair(),
    generateSigningKeyPair(),
    generateSigningKeyPair(),
    generateSigningKeyPair(),
  ]);
  const [shanghai, beijing] = world.trustContent.issuers;
  const wide = { nbf: NOW_SEC - 365 * DAY, exp: NOW_SEC + 365 * DAY };
  keyed = await trustListFor(world, {
    issuers: [
      {
        ...shanghai!,
        keys: [
          ...shanghai!.keys,
          { pair: windowKey, nbf: WINDOW_NBF, exp: WINDOW_EXP },
          { pair: revokedKey, ...wide, revoked: REVOKED_AT },
          { pair: revokedZeroKey, ...wide, revoked: 0 },
        ],
      },
      beijing!,
    ],
  });
});

/** A card signed by `signer`, issued `iat`, valid long enough that token times never interfere. */
function qrBy(signer: SigningKeyPair, iat: number, extra: Parameters<typeof cardClaims>[0] = {}): string {
  return craftCardQr(world, {
    signer,
    claims: cardClaims({ iat, exp: Math.max(iat, NOW_SEC) + 300, ...extra }),
  });
}

describe('check 4: a trust list is applied (NO_TRUST_LIST, indeterminate, stop)', () => {
  it('without a trust list a good card is indeterminate NO_TRUST_LIST, with no claims', async () => {
    const result = await verifyAt(qrBy(world.issuerKey, NOW_SEC - 60), stateOf(null));
    expect(result).toMatchObject({ verdict: 'indeterminate', reasons: ['NO_TRUST_LIST'], trustSeq: null });
    expect(result.kid).toBe(world.issuerKey.kid);
    expect(result.claims).toBeUndefined();
  });

  it('a badly signed card is still only NO_TRUST_LIST (nothing to check it against)', async () => {
    const jws = craftCardJws(world, { claims: cardClaims() });
    const qr = encodeQrText(jws.slice(0, -2) + (jws.endsWith('AA') ? 'BA' : 'AA'));
    expect((await verifyAt(qr, stateOf(null))).reasons).toEqual(['NO_TRUST_LIST']);
  });

  it('check 1–3 failures come before it: a malformed token without a trust list is MALFORMED', async () => {
    expect((await verifyAt('essc:/99', stateOf(null))).reasons).toEqual(['MALFORMED']);
  });
});

describe('check 5: now ≥ trust.iat − skew (CLOCK_BEHIND, indeterminate)', () => {
  let fresh: TrustList;
  beforeAll(async () => {
    fresh = await trustListFor(world, { iat: NOW_SEC });
  });

  const at = async (nowSec: number, skew?: number) =>
    verifyAt(qrBy(world.issuerKey, Math.floor(nowSec) - 60), stateOf(fresh), atSec(nowSec), skew);

  it('now = trust.iat − 300 (default skew) → no CLOCK_BEHIND', async () => {
    expect((await at(NOW_SEC - 300)).reasons).toEqual([]);
  });

  it('now = trust.iat − 301 → CLOCK_BEHIND, indeterminate, claims shown', async () => {
    const result = await at(NOW_SEC - 301);
    expect(result).toMatchObject({ verdict: 'indeterminate', reasons: ['CLOCK_BEHIND'] });
    expect(result.claims?.hd.name).toBe('VAN DER BERG MARIA');
  });

  it('now = trust.iat − 300.001 s → CLOCK_BEHIND (the edge is exact, not rounded)', async () => {
    expect((await at(NOW_SEC - 300.001)).reasons).toEqual(['CLOCK_BEHIND']);
  });

  it('with skew 0: now = trust.iat is fine, one second before is CLOCK_BEHIND', async () => {
    expect((await at(NOW_SEC, 0)).reasons).toEqual([]);
    expect((await at(NOW_SEC - 1, 0)).reasons).toEqual(['CLOCK_BEHIND']);
  });

  it('with skew 3600: now = trust.iat − 3600 is fine, − 3601 is CLOCK_BEHIND', async () => {
    expect((await at(NOW_SEC - 3600, 3600)).reasons).toEqual([]);
    expect((await at(NOW_SEC - 3601, 3600)).reasons).toEqual(['CLOCK_BEHIND']);
  });
});

describe('check 6: now < trust.iat + expireAfter (TRUST_LIST_EXPIRED, indeterminate)', () => {
  const trustIat = NOW_SEC - DAY;
  const expiresAt = trustIat + 30 * DAY;
  // Permit valid long after the list expires, so only the list's age is judged.
  const at = (nowSec: number) =>
    verifyAt(
      qrBy(world.issuerKey, Math.floor(nowSec) - 60, { wp: { to: '2030-12-31' } }),
      stateOf(world.trustList),
      atSec(nowSec),
    );

  it('the fixture list: iat = NOW − 1 day, expireAfter = 30 days', () => {
    expect(world.trustList.iat).toBe(trustIat);
    expect(world.trustList.expireAfter).toBe(30 * DAY);
  });

  it('one second before iat + expireAfter → no TRUST_LIST_EXPIRED (valid, stale warning only)', async () => {
    const result = await at(expiresAt - 1);
    expect(result.verdict).toBe('valid');
    expect(result.warnings).toContain('TRUST_LIST_STALE');
  });

  it('1 ms before iat + expireAfter → valid', async () => {
    expect((await at(expiresAt - 0.001)).verdict).toBe('valid');
  });

  it('exactly iat + expireAfter → TRUST_LIST_EXPIRED, indeterminate, claims shown', async () => {
    const result = await at(expiresAt);
    expect(result).toMatchObject({ verdict: 'indeterminate', reasons: ['TRUST_LIST_EXPIRED'] });
    expect(result.claims).toBeDefined();
  });

  it('a year later → still only TRUST_LIST_EXPIRED for a token issued then', async () => {
    expect((await at(expiresAt + 300 * DAY)).reasons).toEqual(['TRUST_LIST_EXPIRED']);
  });
});

describe('check 7: kid is in the trust list (UNKNOWN_KEY, invalid, stop)', () => {
  it('a card signed by a key that is not listed → UNKNOWN_KEY, no claims', async () => {
    const result = await verifyAt(qrBy(unlistedKey, NOW_SEC - 60), stateOf(keyed));
    expect(result).toMatchObject({ verdict: 'invalid', reasons: ['UNKNOWN_KEY'], kid: unlistedKey.kid });
    expect(result.claims).toBeUndefined();
  });

  it('a card signed by the trust anchor itself → UNKNOWN_KEY (anchors sign lists, not cards)', async () => {
    expect((await verifyAt(qrBy(world.anchor, NOW_SEC - 60), stateOf(keyed))).reasons).toEqual([
      'UNKNOWN_KEY',
    ]);
  });

  it('a key listed in an older list but not in the applied one → UNKNOWN_KEY', async () => {
    expect((await verifyAt(qrBy(windowKey, NOW_SEC - 60), stateOf(world.trustList))).reasons).toEqual([
      'UNKNOWN_KEY',
    ]);
  });

  it('UNKNOWN_KEY with CLOCK_BEHIND → invalid (both reported, in check order)', async () => {
    const fresh = await trustListFor(world, { iat: NOW_SEC + 3600 });
    const result = await verifyAt(qrBy(unlistedKey, NOW_SEC - 60), stateOf(fresh));
    expect(result).toMatchObject({ verdict: 'invalid', reasons: ['CLOCK_BEHIND', 'UNKNOWN_KEY'] });
  });
});

describe('check 8: signature verifies (BAD_SIGNATURE, invalid, stop)', () => {
  const payloadOf = (jws: string) => jws.split('.')[1]!;

  it('kid of a listed key, signed by another listed key → BAD_SIGNATURE', async () => {
    const jws = signCompactRaw(
      cardHeader(world.issuerKey),
      Buffer.from(payloadOf(craftCardJws(world, { claims: cardClaims() })), 'base64url'),
      world.otherIssuerKey,
    );
    const result = await verifyAt(encodeQrText(jws), stateOf(keyed));
    expect(result).toMatchObject({ verdict: 'invalid', reasons: ['BAD_SIGNATURE'] });
    expect(result.claims).toBeUndefined();
  });

  it('a payload swapped in from another card of the same key → BAD_SIGNATURE', async () => {
    const [h, , s] = craftCardJws(world, { claims: cardClaims() }).split('.');
    const other = payloadOf(craftCardJws(world, { claims: cardClaims({ hd: { name: 'SOMEONE ELSE' } }) }));
    const result = await verifyAt(encodeQrText(`${h}.${other}.${s}`), stateOf(keyed));
    expect(result.reasons).toEqual(['BAD_SIGNATURE']);
    expect(JSON.stringify(result)).not.toContain('SOMEONE ELSE');
  });

  describe('§9: a signature part that is empty, of the wrong length or not decodable', () => {
    let h: string;
    let p: string;
    let s: string;
    beforeAll(() => {
      [h, p, s] = craftCardJws(world, { claims: cardClaims() }).split('.') as [string, string, string];
    });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const cases: [string, () => string][] = [
      ['empty', () => ''],
      ['one character', () => 'A'],
      ['63 bytes', () => Buffer.from(s, 'base64url').subarray(0, 63).toString('base64url')],
      [
        '65 bytes',
        () => Buffer.concat([Buffer.from(s, 'base64url'), Buffer.from([1])]).toString('base64url'),
      ],
      ['64 zero bytes', () => Buffer.alloc(64).toString('base64url')],
      ['padded with ==', () => `${s}==`],
      ['with a / (standard base64)', () => `/${s.slice(1)}`],
      ['with a : (not base64 at all)', () => `${s.slice(0, 10)}:${s.slice(11)}`],
      [
        'non-canonical last char (same 64 bytes)',
        () => s.slice(0, -1) + alphabet[alphabet.indexOf(s.at(-1)!) | 1],
      ],
    ];
    it.each(cases)('signature %s → BAD_SIGNATURE', async (_label, sig) => {
      const signature = sig();
      expect(signature).not.toBe(s);
      const result = await verifyAt(encodeQrText(`${h}.${p}.${signature}`), stateOf(keyed));
      expect(result).toMatchObject({ verdict: 'invalid', reasons: ['BAD_SIGNATURE'] });
      expect(result.claims).toBeUndefined();
    });
  });
});

describe('check 10: iss equals the issuer that owns kid (ISSUER_MISMATCH, invalid)', () => {
  it('iss CN-110000 signed by a CN-310000 key → ISSUER_MISMATCH, claims shown', async () => {
    const result = await verifyAt(qrBy(world.issuerKey, NOW_SEC - 60, { iss: 'CN-110000' }), stateOf(keyed));
    expect(result).toMatchObject({ verdict: 'invalid', reasons: ['ISSUER_MISMATCH'], iss: 'CN-110000' });
    expect(result.claims).toBeDefined();
  });

  it('iss CN-310000 signed by the CN-110000 key → ISSUER_MISMATCH', async () => {
    expect((await verifyAt(qrBy(world.otherIssuerKey, NOW_SEC - 60), stateOf(keyed))).reasons).toEqual([
      'ISSUER_MISMATCH',
    ]);
  });

  it('each issuer with its own key → valid', async () => {
    expect(
      (await verifyAt(qrBy(world.otherIssuerKey, NOW_SEC - 60, { iss: 'CN-110000' }), stateOf(keyed)))
        .verdict,
    ).toBe('valid');
  });
});

describe('check 11: nbf ≤ iat < exp of the key (KEY_NOT_VALID, invalid)', () => {
  const at = (iat: number) => verifyAt(qrBy(windowKey, iat), stateOf(keyed));

  it('iat = nbf − 1 → KEY_NOT_VALID, claims shown', async () => {
    const result = await at(WINDOW_NBF - 1);
    expect(result.reasons).toEqual(['KEY_NOT_VALID']);
    expect(result.claims).toBeDefined();
  });
  it('iat = nbf → valid', async () => expect((await at(WINDOW_NBF)).reasons).toEqual([]));
  it('iat = exp − 1 → valid', async () => expect((await at(WINDOW_EXP - 1)).reasons).toEqual([]));
  it('iat = exp → KEY_NOT_VALID', async () =>
    expect((await at(WINDOW_EXP)).reasons).toEqual(['KEY_NOT_VALID']));
});

describe('check 12: key not revoked for this iat (KEY_REVOKED, invalid)', () => {
  it('iat = revoked − 1 → valid (tokens before the revocation stand)', async () => {
    expect((await verifyAt(qrBy(revokedKey, REVOKED_AT - 1), stateOf(keyed))).reasons).toEqual([]);
  });
  it('iat = revoked → KEY_REVOKED, claims shown', async () => {
    const result = await verifyAt(qrBy(revokedKey, REVOKED_AT), stateOf(keyed));
    expect(result.reasons).toEqual(['KEY_REVOKED']);
    expect(result.claims).toBeDefined();
  });
  it('iat after revoked → KEY_REVOKED', async () => {
    expect((await verifyAt(qrBy(revokedKey, NOW_SEC - 10), stateOf(keyed))).reasons).toEqual(['KEY_REVOKED']);
  });
  it('revoked: 0 refuses every token of that key, even one issued at its nbf', async () => {
    for (const iat of [NOW_SEC - 365 * DAY, NOW_SEC - 60, NOW_SEC]) {
      expect((await verifyAt(qrBy(revokedZeroKey, iat), stateOf(keyed))).reasons).toEqual(['KEY_REVOKED']);
    }
  });
  it('keys without revoked are not affected by another key being revoked', async () => {
    expect((await verifyAt(qrBy(world.issuerKey, NOW_SEC - 60), stateOf(keyed), NOW)).verdict).toBe('valid');
  });
});
