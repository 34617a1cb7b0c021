// §2.3 claim table, one describe per row: values on both sides of each rule. A broken rule is
// MALFORMED with nothing shown; an accepted boundary is valid (or, for `iss`, only
// ISSUER_MISMATCH, which proves check 9 passed).
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrustState } from '../../../shared/verify/trust-state';
import type { VerificationResult } from '../../../shared/verify/result';
import { cardClaims, createTestWorld, NOW_SEC, wpnClaims, type TestWorld } from '../../fixtures/test-world';
import { craftCardQr, stateOf, verifyAt } from './support';

let world: TestWorld;
let state: TrustState;

beforeAll(async () => {
  world = await createTestWorld();
  state = stateOf(world.trustList);
});

type Json = Record<string, unknown> & {
  hd: Record<string, unknown>;
  wp: Record<string, unknown>;
  ss: Record<string, unknown>;
};
type Change = (c: Json) => void;

function claimsWith(change: Change, base: object = cardClaims()): Json {
  const c = structuredClone(base) as Json;
  change(c);
  return c;
}

async function verifyClaims(claims: unknown): Promise<VerificationResult> {
  return verifyAt(craftCardQr(world, { claims }), state);
}

async function expectRefused(change: Change, base?: object): Promise<void> {
  const result = await verifyClaims(claimsWith(change, base));
  expect(result.reasons).toEqual(['MALFORMED']);
  expect(result.claims).toBeUndefined();
  expect(JSON.stringify(result)).not.toContain('VAN DER BERG');
}

async function verifyAccepted(change: Change, base?: object): Promise<VerificationResult> {
  const result = await verifyClaims(claimsWith(change, base));
  expect(result.reasons).toEqual([]);
  expect(result.verdict).toBe('valid');
  return result;
}

async function expectAccepted(change: Change, base?: object): Promise<void> {
  await verifyAccepted(change, base);
}

const del = (obj: Record<string, unknown>, key: string) => {
  delete obj[key];
};
const astral = (n: number) => '𠀀'.repeat(n); // U+20000, a CJK letter outside the BMP: 2 UTF-16 units

describe('§2.3 v: 1', () => {
  it.each([2, 0, '1', null, 1.5])('v %j → MALFORMED', async (v) => expectRefused((c) => (c.v = v)));
  it('v missing → MALFORMED', async () => expectRefused((c) => del(c, 'v')));
});

describe('§2.3 typ: essc (exp and ss required) or wpn (ss absent, exp optional)', () => {
  it.each(['ESSC', 'card', '', null])('typ %j → MALFORMED', async (typ) =>
    expectRefused((c) => (c.typ = typ)),
  );
  it('typ missing → MALFORMED', async () => expectRefused((c) => del(c, 'typ')));
  it('essc without exp → MALFORMED', async () => expectRefused((c) => del(c, 'exp')));
  it('essc without ss → MALFORMED', async () => expectRefused((c) => del(c, 'ss')));
  it('wpn with ss → MALFORMED', async () => expectRefused((c) => (c.ss = cardClaims().ss!), wpnClaims()));
  it('wpn without exp and without ss → valid, typ reported as wpn', async () => {
    const result = await verifyAccepted(() => {}, wpnClaims());
    expect(result.typ).toBe('wpn');
    expect(result.claims?.exp).toBeUndefined();
  });
  it('wpn with exp → valid', async () => expectAccepted((c) => (c.exp = NOW_SEC + 3600), wpnClaims()));
});

describe('§2.3 iss: 1–32 chars [A-Z0-9-]', () => {
  it.each([
    ['empty', ''],
    ['lower case', 'cn-310000'],
    ['33 chars', 'A'.repeat(33)],
    ['an underscore', 'CN_310000'],
    ['a space', 'CN 310000'],
    ['a number', 310000],
  ])('iss %s → MALFORMED', async (_label, iss) => expectRefused((c) => (c.iss = iss)));

  it.each([
    ['1 char', 'X'],
    ['32 chars', 'A'.repeat(32)],
  ])('iss of %s passes the claim rule (only ISSUER_MISMATCH follows)', async (_label, iss) => {
    const result = await verifyClaims(claimsWith((c) => (c.iss = iss)));
    expect(result.reasons).toEqual(['ISSUER_MISMATCH']);
    expect(result.iss).toBe(iss);
  });
});

describe('§2.3 iat, exp: integers, exp > iat when present', () => {
  it.each([
    ['a fraction', NOW_SEC - 60.5],
    ['a string', String(NOW_SEC - 60)],
    ['a boolean', true],
    ['null', null],
  ])('iat %s → MALFORMED', async (_label, iat) => expectRefused((c) => (c.iat = iat)));

  it('iat missing → MALFORMED', async () => expectRefused((c) => del(c, 'iat')));
  it('exp a fraction → MALFORMED', async () => expectRefused((c) => (c.exp = (c.iat as number) + 0.5)));
  it('exp = iat → MALFORMED', async () => expectRefused((c) => (c.exp = c.iat)));
  it('exp < iat → MALFORMED', async () => expectRefused((c) => (c.exp = (c.iat as number) - 1)));
  it('exp = iat + 1 → valid', async () => expectAccepted((c) => (c.exp = (c.iat as number) + 1)));
});

