import { calculateJwkThumbprint } from 'jose';
import { decodeBase64url, encodeBase64url } from '../encoding/base64url';

export interface P256PublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

/** §1: b64u of the first 8 bytes of the RFC 7638 SHA-256 thumbprint. */
export async function kidOf(jwk: P256PublicJwk): Promise<string> {
  const thumbprint = await calculateJwkThumbprint(
    { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    'sha256',
  );
  return encodeBase64url(decodeBase64url(thumbprint).subarray(0, 8));
}
