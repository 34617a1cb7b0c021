// §5 result: check 17 (PERMIT_REVOKED), the warnings, verdict precedence, several reasons at
// once, and what may appear in the output (§9: nothing from an unverified payload).
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeQrText } from '../../../shared/codec/numeric-qr';
import { MemoryRevocationSet } from '../../../shared/revocation/memory-revocation-set';
import { revocationHash } from '../../../shared/revocation/revocation-list';
import type { TrustList } from '../../../shared/trust/trust-list';
import {
  INDETERMINATE_REASONS,
  INVALID_REASONS,
  WARNINGS,
  type VerificationResult,
} from '../../../shared/verify/result';
import type { RevocationView } from '../../../shared/verify/trust-state';
import {
  cardClaims,
  createTestWorld,
  DAY,
  issueQr,
  NOW,
  NOW_SEC,
  type TestWorld,
} from '../../fixtures/test-world';
import { generateSigningKeyPair } from '../../../work-system/issuer';
import {
  atSec,
  craftCardJws,
  craftCardQr,
  revocationsWith,
  stateOf,
  trustListFor,
  verifyAt,
} from './support';

const HOLDER = 'ZZTOPSECRET HOLDERNAME';
const PERMIT_NO = '9991202412010009876';
const EMPLOYER = '绝密雇主有限公司';
const JTI = 'UNIQUEjtiVALUE0123456789';

let world: TestWorld;
let revokedSet: MemoryRevocationSet;

/** Claims whose every shown value is easy to search for in a serialised result. */
const secretClaims = (extra: Parameters<typeof cardClaims>[0] = {}) =>
  cardClaims({
    jti: JTI,
    ...extra,
    hd: { name: HOLDER, ...extra.hd },
    wp: { no: PERMIT_NO, emp: EMPLOYER, ...extra.wp },
  });

function expectNoPayloadValue(result: VerificationResult): void {
  expect(result.claims).toBeUndefined();
  expect(result.typ).toBeUndefined();
  expect(result.iss).toBeUndefined();
  const text = JSON.stringify(result);
  for (const value of [
    HOLDER,
    'ZZTOPSECRET',
    PERMIT_NO,
    EMPLOYER,
    JTI,
    'CN-310000',
    'NXK1234567',
    '9NLD19880314001X',
    '1988-03-14',
  ]) {
    expect(text).not.toContain(value);
  }
}

beforeAll(async () => {
  world = await createTestWorld();
  revokedSet = await revocationsWith(world, { iat: NOW_SEC - 3600, add: [await revocationHash(PERMIT_NO)] });
});

describe('check 17: h(wp.no) not in the revocation set (PERMIT_REVOKED, invalid)', () => {
  it('a permit whose hash is in the applied set → PERMIT_REVOKED, claims shown', async () => {
    const result = await verifyAt(
      craftCardQr(world, { claims: secretClaims() }),
      stateOf(world.trustList, revokedSet),
    );
    expect(result).toMatchObject({
      verdict: 'invalid',
      reasons: ['PERMIT_REVOKED'],
      warnings: [],
      revocationSeq: 120,
    });
    expect(result.claims?.wp.no).toBe(PERMIT_NO);
  });

  it('another permit number is not affected → valid', async () => {
    const result = await verifyAt(
      craftCardQr(world, { claims: cardClaims() }),
      stateOf(world.trustList, revokedSet),
    );
    expect(result).toMatchObject({ verdict: 'valid', reasons: [], warnings: [] });
  });

  it('a permit number one digit apart is not affected', async () => {
    const claims = secretClaims({ wp: { no: PERMIT_NO.replace(/6$/, '7') } });
    expect(
      (await verifyAt(craftCardQr(world, { claims }), stateOf(world.trustList, revokedSet))).reasons,
    ).toEqual([]);
  });

  it('an asynchronous revocation view (IndexedDB-like) is awaited', async () => {
    const h = await revocationHash(PERMIT_NO);
    const view: RevocationView = {
      meta: { seq: 5, iat: NOW_SEC, staleAfter: DAY },
      has: async (x) => x === h,
    };
    const result = await verifyAt(craftCardQr(world, { claims: secretClaims() }), {
      trustList: world.trustList,
      revocations: view,
    });
    expect(result).toMatchObject({ reasons: ['PERMIT_REVOKED'], revocationSeq: 5 });
  });
});

