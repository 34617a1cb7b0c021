// §5 check 9: inflate ≤ 8 KiB, JSON, the §2.3 claim rules and the invisible-character rule.
// Every token here carries a good signature by a trusted key: check 9 alone must refuse it, and
// when it does, nothing from the payload may be shown (§9).
import { deflateSync as zlibDeflate, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrustState } from '../../../shared/verify/trust-state';
import type { VerificationResult } from '../../../shared/verify/result';
import { cardClaims, createTestWorld, type TestWorld } from '../../fixtures/test-world';
import { craftCardQr, deflateRaw, stateOf, verifyAt } from './support';

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

/** A deep copy of the fixture's valid e-SSC claims, changed by `change`. */
function claimsWith(change: (c: Json) => void, base: object = cardClaims()): Json {
  const c = structuredClone(base) as Json;
  change(c);
  return c;
}

async function verifyClaims(claims: unknown): Promise<VerificationResult> {
  return verifyAt(craftCardQr(world, { claims }), state);
}

function expectMalformedWithoutPayload(result: VerificationResult, ...secrets: string[]): void {
  expect(result.verdict).toBe('invalid');
  expect(result.reasons).toEqual(['MALFORMED']);
  expect(result.claims).toBeUndefined();
  expect(result.typ).toBeUndefined();
  expect(result.iss).toBeUndefined();
  const text = JSON.stringify(result);
  for (const secret of ['VAN DER BERG MARIA', 'NXK1234567', '156120241201000123', ...secrets]) {
    expect(text).not.toContain(secret);
  }
}

describe('check 9: inflate at most 8,192 bytes (no decompression bombs)', () => {
  /** Valid claims whose JSON is exactly `size` bytes, padded through an ignored unknown member. */
  function claimsJsonOfSize(size: number): string {
    const base = JSON.stringify({ ...cardClaims(), pad: '' });
    const json = JSON.stringify({ ...cardClaims(), pad: 'A'.repeat(size - Buffer.byteLength(base)) });
    expect(Buffer.byteLength(json)).toBe(size);
    return json;
  }

  it('claims inflating to exactly 8,192 bytes are accepted (valid)', async () => {
    const qr = craftCardQr(world, { claims: claimsJsonOfSize(8192) });
    expect(qr.length).toBeLessThanOrEqual(4296);
    const result = await verifyAt(qr, state);
    expect(result.verdict).toBe('valid');
    expect(JSON.stringify(result)).not.toContain('AAAAAAAA'); // the unknown member is never shown
  });

  it('claims inflating to 8,193 bytes → MALFORMED', async () => {
    expectMalformedWithoutPayload(
      await verifyAt(craftCardQr(world, { claims: claimsJsonOfSize(8193) }), state),
    );
  });

  it('a deflate bomb (≈ 1 MB of JSON in a QR-sized token) signed by a trusted key → MALFORMED', async () => {
    const bomb = JSON.stringify({ ...cardClaims(), pad: ' '.repeat(1_000_000) });
    const qr = craftCardQr(world, { claims: bomb });
    expect(qr.length).toBeLessThanOrEqual(4296);
    expectMalformedWithoutPayload(await verifyAt(qr, state));
  });

  it.each([
    ['not compressed at all', () => Buffer.from(JSON.stringify(cardClaims()))],
    ['zlib-wrapped DEFLATE', () => zlibDeflate(JSON.stringify(cardClaims()))],
    ['gzip', () => gzipSync(JSON.stringify(cardClaims()))],
    ['empty', () => new Uint8Array(0)],
    ['a truncated DEFLATE stream', () => deflateRaw(JSON.stringify(cardClaims())).subarray(0, 40)],
  ])('a payload that is %s → MALFORMED', async (_label, payload) => {
    expectMalformedWithoutPayload(
      await verifyAt(craftCardQr(world, { payload: new Uint8Array(payload()) }), state),
    );
  });
});

describe('check 9: the inflated payload is UTF-8 JSON holding an object', () => {
  it.each([
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d])],
    ['not JSON', new TextEncoder().encode('v=1;typ=essc')],
    ['a JSON array', new TextEncoder().encode(JSON.stringify([cardClaims()]))],
    ['a JSON string', new TextEncoder().encode('"essc"')],
    ['JSON null', new TextEncoder().encode('null')],
  ])('%s → MALFORMED', async (_label, bytes) => {
    expectMalformedWithoutPayload(await verifyAt(craftCardQr(world, { payload: deflateRaw(bytes) }), state));
  });
});

