// §5 checks 1–3 (format, alg, header members) and §9's input clarifications, with hostile
// tokens signed by a trusted key so that only the rule under test can refuse them.
import { createHmac, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeQrText } from '../../../shared/codec/numeric-qr';
import type { TrustState } from '../../../shared/verify/trust-state';
import { cardClaims, createTestWorld, type TestWorld } from '../../fixtures/test-world';
import { b64u, cardHeader, craftCardJws, craftCardQr, deflateRaw, stateOf, verifyAt } from './support';

let world: TestWorld;
let state: TrustState;
let validQr: string;
let validJws: string;

beforeAll(async () => {
  world = await createTestWorld();
  state = stateOf(world.trustList);
  validJws = craftCardJws(world, { claims: cardClaims() });
  validQr = encodeQrText(validJws);
});

async function verdictOf(qr: string) {
  const result = await verifyAt(qr, state);
  return { verdict: result.verdict, reasons: result.reasons, claims: result.claims };
}

const MALFORMED = { verdict: 'invalid', reasons: ['MALFORMED'], claims: undefined };
const ALG_NOT_ALLOWED = { verdict: 'invalid', reasons: ['ALG_NOT_ALLOWED'], claims: undefined };

describe('baseline: a well-formed card from the test world', () => {
  it('is valid (so every refusal below is caused by the one thing changed)', async () => {
    expect(await verdictOf(validQr)).toMatchObject({ verdict: 'valid', reasons: [] });
  });
});

describe('check 1: size — more than 4,296 characters is MALFORMED, counted before trimming', () => {
  it('a valid token padded with spaces to exactly 4,296 characters is valid', async () => {
    const padded = validQr + ' '.repeat(4296 - validQr.length);
    expect(padded.length).toBe(4296);
    expect((await verdictOf(padded)).verdict).toBe('valid');
  });

  it('the same token padded to 4,297 characters is MALFORMED', async () => {
    expect(await verdictOf(validQr + ' '.repeat(4297 - validQr.length))).toEqual(MALFORMED);
    const leading = '\r\n\t '.repeat(1100).slice(0, 4297 - validQr.length) + validQr;
    expect(leading.length).toBe(4297);
    expect(await verdictOf(leading)).toEqual(MALFORMED);
    expect((await verdictOf(leading.slice(1))).verdict).toBe('valid');
  });

  it('a 4,297-character all-digit text is MALFORMED', async () => {
    expect(await verdictOf(`essc:/${'0'.repeat(4291)}`)).toEqual(MALFORMED);
  });
});

describe('check 1: prefix and trimming', () => {
  it.each(['ESSC:/', 'Essc:/', 'eSsC:/'])('prefix %s is matched case-insensitively', async (prefix) => {
    expect((await verdictOf(prefix + validQr.slice(6))).verdict).toBe('valid');
  });

  it('leading/trailing space, TAB, CR and LF are trimmed', async () => {
    expect((await verdictOf(` \t\r\n${validQr}\r\n`)).verdict).toBe('valid');
  });

  it.each([
    ['U+00A0', '\u00a0'],
    ['U+3000', '\u3000'],
    ['U+FEFF', '\ufeff'],
    ['U+000B', '\u000b'],
    ['U+0085', '\u0085'],
  ])('%s around the token is not trimmed → MALFORMED', async (_label, ws) => {
    expect(await verdictOf(ws + validQr)).toEqual(MALFORMED);
    expect(await verdictOf(validQr + ws)).toEqual(MALFORMED);
  });

  it.each(['', ' ', 'hello', 'https://example.com/', 'essc:/', 'essc:', 'essc:/ ', '{"alg":"none"}'])(
    'text %j is MALFORMED (a random QR is "not an e-SSC code")',
    async (text) => {
      expect(await verdictOf(text)).toEqual(MALFORMED);
    },
  );

  it('a non-string input is MALFORMED, not an exception', async () => {
    expect(await verdictOf(12345 as never)).toEqual(MALFORMED);
    expect(await verdictOf(null as never)).toEqual(MALFORMED);
  });
});

