// ES256 signature checks through jose over WebCrypto, so the same code runs in Node, Chromium
// and Electron. Imported keys are cached by kid: a scan never pays for a key import.
import { importJWK } from 'jose';
import { webVerifyPrimitives, type VerifyPrimitives } from '../crypto/verify-primitives';
import { decodeBase64url, encodeUtf8 } from '../encoding/base64url';
import type { P256PublicJwk } from './kid';
import type { ParsedJws } from './compact-jws';

const P256_COORDINATE_BYTES = 32;

export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFormatError';
  }
}

/** Narrows an unknown JWK to a P-256 public key, keeping only its public members. */
export function toP256PublicJwk(value: unknown): P256PublicJwk {
  if (typeof value !== 'object' || value === null) throw new KeyFormatError('key is not an object');
  const jwk = value as Record<string, unknown>;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new KeyFormatError('key is not EC P-256');
  for (const coord of ['x', 'y'] as const) {
    const c = jwk[coord];
    let bytes: Uint8Array;
    try {
      if (typeof c !== 'string') throw new Error();
      bytes = decodeBase64url(c);
    } catch {
      throw new KeyFormatError(`key member ${coord} is not base64url`);
    }
    if (bytes.length !== P256_COORDINATE_BYTES) {
      throw new KeyFormatError(`key member ${coord} is not ${P256_COORDINATE_BYTES} bytes`);
    }
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string };
}

const importedKeys = new Map<string, { x: string; y: string; key: Promise<CryptoKey> }>();
const MAX_CACHED_KEYS = 4096;

/**
 * Imports a P-256 public key for ES256 verification. WebCrypto rejects points that are not on
 * the curve, which is how "a key is not P-256" is caught for well-formed but bogus coordinates.
 */
export function importEs256PublicKey(kid: string, jwk: P256PublicJwk): Promise<CryptoKey> {
  const cached = importedKeys.get(kid);
  if (cached && cached.x === jwk.x && cached.y === jwk.y) return cached.key;
  const key = importJWK({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, 'ES256').then(
    (k) => k as CryptoKey,
  );
  if (importedKeys.size >= MAX_CACHED_KEYS) importedKeys.clear();
  importedKeys.set(kid, { x: jwk.x, y: jwk.y, key });
  // A failed import must not poison the cache for a later, correct key.
  key.catch(() => importedKeys.delete(kid));
  return key;
}

const ES256_SIGNATURE_B64U_CHARS = 86; // 64 bytes

/**
 * True when the JWS carries a valid ES256 signature by `key` over the ASCII of
 * `header.payload` (RFC 7515 §5.2); never throws for bad input. The caller has already checked
 * `alg`. Only the canonical unpadded b64u of 64 bytes is a signature (§9): a lenient decoder
 * would let many texts carry the same signature.
 */
export async function verifyEs256(
  jws: ParsedJws,
  key: CryptoKey,
  primitives: VerifyPrimitives = webVerifyPrimitives,
): Promise<boolean> {
  const { signatureB64 } = jws;
  if (signatureB64.length !== ES256_SIGNATURE_B64U_CHARS) return false;
  let signature: Uint8Array;
  try {
    signature = decodeBase64url(signatureB64);
  } catch {
    return false;
  }
  // The parts are base64url by now, so UTF-8 encoding is the ASCII the signature covers.
  return primitives.verifyEs256(key, encodeUtf8(`${jws.protectedB64}.${jws.payloadB64}`), signature);
}
