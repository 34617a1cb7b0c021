// PIN hashing with PBKDF2-SHA-256 through WebCrypto (OWASP 2023: ≥ 210,000 iterations for
// PBKDF2-HMAC-SHA512, 600,000 for SHA-256; we take 310,000 as a kiosk-speed compromise above the
// brief's floor — a PIN is short, so the lockout is the main defence, the hash the second).
import { decodeBase64url, encodeBase64url, encodeUtf8 } from '../../shared/encoding/base64url';

export const PBKDF2_ITERATIONS = 310_000;
export const MIN_PBKDF2_ITERATIONS = 210_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export interface PinHash {
  readonly salt: string;
  readonly iterations: number;
  readonly hash: string;
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encodeUtf8(pin) as BufferSource, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations = PBKDF2_ITERATIONS): Promise<PinHash> {
  if (iterations < MIN_PBKDF2_ITERATIONS) throw new RangeError(`PBKDF2 needs at least ${MIN_PBKDF2_ITERATIONS} iterations`);
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return { salt: encodeBase64url(salt), iterations, hash: encodeBase64url(await derive(pin, salt, iterations)) };
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const expected = decodeBase64url(stored.hash);
  const actual = await derive(pin, decodeBase64url(stored.salt), stored.iterations);
  return constantTimeEqual(actual, expected);
}

/** Compares every byte whatever the first difference, so timing does not reveal a prefix. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