describe('check 1: digits', () => {
  it('an odd number of digits (one dropped) is MALFORMED', async () => {
    expect(await verdictOf(validQr.slice(0, -1))).toEqual(MALFORMED);
    expect(await verdictOf(validQr.slice(0, 6) + validQr.slice(7))).toEqual(MALFORMED);
  });

  it.each(['78', '99', '80'])('a digit pair %s (above 77) is MALFORMED', async (pair) => {
    expect(await verdictOf(validQr.slice(0, 10) + pair + validQr.slice(12))).toEqual(MALFORMED);
  });

  it('a non-digit among the digits is MALFORMED', async () => {
    expect(await verdictOf(validQr.slice(0, 10) + 'a1' + validQr.slice(12))).toEqual(MALFORMED);
  });
});

describe('check 1: three JWS parts and a JSON object header; truncated tokens', () => {
  const at = (jwsIndex: number) => 6 + 2 * jwsIndex;

  it('truncated inside the header or the payload (fewer than 3 parts) → MALFORMED', async () => {
    const firstDot = validJws.indexOf('.');
    const secondDot = validJws.indexOf('.', firstDot + 1);
    for (const cut of [1, 10, firstDot, firstDot + 1, firstDot + 20, secondDot]) {
      expect(await verdictOf(validQr.slice(0, at(cut)))).toEqual(MALFORMED);
    }
  });

  it('truncated inside the signature → BAD_SIGNATURE (the signature part is judged as a signature)', async () => {
    const secondDot = validJws.lastIndexOf('.');
    for (const cut of [secondDot + 1, secondDot + 2, secondDot + 43, validJws.length - 1]) {
      const r = await verdictOf(validQr.slice(0, at(cut)));
      expect(r).toEqual({ verdict: 'invalid', reasons: ['BAD_SIGNATURE'], claims: undefined });
    }
  });

  it('a payload part that is not base64url (§2.2: three b64u parts) → MALFORMED', async () => {
    const [h, p, s] = validJws.split('.') as [string, string, string];
    for (const payload of [`${p}:`, `${p.slice(0, -1)}<`, `${p.slice(0, 8)}=${p.slice(9)}`]) {
      expect(await verdictOf(encodeQrText(`${h}.${payload}.${s}`))).toEqual(MALFORMED);
    }
  });

  it('a fourth part → MALFORMED', async () => {
    expect(await verdictOf(encodeQrText(`${validJws}.AAAA`))).toEqual(MALFORMED);
  });

  it.each(['"ES256"', '["ES256"]', 'null', '42', 'true', '{"alg":"ES256"', 'ES256'])(
    'a well-signed token whose header is %s (not a JSON object) → MALFORMED',
    async (headerJson) => {
      expect(await verdictOf(craftCardQr(world, { header: headerJson, claims: cardClaims() }))).toEqual(
        MALFORMED,
      );
    },
  );
});

describe('check 2: alg must be ES256 (ALG_NOT_ALLOWED, stop)', () => {
  it('HS256 keyed with the issuer public key as HMAC secret (alg confusion) → ALG_NOT_ALLOWED', async () => {
    const publicPem = createPublicKey({ key: world.issuerKey.publicJwk as never, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const secrets = [
      publicPem,
      JSON.stringify(world.issuerKey.publicJwk),
      Buffer.from(world.issuerKey.publicJwk.x, 'base64url'),
    ];
    for (const secret of secrets) {
      const input = `${b64u(JSON.stringify({ alg: 'HS256', zip: 'DEF', kid: world.issuerKey.kid }))}.${b64u(deflateRaw(JSON.stringify(cardClaims())))}`;
      const mac = createHmac('sha256', secret).update(input).digest('base64url');
      expect(await verdictOf(encodeQrText(`${input}.${mac}`))).toEqual(ALG_NOT_ALLOWED);
    }
  });

  it('alg none with an empty signature → ALG_NOT_ALLOWED', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      const input = `${b64u(JSON.stringify({ alg, zip: 'DEF', kid: world.issuerKey.kid }))}.${b64u(deflateRaw(JSON.stringify(cardClaims())))}`;
      expect(await verdictOf(encodeQrText(`${input}.`))).toEqual(ALG_NOT_ALLOWED);
    }
  });

  it.each([
    ['es256', 'es256'],
    ['ES256 with a space', 'ES256 '],
    ['ES384', 'ES384'],
    ['ES256K', 'ES256K'],
    ['EdDSA', 'EdDSA'],
    ['RS256', 'RS256'],
    ['empty', ''],
    ['null', null],
    ['a number', 256],
    ['an array', ['ES256']],
    ['an object', { name: 'ES256' }],
  ])('alg %s (well signed with ES256) → ALG_NOT_ALLOWED', async (_label, alg) => {
    const header = JSON.stringify({ alg, zip: 'DEF', kid: world.issuerKey.kid });
    expect(await verdictOf(craftCardQr(world, { header, claims: cardClaims() }))).toEqual(ALG_NOT_ALLOWED);
  });

  it('alg missing → ALG_NOT_ALLOWED', async () => {
    const header = JSON.stringify({ zip: 'DEF', kid: world.issuerKey.kid });
    expect(await verdictOf(craftCardQr(world, { header, claims: cardClaims() }))).toEqual(ALG_NOT_ALLOWED);
  });

  it('ALG_NOT_ALLOWED stops before the header members are looked at', async () => {
    const header = JSON.stringify({ alg: 'HS256', jwk: world.issuerKey.publicJwk });
    expect(await verdictOf(craftCardQr(world, { header, claims: cardClaims() }))).toEqual(ALG_NOT_ALLOWED);
  });
});

