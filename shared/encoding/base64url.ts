// base64url without padding (RFC 4648 §5). jose's codec is lenient about some inputs, so the
// protocol's "is this decodable" questions are answered here, strictly.
import { base64url } from 'jose';

const B64U_CHARS = /^[A-Za-z0-9_-]*$/;

/** True when `s` is canonical unpadded base64url (alphabet, length, and zero trailing bits). */
export function isBase64url(s: string): boolean {
  if (!B64U_CHARS.test(s) || s.length % 4 === 1) return false;
  // A canonical encoding leaves the unused low bits of the last character zero.
  const rem = s.length % 4;
  if (rem === 0) return true;
  const last = B64U_ALPHABET.indexOf(s[s.length - 1]!);
  const unusedBits = rem === 2 ? 4 : 2;
  return (last & ((1 << unusedBits) - 1)) === 0;
}

const B64U_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Decodes canonical base64url; throws on anything else. */
export function decodeBase64url(s: string): Uint8Array {
  if (!isBase64url(s)) throw new TypeError('not canonical base64url');
  return base64url.decode(s);
}

export function encodeBase64url(bytes: Uint8Array | string): string {
  return base64url.encode(bytes);
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** Decodes UTF-8, refusing invalid sequences instead of replacing them with U+FFFD. */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  return utf8Strict.decode(bytes);
}

export function encodeUtf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}
