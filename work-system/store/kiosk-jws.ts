// The compact JWS of an audit batch, opened with node:crypto. A batch is up to 1 MiB: the
// generic path (shared/jws + jose) decodes the payload three times in JavaScript; here it is
// checked with one regex, verified over its encoded form and decoded once, natively.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { decodeBase64url, decodeUtf8Strict } from '../../shared/encoding/base64url';
import type { P256PublicJwk } from '../../shared/jws/kid';

const B64U = /^[A-Za-z0-9_-]*$/;

export interface OpenedJws {
  readonly header: Readonly<Record<string, unknown>>;
  readonly signingInput: string;
  readonly payloadB64: string;
  readonly signatureB64: string;
}

export class KioskJwsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KioskJwsError';
  }
}

export function openCompactJws(jws: string): OpenedJws {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new KioskJwsError(`expected 3 JWS parts, found ${parts.length}`);
  const [headerB64, payloadB64, signatureB64] = parts as [string, string, string];
  let header: unknown;
  try {
    header = JSON.parse(decodeUtf8Strict(decodeBase64url(headerB64)));
  } catch {
    throw new KioskJwsError('protected header is not base64url UTF-8 JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new KioskJwsError('protected header is not a JSON object');
  }
  if (payloadB64.length % 4 === 1 || !B64U.test(payloadB64)) throw new KioskJwsError('payload is not base64url');
  return { header: header as Record<string, unknown>, signingInput: `${headerB64}.${payloadB64}`, payloadB64, signatureB64 };
}

const keyObjects = new Map<string, KeyObject>();

function keyObjectOf(kid: string, jwk: P256PublicJwk): KeyObject {
  let key = keyObjects.get(kid);
  if (!key) {
    key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
    if (keyObjects.size > 4096) keyObjects.clear();
    keyObjects.set(kid, key);
  }
  return key;
}

/** ES256: SHA-256 and a 64-byte R‖S signature (RFC 7518 §3.4) over the ASCII signing input. */
export function verifyEs256Jws(opened: OpenedJws, kid: string, jwk: P256PublicJwk): boolean {
  let signature: Uint8Array;
  try {
    signature = decodeBase64url(opened.signatureB64);
  } catch {
    return false;
  }
  if (signature.length !== 64) return false;
  try {
    return verify('sha256', Buffer.from(opened.signingInput, 'latin1'), { key: keyObjectOf(kid, jwk), dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

/** The payload as text; strict UTF-8 (the signature already covers its exact encoding). */
export function payloadText(opened: OpenedJws): string {
  return decodeUtf8Strict(Buffer.from(opened.payloadB64, 'base64url'));
}
