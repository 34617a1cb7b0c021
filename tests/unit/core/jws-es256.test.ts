// §2.2 JWS: compact serialization parsing and ES256 (RFC 7515), checked against the RFC's own
// Appendix A.3 example so the verifier is held to a vector nobody in this project produced.
import { describe, expect, it } from 'vitest';
import {
  findForbiddenHeaderMember,
  FORBIDDEN_HEADER_MEMBERS,
  isKidFormat,
  JwsFormatError,
  parseCompactJws,
} from '../../../shared/jws/compact-jws';
import {
  importEs256PublicKey,
  KeyFormatError,
  toP256PublicJwk,
  verifyEs256,
} from '../../../shared/jws/es256';
import { kidOf } from '../../../shared/jws/kid';
import { b64u } from './support';

// RFC 7515 Appendix A.3 (ECDSA P-256 SHA-256). The RFC's public key has
// y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0".
const A3_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
} as const;
const A3_JWS =
  'eyJhbGciOiJFUzI1NiJ9' +
  '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
  '.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q';

async function a3Key(): Promise<CryptoKey> {
  const jwk = toP256PublicJwk(A3_JWK);
  return importEs256PublicKey(await kidOf(jwk), jwk);
}

/** Flips one bit of the decoded part `index` (0 header, 1 payload, 2 signature) and re-encodes it. */
function flipBit(jws: string, index: number, byte: number, bit: number): string {
  const parts = jws.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[byte] = bytes[byte]! ^ (1 << bit);
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('RFC 7515 Appendix A.3: ES256 example', () => {
  it('the RFC example verifies through parseCompactJws + importEs256PublicKey + verifyEs256', async () => {
    const parsed = parseCompactJws(A3_JWS);
    expect(parsed.header).toEqual({ alg: 'ES256' });
    expect(await verifyEs256(parsed, await a3Key())).toBe(true);
  });

  it.each([
    ['header', 0, 5, 0],
    ['payload', 1, 10, 3],
    ['signature (R)', 2, 0, 7],
    ['signature (S), last byte', 2, 63, 0],
  ])('one flipped bit in the %s fails', async (_label, part, byte, bit) => {
    const mutated = flipBit(A3_JWS, part, byte, bit);
    expect(mutated).not.toBe(A3_JWS);
    let ok = false;
    try {
      ok = await verifyEs256(parseCompactJws(mutated), await a3Key());
    } catch (err) {
      expect(err).toBeInstanceOf(JwsFormatError);
    }
    expect(ok).toBe(false);
  });

  it('a y coordinate that is not on P-256 cannot be imported', async () => {
    // Same x, a y that is not the curve point's: WebCrypto refuses it.
    const offCurve = toP256PublicJwk({ ...A3_JWK, y: 'x_FEzRjmtf6P7kSAgTw6ETjaWpXWYBiNp5nl-JmXTKo' });
    await expect(importEs256PublicKey(await kidOf(offCurve), offCurve)).rejects.toThrow();
  });
});

describe('§9 signature part: empty, wrong length or not decodable never verifies', () => {
  const [h, p, s] = A3_JWS.split('.') as [string, string, string];
  const sigBytes = Buffer.from(s, 'base64url');

  it.each([
    ['empty', ''],
    ['63 bytes', b64u(sigBytes.subarray(0, 63))],
    ['65 bytes', b64u(Buffer.concat([sigBytes, Buffer.from([0])]))],
    [
      'DER-style 72 bytes',
      b64u(Buffer.concat([Buffer.from([0x30, 0x44, 0x02, 0x20]), sigBytes]).subarray(0, 72)),
    ],
    ['not base64url (+ and /)', s.replace(/-/g, '+').replace(/_/g, '/')],
    ['padded with =', `${s}==`],
    ['a stray character', `${s.slice(0, 40)}*${s.slice(41)}`],
  ])('signature %s → false', async (_label, sig) => {
    expect(await verifyEs256({ ...parseCompactJws(`${h}.${p}.x`), signatureB64: sig }, await a3Key())).toBe(
      false,
    );
  });

  it('a non-canonical last character (same bytes, other unused bits) → false', async () => {
    // 64 bytes → 86 chars; the last one carries 4 unused bits, which must be zero.
    const last = s[s.length - 1]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = alphabet[alphabet.indexOf(last) | 1]!;
    const sig = s.slice(0, -1) + twin;
    expect(sig).not.toBe(s);
    expect(Buffer.from(sig, 'base64url').equals(sigBytes)).toBe(true);
    expect(await verifyEs256({ ...parseCompactJws(A3_JWS), signatureB64: sig }, await a3Key())).toBe(false);
  });
});

describe('§2.2 compact serialization parsing', () => {
  it.each([
    ['two parts', 'eyJhbGciOiJFUzI1NiJ9.e30'],
    ['four parts', `${A3_JWS}.e30`],
    ['empty header', '.e30.AAAA'],
    ['header not base64url', 'eyJhbGciOiJFUzI1NiJ9*.e30.AAAA'],
    ['payload not base64url', 'eyJhbGciOiJFUzI1NiJ9.e3=.AAAA'],
    ['header not JSON', `${b64u('{alg:ES256}')}.e30.AAAA`],
    ['header not UTF-8', `${b64u(new Uint8Array([0x7b, 0xff, 0x7d]))}.e30.AAAA`],
    ['header a JSON string', `${b64u('"ES256"')}.e30.AAAA`],
    ['header a JSON array', `${b64u('[{"alg":"ES256"}]')}.e30.AAAA`],
    ['header JSON null', `${b64u('null')}.e30.AAAA`],
    ['header a JSON number', `${b64u('256')}.e30.AAAA`],
  ])('%s → JwsFormatError', (_label, jws) => {
    expect(() => parseCompactJws(jws)).toThrow(JwsFormatError);
  });

  it('the forbidden header members are exactly crit, jku, jwk, x5u, x5c, x5t, x5t#S256, b64', () => {
    expect([...FORBIDDEN_HEADER_MEMBERS].sort()).toEqual(
      ['b64', 'crit', 'jku', 'jwk', 'x5c', 'x5t', 'x5t#S256', 'x5u'].sort(),
    );
    for (const name of FORBIDDEN_HEADER_MEMBERS) {
      expect(findForbiddenHeaderMember({ alg: 'ES256', [name]: null })).toBe(name);
    }
    expect(findForbiddenHeaderMember({ alg: 'ES256', kid: 'x', cty: 'y', x5t_S256: 1 })).toBeUndefined();
  });

  it('kid format: 11 canonical b64u characters', () => {
    expect(isKidFormat('AAAAAAAAAAA')).toBe(true);
    expect(isKidFormat('abc-_012XYA')).toBe(true);
    expect(isKidFormat('AAAAAAAAAA')).toBe(false); // 10
    expect(isKidFormat('AAAAAAAAAAAA')).toBe(false); // 12
    expect(isKidFormat('AAAAAAAAAA+')).toBe(false);
    expect(isKidFormat('AAAAAAAAAAB')).toBe(false); // unused low bits set: not 8 bytes' canonical form
    expect(isKidFormat(12345678901)).toBe(false);
  });

  it('toP256PublicJwk refuses keys that are not EC P-256 with 32-byte coordinates', () => {
    expect(() => toP256PublicJwk({ ...A3_JWK, crv: 'P-384' })).toThrow(KeyFormatError);
    expect(() => toP256PublicJwk({ ...A3_JWK, kty: 'RSA' })).toThrow(KeyFormatError);
    expect(() => toP256PublicJwk({ ...A3_JWK, x: b64u(new Uint8Array(31)) })).toThrow(KeyFormatError);
    expect(() => toP256PublicJwk({ ...A3_JWK, y: undefined })).toThrow(KeyFormatError);
    expect(() => toP256PublicJwk(null)).toThrow(KeyFormatError);
    expect(toP256PublicJwk({ ...A3_JWK, d: 'secret', kid: 'x' })).toEqual(A3_JWK);
  });
});