describe('§2.3 invisible and control characters (Cc, Cf, Zl, Zp) anywhere → MALFORMED', () => {
  const forbidden = [
    ['U+202E right-to-left override', '\u202e'],
    ['U+200B zero-width space', '\u200b'],
    ['U+FEFF zero-width no-break space', '\ufeff'],
    ['U+00AD soft hyphen', '\u00ad'],
    ['U+200D zero-width joiner', '\u200d'],
    ['U+2066 left-to-right isolate', '\u2066'],
    ['U+0000 NUL', '\u0000'],
    ['U+001B escape', '\u001b'],
    ['U+007F delete', '\u007f'],
    ['U+0085 next line', '\u0085'],
    ['U+2028 line separator', '\u2028'],
    ['U+2029 paragraph separator', '\u2029'],
  ] as const;

  it.each(forbidden)('%s in hd.name → MALFORMED', async (_label, ch) => {
    expectMalformedWithoutPayload(
      await verifyClaims(claimsWith((c) => (c.hd.name = `VAN DER${ch} BERG MARIA`))),
    );
  });

  it.each(forbidden)('%s in hd.cn, wp.emp and wp.job → MALFORMED', async (_label, ch) => {
    for (const change of [
      (c: Json) => (c.hd.cn = `玛丽${ch}亚`),
      (c: Json) => (c.wp.emp = `上海${ch}某某信息科技有限公司`),
      (c: Json) => (c.wp.job = `软件${ch}工程师`),
    ]) {
      expectMalformedWithoutPayload(await verifyClaims(claimsWith(change)));
    }
  });

  it.each(forbidden)('%s in an unknown member (top level and nested) → MALFORMED', async (_label, ch) => {
    expectMalformedWithoutPayload(await verifyClaims(claimsWith((c) => (c.note = `ok${ch}`))));
    expectMalformedWithoutPayload(
      await verifyClaims(claimsWith((c) => (c.wp.note = [`x`, { deep: `ok${ch}` }]))),
    );
  });

  it.each(forbidden)('%s in a member name → MALFORMED', async (_label, ch) => {
    expectMalformedWithoutPayload(await verifyClaims(claimsWith((c) => (c[`note${ch}`] = 'x'))));
    expectMalformedWithoutPayload(await verifyClaims(claimsWith((c) => (c.hd[`n${ch}ame`] = 'x'))));
  });

  it('a lone surrogate (\\ud800 escape in the JSON text) → MALFORMED', async () => {
    const json = JSON.stringify(cardClaims()).replace('"玛丽亚"', '"玛丽\\ud800亚"');
    expect(json).toContain('\\ud800');
    expectMalformedWithoutPayload(await verifyClaims(json));
  });

  it('a JSON escape \\u202e is the same character as the raw one → MALFORMED', async () => {
    const json = JSON.stringify(cardClaims()).replace('"VAN DER BERG MARIA"', '"VAN DER \\u202eBERG MARIA"');
    expectMalformedWithoutPayload(await verifyClaims(json));
  });

  it('visible non-ASCII text is fine: CJK, Latin with diacritics, combining marks', async () => {
    const claims = claimsWith((c) => {
      c.hd.name = "JOSE\u0301 O'NEIL-ÅSTRÖM JR.";
      c.hd.cn = '何塞·奥尼尔';
    });
    expect((await verifyClaims(claims)).verdict).toBe('valid');
  });
});

describe('§2.3 unknown members are ignored and never shown', () => {
  it('a __proto__ member (prototype pollution attempt) is an ignored unknown member', async () => {
    const json = JSON.stringify(cardClaims()).replace(
      '{"v":1,',
      '{"__proto__":{"typ":"wpn","polluted":"PROTOVALUE"},"v":1,',
    );
    expect(json).toContain('__proto__');
    const result = await verifyClaims(json);
    expect(result).toMatchObject({ verdict: 'valid', typ: 'essc' });
    expect(JSON.stringify(result)).not.toContain('PROTOVALUE');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('unknown members at every level leave the card valid and do not appear in the result', async () => {
    const claims = claimsWith((c) => {
      c.secretTop = 'UNKNOWNTOPVALUE';
      c.hd.secretHolder = 'UNKNOWNHOLDERVALUE';
      c.wp.secretPermit = { x: 'UNKNOWNPERMITVALUE' };
      c.ss.secretSs = 'UNKNOWNSSVALUE';
    });
    const result = await verifyClaims(claims);
    expect(result.verdict).toBe('valid');
    const text = JSON.stringify(result);
    for (const s of ['UNKNOWN', 'secretTop', 'secretHolder', 'secretPermit', 'secretSs'])
      expect(text).not.toContain(s);
  });
});