describe('warnings: TRUST_LIST_STALE at now ≥ trust.iat + staleAfter', () => {
  const staleAt = NOW_SEC - DAY + 7 * DAY;
  const at = async (nowSec: number) =>
    verifyAt(
      craftCardQr(world, {
        claims: cardClaims({
          iat: Math.floor(nowSec) - 60,
          exp: Math.floor(nowSec) + 240,
          wp: { to: '2030-01-01' },
        }),
      }),
      stateOf(world.trustList, revokedSet),
      atSec(nowSec),
    );

  it('one second before → no TRUST_LIST_STALE', async () =>
    expect((await at(staleAt - 1)).warnings).not.toContain('TRUST_LIST_STALE'));
  it('1 ms before → no TRUST_LIST_STALE', async () =>
    expect((await at(staleAt - 0.001)).warnings).not.toContain('TRUST_LIST_STALE'));
  it('exactly iat + staleAfter → TRUST_LIST_STALE, verdict still valid', async () => {
    const result = await at(staleAt);
    expect(result).toMatchObject({
      verdict: 'valid',
      reasons: [],
      warnings: expect.arrayContaining(['TRUST_LIST_STALE']),
    });
  });
});

describe('warnings: REVOCATIONS_UNAVAILABLE when no revocation list is applied', () => {
  it('revocations null → REVOCATIONS_UNAVAILABLE, verdict still valid, revocationSeq null', async () => {
    const result = await verifyAt(await issueQr(world), stateOf(world.trustList, null));
    expect(result).toMatchObject({
      verdict: 'valid',
      warnings: ['REVOCATIONS_UNAVAILABLE'],
      revocationSeq: null,
    });
  });

  it('an empty set with nothing applied → REVOCATIONS_UNAVAILABLE', async () => {
    const result = await verifyAt(await issueQr(world), stateOf(world.trustList, new MemoryRevocationSet()));
    expect(result).toMatchObject({
      verdict: 'valid',
      warnings: ['REVOCATIONS_UNAVAILABLE'],
      revocationSeq: null,
    });
  });
});

describe('warnings: REVOCATIONS_STALE at now ≥ rev.iat + staleAfter', () => {
  const revIat = NOW_SEC - 2 * DAY;
  const set = (staleAfter: number) => revocationsWith(world, { iat: revIat, staleAfter, add: [] });

  it('one second before → no warning', async () => {
    const result = await verifyAt(await issueQr(world), stateOf(world.trustList, await set(2 * DAY + 1)));
    expect(result.warnings).toEqual([]);
  });

  it('exactly rev.iat + staleAfter → REVOCATIONS_STALE, verdict still valid', async () => {
    const result = await verifyAt(await issueQr(world), stateOf(world.trustList, await set(2 * DAY)));
    expect(result).toMatchObject({ verdict: 'valid', warnings: ['REVOCATIONS_STALE'] });
  });
});

describe('§9 warnings are computed even when evaluation stops early', () => {
  let staleList: TrustList;
  let staleRevocations: MemoryRevocationSet;
  beforeAll(async () => {
    staleList = await trustListFor(world, { iat: NOW_SEC - 8 * DAY });
    staleRevocations = await revocationsWith(world, { iat: NOW_SEC - 3 * DAY, staleAfter: DAY, add: [] });
  });

  it('MALFORMED with a stale trust list and no revocations → both warnings', async () => {
    const result = await verifyAt('not a card', stateOf(staleList));
    expect(result).toMatchObject({
      verdict: 'invalid',
      reasons: ['MALFORMED'],
      warnings: ['TRUST_LIST_STALE', 'REVOCATIONS_UNAVAILABLE'],
    });
  });

  it('MALFORMED (oversize) with stale revocations → REVOCATIONS_STALE', async () => {
    const result = await verifyAt('1'.repeat(5000), stateOf(world.trustList, staleRevocations));
    expect(result).toMatchObject({ reasons: ['MALFORMED'], warnings: ['REVOCATIONS_STALE'] });
  });

  it('ALG_NOT_ALLOWED → warnings still reported', async () => {
    const qr = craftCardQr(world, { header: { alg: 'HS256' }, claims: cardClaims() });
    expect((await verifyAt(qr, stateOf(staleList, staleRevocations))).warnings).toEqual([
      'TRUST_LIST_STALE',
      'REVOCATIONS_STALE',
    ]);
  });

  it('NO_TRUST_LIST with stale revocations → REVOCATIONS_STALE', async () => {
    const result = await verifyAt(await issueQr(world), stateOf(null, staleRevocations));
    expect(result).toMatchObject({
      verdict: 'indeterminate',
      reasons: ['NO_TRUST_LIST'],
      warnings: ['REVOCATIONS_STALE'],
      revocationSeq: 120,
    });
  });

  it('NO_TRUST_LIST and nothing at all → REVOCATIONS_UNAVAILABLE', async () => {
    expect((await verifyAt(await issueQr(world), stateOf(null))).warnings).toEqual([
      'REVOCATIONS_UNAVAILABLE',
    ]);
  });
});