describe('§2.3 jti: 16–32 b64u chars', () => {
  it.each([
    ['15 chars', 'A'.repeat(15)],
    ['33 chars', 'A'.repeat(33)],
    ['a + sign', 'q3VbW0l8Sg2uJx1Z+9tQ5w'],
    ['padding', 'q3VbW0l8Sg2uJx1Zr9tQ5w=='],
    ['empty', ''],
  ])('jti %s → MALFORMED', async (_label, jti) => expectRefused((c) => (c.jti = jti)));
  it('jti missing → MALFORMED', async () => expectRefused((c) => del(c, 'jti')));
  it.each([16, 32])('jti of %i chars → valid', async (n) =>
    expectAccepted((c) => (c.jti = 'a-_Z'.repeat(8).slice(0, n))),
  );
});

describe("§2.3 hd.name: 1–80 code points of letters, combining marks, space, - . '", () => {
  it.each([
    ['empty', ''],
    ['81 Latin letters', 'A'.repeat(81)],
    ['81 astral letters', astral(81)],
    ['a digit', 'MARIA 2'],
    ['a comma', 'BERG, MARIA'],
    ['an @', 'MARIA@X'],
    ['a slash', 'A/B'],
    ['an emoji', 'MARIA 😀'],
    ['a number', 42],
  ])('name %s → MALFORMED', async (_label, name) => expectRefused((c) => (c.hd.name = name)));
  it('name missing → MALFORMED', async () => expectRefused((c) => del(c.hd, 'name')));

  it('80 Latin letters → valid', async () => expectAccepted((c) => (c.hd.name = 'A'.repeat(80))));
  it('80 astral letters (160 UTF-16 units, counted as 80 code points) → valid', async () =>
    expectAccepted((c) => (c.hd.name = astral(80))));
  it("letters, marks, space, - . ' → valid", async () =>
    expectAccepted((c) => (c.hd.name = "D'ARC-SMITH J.\u0301 ÉLODIE")));
});

describe('§2.3 hd.cn: optional, 1–30 code points', () => {
  it('absent → valid', async () => expectAccepted((c) => del(c.hd, 'cn')));
  it('30 astral characters (60 UTF-16 units) → valid', async () =>
    expectAccepted((c) => (c.hd.cn = astral(30))));
  it('30 CJK characters → valid', async () => expectAccepted((c) => (c.hd.cn = '玛'.repeat(30))));
  it('31 astral characters → MALFORMED', async () => expectRefused((c) => (c.hd.cn = astral(31))));
  it('31 CJK characters → MALFORMED', async () => expectRefused((c) => (c.hd.cn = '玛'.repeat(31))));
  it('empty → MALFORMED', async () => expectRefused((c) => (c.hd.cn = '')));
  it('null → MALFORMED', async () => expectRefused((c) => (c.hd.cn = null)));
});

describe('§2.3 hd.sex: M or F', () => {
  it.each(['X', 'm', 'f', '', 'MALE', null])('sex %j → MALFORMED', async (sex) =>
    expectRefused((c) => (c.hd.sex = sex)),
  );
  it('sex M → valid', async () => expectAccepted((c) => (c.hd.sex = 'M')));
});

describe('§2.3 dates: real calendar dates YYYY-MM-DD (hd.dob, wp.from, wp.to)', () => {
  const badDates = [
    '2025-02-29', // not a leap year
    '1900-02-29', // century, not a leap year
    '1988-02-30',
    '1988-04-31',
    '1988-13-01',
    '1988-00-10',
    '1988-03-00',
    '1988-3-14',
    '88-03-14',
    '19880314',
    '1988-03-14T00:00:00Z',
    '1988/03/14',
    ' 1988-03-14',
    '',
  ];
  it.each(badDates)('hd.dob %j → MALFORMED', async (d) => expectRefused((c) => (c.hd.dob = d)));
  it.each(['2025-02-29', '2024-06-31', '2024-1-01'])('wp.from %j → MALFORMED', async (d) =>
    expectRefused((c) => (c.wp.from = d)),
  );
  it.each(['2027-02-29', '2026-11-31', '2026-11-30 '])('wp.to %j → MALFORMED', async (d) =>
    expectRefused((c) => (c.wp.to = d)),
  );
  it('hd.dob as a number → MALFORMED', async () => expectRefused((c) => (c.hd.dob = 19880314)));

  it.each(['2024-02-29', '2000-02-29', '1988-12-31'])('hd.dob %s (a real day) → valid', async (d) =>
    expectAccepted((c) => (c.hd.dob = d)),
  );
});

