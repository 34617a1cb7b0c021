// base64url without padding (RFC 4648 §5), strict: the protocol's "is this decodable" questions
// are answered here, and only canonical encodings pass (a lenient decoder would let many texts
// carry the same signature). Table-driven because it runs on every scan; jose's codec goes
// through atob and string copies.

const B64U_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE_TABLE = new Int8Array(256).fill(-1);
for (let i = 0; i < B64U_ALPHABET.length; i++) DECODE_TABLE[B64U_ALPHABET.charCodeAt(i)] = i;

/** Sextet value of s[i], or -1 for anything outside the alphabet (including non-ASCII). */
function sextet(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 256 ? DECODE_TABLE[c]! : -1;
}

/** True when `s` is canonical unpadded base64url (alphabet, length, and zero trailing bits). */
export function isBase64url(s: string): boolean {
  return decodeOrNull(s) !== null;
}

/** Decodes canonical base64url; throws on anything else. */
export function decodeBase64url(s: string): Uint8Array {
  const bytes = decodeOrNull(s);
  if (bytes === null) throw new TypeError('not canonical base64url');
  return bytes;
}

function decodeOrNull(s: string): Uint8Array | null {
  const rest = s.length % 4;
  if (rest === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 4 <= s.length; i += 4) {
    const a = sextet(s, i);
    const b = sextet(s, i + 1);
    const c = sextet(s, i + 2);
    const d = sextet(s, i + 3);
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (rest === 2) {
    const a = sextet(s, i);
    const b = sextet(s, i + 1);
    // A canonical encoding leaves the unused low bits of the last character zero.
    if ((a | b) < 0 || (b & 0x0f) !== 0) return null;
    out[o] = (a << 2) | (b >> 4);
  } else if (rest === 3) {
    const a = sextet(s, i);
    const b = sextet(s, i + 1);
    const c = sextet(s, i + 2);
    if ((a | b | c) < 0 || (c & 0x03) !== 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >> 16;
    out[o] = (n >> 8) & 0xff;
  }
  return out;
}

export function encodeBase64url(input: Uint8Array | string): string {
  const bytes = typeof input === 'string' ? encodeUtf8(input) : input;
  let out = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64U_ALPHABET[n >> 18]! + B64U_ALPHABET[(n >> 12) & 63]! + B64U_ALPHABET[(n >> 6) & 63]! + B64U_ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64U_ALPHABET[n >> 18]! + B64U_ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64U_ALPHABET[n >> 18]! + B64U_ALPHABET[(n >> 12) & 63]! + B64U_ALPHABET[(n >> 6) & 63]!;
  }
  return out;
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