describe('several reasons at once, reported in check order', () => {
  it('issuer, key window, token and permit times and revocation all fail together', async () => {
    const narrowKey = await generateSigningKeyPair();
    const [shanghai, beijing] = world.trustContent.issuers;
    const list = await trustListFor(world, {
      issuers: [
        shanghai!,
        { ...beijing!, keys: [{ pair: narrowKey, nbf: NOW_SEC - 10 * DAY, exp: NOW_SEC - 5 * DAY }] },
      ],
    });
    const claims = secretClaims({
      iss: 'CN-310000', // the key belongs to CN-110000
      iat: NOW_SEC - 4 * DAY, // after the key's exp
      exp: NOW_SEC - 4 * DAY + 300,
      wp: { from: '2024-12-01', to: '2026-11-21' },
    });
    const result = await verifyAt(
      craftCardQr(world, { signer: narrowKey, claims }),
      stateOf(list, revokedSet),
    );
    expect(result.reasons).toEqual([
      'ISSUER_MISMATCH',
      'KEY_NOT_VALID',
      'TOKEN_EXPIRED',
      'PERMIT_EXPIRED',
      'PERMIT_REVOKED',
    ]);
    expect(result.verdict).toBe('invalid');
    expect(result.claims?.hd.name).toBe(HOLDER);
  });

  it('TOKEN_NOT_YET_VALID together with PERMIT_NOT_YET_VALID', async () => {
    const claims = secretClaims({
      iat: NOW_SEC + 3600,
      exp: NOW_SEC + 3900,
      wp: { from: '2026-12-01', to: '2027-12-01' },
    });
    expect((await verifyAt(craftCardQr(world, { claims }), stateOf(world.trustList))).reasons).toEqual([
      'TOKEN_NOT_YET_VALID',
      'PERMIT_NOT_YET_VALID',
    ]);
  });
});

describe('verdict precedence: invalid beats indeterminate beats valid', () => {
  let behindList: TrustList;
  beforeAll(async () => {
    behindList = await trustListFor(world, { iat: NOW_SEC + 3600 });
  });

  it('CLOCK_BEHIND alone → indeterminate', async () => {
    const result = await verifyAt(await issueQr(world), stateOf(behindList));
    expect(result).toMatchObject({ verdict: 'indeterminate', reasons: ['CLOCK_BEHIND'] });
  });

  it('CLOCK_BEHIND + TOKEN_EXPIRED → invalid', async () => {
    const claims = cardClaims({ iat: NOW_SEC - 3600, exp: NOW_SEC - 3000 });
    const result = await verifyAt(craftCardQr(world, { claims }), stateOf(behindList));
    expect(result).toMatchObject({ verdict: 'invalid', reasons: ['CLOCK_BEHIND', 'TOKEN_EXPIRED'] });
  });

  it('TRUST_LIST_EXPIRED + PERMIT_REVOKED → invalid', async () => {
    const old = await trustListFor(world, { iat: NOW_SEC - 31 * DAY });
    const result = await verifyAt(craftCardQr(world, { claims: secretClaims() }), stateOf(old, revokedSet));
    expect(result).toMatchObject({ verdict: 'invalid', reasons: ['TRUST_LIST_EXPIRED', 'PERMIT_REVOKED'] });
  });

  it('TRUST_LIST_EXPIRED alone → indeterminate, with claims (the signature held)', async () => {
    const old = await trustListFor(world, { iat: NOW_SEC - 31 * DAY });
    const result = await verifyAt(await issueQr(world), stateOf(old, revokedSet));
    expect(result).toMatchObject({ verdict: 'indeterminate', reasons: ['TRUST_LIST_EXPIRED'] });
    expect(result.claims).toBeDefined();
  });

  it('the reason lists partition into invalid and indeterminate exactly as §5 says', () => {
    expect([...INDETERMINATE_REASONS].sort()).toEqual([
      'CLOCK_BEHIND',
      'NO_TRUST_LIST',
      'TRUST_LIST_EXPIRED',
    ]);
    expect([...INVALID_REASONS].sort()).toEqual(
      [
        'MALFORMED',
        'ALG_NOT_ALLOWED',
        'UNKNOWN_KEY',
        'BAD_SIGNATURE',
        'ISSUER_MISMATCH',
        'KEY_NOT_VALID',
        'KEY_REVOKED',
        'TOKEN_NOT_YET_VALID',
        'TOKEN_EXPIRED',
        'PERMIT_NOT_YET_VALID',
        'PERMIT_EXPIRED',
        'PERMIT_REVOKED',
      ].sort(),
    );
    expect([...WARNINGS].sort()).toEqual([
      'REVOCATIONS_STALE',
      'REVOCATIONS_UNAVAILABLE',
      'TRUST_LIST_STALE',
    ]);
  });
});

