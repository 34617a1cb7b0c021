// §5 checks 13–16: token times with skew, permit days in China Standard Time without skew.
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf, DEFAULT_SKEW_SECONDS } from '../../../shared/verify/verify-card';
import type { TrustState } from '../../../shared/verify/trust-state';
import {
  cardClaims,
  createTestWorld,
  DAY,
  NOW,
  NOW_SEC,
  wpnClaims,
  type TestWorld,
} from '../../fixtures/test-world';
import { atSec, craftCardQr, stateOf, trustListFor, verifyAt } from './support';

let world: TestWorld;
let state: TrustState;

beforeAll(async () => {
  world = await createTestWorld();
  // A list that stays unexpired for the dates below, so only token and permit times are judged.
  state = stateOf(await trustListFor(world, { expireAfter: 400 * DAY }));
});

const reasonsOf = async (claims: object, now: Date = NOW, skew?: number) =>
  (await verifyAt(craftCardQr(world, { claims }), state, now, skew)).reasons;

describe('default skew', () => {
  it('is 300 seconds', () => expect(DEFAULT_SKEW_SECONDS).toBe(300));
});

describe('check 13: iat ≤ now + skew (TOKEN_NOT_YET_VALID, invalid)', () => {
  const issuedAt = (iat: number) => cardClaims({ iat, exp: iat + 300 });

  it('iat = now + 300 → valid', async () => expect(await reasonsOf(issuedAt(NOW_SEC + 300))).toEqual([]));
  it('iat = now + 301 → TOKEN_NOT_YET_VALID', async () =>
    expect(await reasonsOf(issuedAt(NOW_SEC + 301))).toEqual(['TOKEN_NOT_YET_VALID']));
  it('iat = now + 300 with now 1 ms earlier → TOKEN_NOT_YET_VALID', async () =>
    expect(await reasonsOf(issuedAt(NOW_SEC + 300), atSec(NOW_SEC - 0.001))).toEqual([
      'TOKEN_NOT_YET_VALID',
    ]));
  it('skew 0: iat = now → valid, iat = now + 1 → TOKEN_NOT_YET_VALID', async () => {
    expect(await reasonsOf(issuedAt(NOW_SEC), NOW, 0)).toEqual([]);
    expect(await reasonsOf(issuedAt(NOW_SEC + 1), NOW, 0)).toEqual(['TOKEN_NOT_YET_VALID']);
  });
  it('the result still shows the claims (the signature held)', async () => {
    const result = await verifyAt(craftCardQr(world, { claims: issuedAt(NOW_SEC + 3600) }), state);
    expect(result).toMatchObject({ verdict: 'invalid', reasons: ['TOKEN_NOT_YET_VALID'] });
    expect(result.claims?.iat).toBe(NOW_SEC + 3600);
  });
});

describe('check 14: no exp, or now ≤ exp + skew (TOKEN_EXPIRED, invalid)', () => {
  const expiring = (exp: number) => cardClaims({ iat: exp - 300, exp });

  it('now = exp + 300 → valid', async () => expect(await reasonsOf(expiring(NOW_SEC - 300))).toEqual([]));
  it('now = exp + 301 → TOKEN_EXPIRED', async () =>
    expect(await reasonsOf(expiring(NOW_SEC - 301))).toEqual(['TOKEN_EXPIRED']));
  it('now = exp + 300.001 s → TOKEN_EXPIRED', async () =>
    expect(await reasonsOf(expiring(NOW_SEC - 300), atSec(NOW_SEC + 0.001))).toEqual(['TOKEN_EXPIRED']));
  it('skew 0: now = exp → valid, now = exp + 1 → TOKEN_EXPIRED', async () => {
    expect(await reasonsOf(expiring(NOW_SEC), NOW, 0)).toEqual([]);
    expect(await reasonsOf(expiring(NOW_SEC - 1), NOW, 0)).toEqual(['TOKEN_EXPIRED']);
  });
  it('a WPN without exp issued 200 days ago never expires as a token → valid', async () =>
    expect(await reasonsOf(wpnClaims({ iat: NOW_SEC - 200 * DAY }))).toEqual([]));
  it('a WPN with exp is held to it → TOKEN_EXPIRED', async () =>
    expect(await reasonsOf(wpnClaims({ iat: NOW_SEC - 2 * DAY, exp: NOW_SEC - DAY }))).toEqual([
      'TOKEN_EXPIRED',
    ]));
});