describe('§2.3 wp.from ≤ wp.to', () => {
  it('from one day after to → MALFORMED', async () =>
    expectRefused((c) => {
      c.wp.from = '2026-12-01';
      c.wp.to = '2026-11-30';
    }));
  it('from = to (today in UTC+8) → valid', async () =>
    expectAccepted((c) => {
      c.wp.from = '2026-11-22';
      c.wp.to = '2026-11-22';
    }));
});

describe('§2.3 hd.nat: [A-Z]{3}', () => {
  it.each(['NL', 'nld', 'NLDX', 'N1D', ''])('nat %j → MALFORMED', async (nat) =>
    expectRefused((c) => (c.hd.nat = nat)),
  );
});

describe('§2.3 hd.pp: 5–20 chars [A-Z0-9]', () => {
  it.each(['NXK1', 'N'.repeat(21), 'nxk1234567', 'NXK-123456', 'NXK 123456'])(
    'pp %j → MALFORMED',
    async (pp) => expectRefused((c) => (c.hd.pp = pp)),
  );
  it.each(['NXK12', 'N'.repeat(20)])('pp %j → valid', async (pp) => expectAccepted((c) => (c.hd.pp = pp)));
});

describe('§2.3 wp.no: 10–24 chars [0-9A-Z]', () => {
  it.each(['156120241', '1'.repeat(25), '15612024120100012a', '1561-20241201'])(
    'wp.no %j → MALFORMED',
    async (no) => expectRefused((c) => (c.wp.no = no)),
  );
  it.each(['1561202412', 'A'.repeat(24)])('wp.no %j → valid', async (no) =>
    expectAccepted((c) => (c.wp.no = no)),
  );
});

describe('§2.3 wp.cat: A, B or C', () => {
  it.each(['D', 'b', '', 'AB'])('cat %j → MALFORMED', async (cat) => expectRefused((c) => (c.wp.cat = cat)));
  it.each(['A', 'C'])('cat %s → valid', async (cat) => expectAccepted((c) => (c.wp.cat = cat)));
});

describe('§2.3 wp.emp: 1–100 code points', () => {
  it('empty → MALFORMED', async () => expectRefused((c) => (c.wp.emp = '')));
  it('101 characters → MALFORMED', async () => expectRefused((c) => (c.wp.emp = '某'.repeat(101))));
  it('missing → MALFORMED', async () => expectRefused((c) => del(c.wp, 'emp')));
  it('100 astral characters → valid', async () => expectAccepted((c) => (c.wp.emp = astral(100))));
});

describe('§2.3 wp.uscc: 18 chars [0-9A-Z]', () => {
  it.each(['91310115MA1K4ABC1', '91310115MA1K4ABC1XY', '91310115ma1k4abc1x', '91310115-A1K4ABC1X'])(
    'uscc %j → MALFORMED',
    async (uscc) => expectRefused((c) => (c.wp.uscc = uscc)),
  );
});

describe('§2.3 wp.job: optional, 1–60 code points', () => {
  it('absent → valid', async () => expectAccepted((c) => del(c.wp, 'job')));
  it('60 characters → valid', async () => expectAccepted((c) => (c.wp.job = astral(60))));
  it('61 characters → MALFORMED', async () => expectRefused((c) => (c.wp.job = '工'.repeat(61))));
  it('empty → MALFORMED', async () => expectRefused((c) => (c.wp.job = '')));
});

describe('§2.3 wp.area, ss.area: 6-digit division code', () => {
  it.each(['31011', '3101150', '31011A', '３１０１１５', ''])('wp.area %j → MALFORMED', async (area) =>
    expectRefused((c) => (c.wp.area = area)),
  );
  it.each(['31000', '3100000', 310000])('ss.area %j → MALFORMED', async (area) =>
    expectRefused((c) => (c.ss.area = area)),
  );
});

describe('§2.3 ss.no: 15–20 chars [0-9A-Z]', () => {
  it.each(['9NLD1988031400', '9'.repeat(21), '9nld19880314001x'])('ss.no %j → MALFORMED', async (no) =>
    expectRefused((c) => (c.ss.no = no)),
  );
  it.each(['9NLD19880314001', '9'.repeat(20)])('ss.no %j → valid', async (no) =>
    expectAccepted((c) => (c.ss.no = no)),
  );
});

describe('§2.3 structure: hd, wp (and ss for essc) are objects', () => {
  it.each(['hd', 'wp'])('%s missing → MALFORMED', async (key) => expectRefused((c) => del(c, key)));
  it.each([
    ['hd an array', (c: Record<string, unknown>) => (c.hd = [c.hd])],
    ['wp a string', (c: Record<string, unknown>) => (c.wp = 'permit')],
    ['ss null', (c: Record<string, unknown>) => (c.ss = null)],
  ])('%s → MALFORMED', async (_label, change) => expectRefused(change));
});