describe('§9 claims, typ and iss are absent whenever check 9 or an earlier one fails', () => {
  const cases: [string, () => Promise<VerificationResult>][] = [
    [
      'MALFORMED (header)',
      async () =>
        verifyAt(
          craftCardQr(world, { header: { zip: 'GZIP' }, claims: secretClaims() }),
          stateOf(world.trustList),
        ),
    ],
    [
      'ALG_NOT_ALLOWED',
      async () =>
        verifyAt(
          craftCardQr(world, { header: { alg: 'ES384' }, claims: secretClaims() }),
          stateOf(world.trustList),
        ),
    ],
    ['NO_TRUST_LIST', async () => verifyAt(craftCardQr(world, { claims: secretClaims() }), stateOf(null))],
    [
      'UNKNOWN_KEY',
      async () => {
        const stranger = await generateSigningKeyPair();
        return verifyAt(
          craftCardQr(world, { signer: stranger, claims: secretClaims() }),
          stateOf(world.trustList),
        );
      },
    ],
    [
      'BAD_SIGNATURE',
      async () => {
        const [h, p] = craftCardJws(world, { claims: secretClaims() }).split('.');
        const [, , s] = craftCardJws(world, { claims: cardClaims() }).split('.');
        return verifyAt(encodeQrText(`${h}.${p}.${s}`), stateOf(world.trustList));
      },
    ],
    [
      'MALFORMED (claim rule: bad dob)',
      async () =>
        verifyAt(
          craftCardQr(world, { claims: secretClaims({ hd: { dob: '2025-02-29' } }) }),
          stateOf(world.trustList),
        ),
    ],
    [
      'MALFORMED (invisible character in an unknown member)',
      async () =>
        verifyAt(
          craftCardQr(world, { claims: { ...secretClaims(), x: '\u200b' } }),
          stateOf(world.trustList),
        ),
    ],
    [
      'MALFORMED (inflated over 8 KiB)',
      async () =>
        verifyAt(
          craftCardQr(world, { claims: { ...secretClaims(), pad: 'x'.repeat(9000) } }),
          stateOf(world.trustList),
        ),
    ],
    [
      'CLOCK_BEHIND + MALFORMED claims',
      async () =>
        verifyAt(
          craftCardQr(world, { claims: secretClaims({ v: 2 as never }) }),
          stateOf(await trustListFor(world, { iat: NOW_SEC + 3600 })),
        ),
    ],
  ];

  it.each(cases)(
    '%s: no claims, no typ, no iss, and no payload value anywhere in the output',
    async (_label, run) => {
      const result = await run();
      expect(result.verdict).not.toBe('valid');
      expectNoPayloadValue(result);
    },
  );

  it('the same claims, validly signed, do show (so the search above can fail)', async () => {
    const result = await verifyAt(craftCardQr(world, { claims: secretClaims() }), stateOf(world.trustList));
    expect(result.verdict).toBe('valid');
    expect(JSON.stringify(result)).toContain(HOLDER);
    expect(JSON.stringify(result)).toContain(PERMIT_NO);
  });
});

describe('§5 result shape', () => {
  it('a valid card: verdict, reasons, warnings, typ, iss, kid, claims, checkedAt, trustSeq, revocationSeq', async () => {
    const result = await verifyAt(
      craftCardQr(world, { claims: secretClaims() }),
      stateOf(world.trustList, await revocationsWith(world, { iat: NOW_SEC, add: [] })),
    );
    expect(result).toEqual({
      verdict: 'valid',
      reasons: [],
      warnings: [],
      typ: 'essc',
      iss: 'CN-310000',
      kid: world.issuerKey.kid,
      claims: secretClaims(),
      checkedAt: '2026-11-22T08:00:00.000Z',
      trustSeq: 17,
      revocationSeq: 120,
    });
  });

  it('a card issued by work-system/issuer is valid', async () => {
    expect((await verifyAt(await issueQr(world), stateOf(world.trustList))).verdict).toBe('valid');
  });

  it.each(['', 'essc:/', 'essc:/99', 'garbage'])(
    'reasons and warnings are arrays even for %j',
    async (text) => {
      for (const state of [stateOf(null), stateOf(world.trustList, revokedSet)]) {
        const result = await verifyAt(text, state);
        expect(Array.isArray(result.reasons)).toBe(true);
        expect(Array.isArray(result.warnings)).toBe(true);
        expect(result.checkedAt).toBe(NOW.toISOString());
      }
    },
  );

  it('a valid result survives a JSON round trip unchanged (plain data only)', async () => {
    const result = await verifyAt(await issueQr(world), stateOf(world.trustList, revokedSet));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