describe('check 3: forbidden header members → MALFORMED even when well signed', () => {
  it.each([
    ['crit', ['exp']],
    ['jku', 'https://attacker.example/jwks.json'],
    ['jwk', null], // replaced below by the signer's own public key
    ['x5u', 'https://attacker.example/cert.pem'],
    ['x5c', ['MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA']],
    ['x5t', 'dGh1bWJwcmludA'],
    ['x5t#S256', 'dGh1bWJwcmludC1zaGEyNTY'],
    ['b64', true],
    ['b64', false],
  ])('header member %s → MALFORMED', async (name, value) => {
    const memberValue = name === 'jwk' ? world.issuerKey.publicJwk : value;
    const qr = craftCardQr(world, { header: { [name]: memberValue }, claims: cardClaims() });
    expect(await verdictOf(qr)).toEqual(MALFORMED);
  });

  it('other header members are ignored (cty, x5t_S256, an unknown one)', async () => {
    const qr = craftCardQr(world, {
      header: { cty: 'x', x5t_S256: 'y', note: 'anything' },
      claims: cardClaims(),
    });
    expect((await verdictOf(qr)).verdict).toBe('valid');
  });
});

describe('check 3: zip must be DEF', () => {
  it('zip missing → MALFORMED', async () => {
    const header = JSON.stringify({ alg: 'ES256', kid: world.issuerKey.kid });
    expect(await verdictOf(craftCardQr(world, { header, claims: cardClaims() }))).toEqual(MALFORMED);
  });

  it.each(['def', 'DEFLATE', 'GZIP', '', null, true])('zip %j → MALFORMED', async (zip) => {
    expect(await verdictOf(craftCardQr(world, { header: { zip }, claims: cardClaims() }))).toEqual(MALFORMED);
  });
});

describe('check 3: typ, if present, must be essc+jws', () => {
  it('typ essc+jws is accepted', async () => {
    const qr = craftCardQr(world, { header: { typ: 'essc+jws' }, claims: cardClaims() });
    expect((await verdictOf(qr)).verdict).toBe('valid');
  });

  it.each(['JWT', 'essc', 'ESSC+JWS', 'essc+jws ', 'essc-trust+jws', '', null, 1])(
    'typ %j → MALFORMED',
    async (typ) => {
      expect(await verdictOf(craftCardQr(world, { header: { typ }, claims: cardClaims() }))).toEqual(
        MALFORMED,
      );
    },
  );
});

describe('check 3: kid is 11 b64u characters', () => {
  it.each([
    ['missing', undefined],
    ['10 chars', 'AAAAAAAAAA'],
    ['12 chars', 'AAAAAAAAAAAA'],
    ['a + sign', 'AAAAAAAAAA+'],
    ['non-canonical last char', 'AAAAAAAAAAB'],
    ['a number', 12345678901],
    ['null', null],
    ['a thumbprint-length string (43 chars)', 'A'.repeat(43)],
  ])('kid %s → MALFORMED', async (_label, kid) => {
    const header = JSON.stringify({ alg: 'ES256', zip: 'DEF', ...(kid === undefined ? {} : { kid }) });
    expect(await verdictOf(craftCardQr(world, { header, claims: cardClaims() }))).toEqual(MALFORMED);
  });

  it('the header built by the issuer code is exactly {alg, zip, kid}', () => {
    const header = JSON.parse(Buffer.from(validJws.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual(JSON.parse(cardHeader(world.issuerKey)));
  });
});