describe('chinaDateOf: today in UTC+8', () => {
  it.each([
    ['2026-11-30T15:59:59.999Z', '2026-11-30'],
    ['2026-11-30T16:00:00.000Z', '2026-12-01'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2028-02-28T16:00:00.000Z', '2028-02-29'],
    ['2026-11-22T08:00:00.000Z', '2026-11-22'],
  ])('%s is %s in China', (iso, day) => expect(chinaDateOf(new Date(iso))).toBe(day));
});

describe('checks 15–16: permit days are calendar days in UTC+8, with no skew', () => {
  /** Verifies at `iso` a card issued a minute earlier with the given permit days. */
  const permitAt = (iso: string, wp: { from?: string; to?: string }, skew?: number) => {
    const now = new Date(iso);
    const iat = Math.floor(now.getTime() / 1000) - 60;
    return reasonsOf(cardClaims({ iat, exp: iat + 300, wp }), now, skew);
  };

  it('wp.to = 2026-11-30 is valid at 2026-11-30T15:59:59Z (23:59:59 in Beijing)', async () =>
    expect(await permitAt('2026-11-30T15:59:59.000Z', { to: '2026-11-30' })).toEqual([]));
  it('wp.to = 2026-11-30 is valid at 2026-11-30T15:59:59.999Z', async () =>
    expect(await permitAt('2026-11-30T15:59:59.999Z', { to: '2026-11-30' })).toEqual([]));
  it('wp.to = 2026-11-30 is PERMIT_EXPIRED at 2026-11-30T16:00:00Z (00:00 on 1 December in Beijing)', async () =>
    expect(await permitAt('2026-11-30T16:00:00.000Z', { to: '2026-11-30' })).toEqual(['PERMIT_EXPIRED']));
  it('no skew on permit days: a one-day skew does not save PERMIT_EXPIRED', async () =>
    expect(await permitAt('2026-11-30T16:00:00.000Z', { to: '2026-11-30' }, DAY)).toEqual([
      'PERMIT_EXPIRED',
    ]));

  it('wp.from = 2026-11-23 is PERMIT_NOT_YET_VALID at 2026-11-22T15:59:59Z', async () =>
    expect(await permitAt('2026-11-22T15:59:59.000Z', { from: '2026-11-23' })).toEqual([
      'PERMIT_NOT_YET_VALID',
    ]));
  it('wp.from = 2026-11-23 is PERMIT_NOT_YET_VALID at 2026-11-22T15:59:59.999Z', async () =>
    expect(await permitAt('2026-11-22T15:59:59.999Z', { from: '2026-11-23' })).toEqual([
      'PERMIT_NOT_YET_VALID',
    ]));
  it('wp.from = 2026-11-23 is valid at 2026-11-22T16:00:00Z (00:00 on the 23rd in Beijing)', async () =>
    expect(await permitAt('2026-11-22T16:00:00.000Z', { from: '2026-11-23' })).toEqual([]));
  it('no skew on permit days: a one-day skew does not make a future permit valid', async () =>
    expect(await permitAt('2026-11-22T15:59:59.000Z', { from: '2026-11-23' }, DAY)).toEqual([
      'PERMIT_NOT_YET_VALID',
    ]));

  it('a one-day permit is valid for exactly its Beijing day', async () => {
    const day = { from: '2026-11-23', to: '2026-11-23' };
    expect(await permitAt('2026-11-22T15:59:59.999Z', day)).toEqual(['PERMIT_NOT_YET_VALID']);
    expect(await permitAt('2026-11-22T16:00:00.000Z', day)).toEqual([]);
    expect(await permitAt('2026-11-23T15:59:59.999Z', day)).toEqual([]);
    expect(await permitAt('2026-11-23T16:00:00.000Z', day)).toEqual(['PERMIT_EXPIRED']);
  });

  it('year boundary: wp.to = 2026-12-31 expires at 2026-12-31T16:00:00Z', async () => {
    expect(await permitAt('2026-12-31T15:59:59.999Z', { to: '2026-12-31' })).toEqual([]);
    expect(await permitAt('2026-12-31T16:00:00.000Z', { to: '2026-12-31' })).toEqual(['PERMIT_EXPIRED']);
  });
});
