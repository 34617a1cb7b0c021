// §2.1 of the protocol: `essc:/` + decimal digit pairs, each pair NN (00–77) one character
// chr(NN + 45) of a JWS compact serialization (the SMART Health Cards numeric mode trick, which
// lets the QR use numeric encoding, ~3.3 bits per digit).

/** §2.1: input longer than this is rejected before any other work (the QR v40-L numeric capacity). */
export const MAX_QR_TEXT_LENGTH = 4296;
export const QR_PREFIX = 'essc:/';
const OFFSET = 45;
const asciiEncoder = new TextEncoder();
const latin1Decoder = new TextDecoder('latin1');
const MAX_PAIR = 77;

export type QrDecodeFailure =
  | 'TOO_LONG'
  | 'NO_PREFIX'
  | 'NO_DIGITS'
  | 'ODD_DIGITS'
  | 'NOT_DIGITS'
  | 'PAIR_OUT_OF_RANGE';

export class QrTextError extends Error {
  constructor(readonly failure: QrDecodeFailure) {
    super(`QR text is not an ESSC token: ${failure}`);
    this.name = 'QrTextError';
  }
}

/** §9: only ASCII space, TAB, CR and LF are trimmed (keyboard-wedge scanners append CR/LF). */
export function trimScannerWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmable(text.charCodeAt(start))) start++;
  while (end > start && isTrimmable(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function isTrimmable(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

/** Quick test used by scanners to tell an ESSC code from any other QR, without decoding it. */
export function looksLikeEsscQrText(text: string): boolean {
  return trimScannerWhitespace(text).slice(0, QR_PREFIX.length).toLowerCase() === QR_PREFIX;
}

/** QR text → JWS compact serialization. Throws QrTextError; does no other work on bad input. */
export function decodeQrText(text: string): string {
  if (text.length > MAX_QR_TEXT_LENGTH) throw new QrTextError('TOO_LONG');
  const trimmed = trimScannerWhitespace(text);
  if (trimmed.slice(0, QR_PREFIX.length).toLowerCase() !== QR_PREFIX) {
    throw new QrTextError('NO_PREFIX');
  }
  const digits = trimmed.slice(QR_PREFIX.length);
  if (digits.length === 0) throw new QrTextError('NO_DIGITS');
  if (digits.length % 2 !== 0) throw new QrTextError('ODD_DIGITS');
  // Bulk-convert to bytes natively and walk a typed array: this runs on every scan and
  // charCodeAt over ~2,400 characters costs more than everything else before the signature.
  const ascii = asciiEncoder.encode(digits);
  // Any non-ASCII character becomes several UTF-8 bytes: not a digit string.
  if (ascii.length !== digits.length) throw new QrTextError('NOT_DIGITS');
  const codes = new Uint8Array(ascii.length / 2);
  for (let i = 0, j = 0; j < codes.length; i += 2, j++) {
    const hi = ascii[i]! - 48;
    const lo = ascii[i + 1]! - 48;
    if (hi >>> 0 > 9 || lo >>> 0 > 9) throw new QrTextError('NOT_DIGITS');
    const pair = hi * 10 + lo;
    if (pair > MAX_PAIR) throw new QrTextError('PAIR_OUT_OF_RANGE');
    codes[j] = pair + OFFSET;
  }
  // Codes 45–122 are ASCII, which latin1 maps one to one.
  return latin1Decoder.decode(codes);
}

/** JWS compact serialization → QR text. Only characters '-' (45) … 'z' (122) are encodable. */
export function encodeQrText(jws: string): string {
  let digits = '';
  for (let i = 0; i < jws.length; i++) {
    const pair = jws.charCodeAt(i) - OFFSET;
    if (pair < 0 || pair > MAX_PAIR) {
      throw new RangeError(`character ${JSON.stringify(jws[i])} cannot be numeric-encoded`);
    }
    digits += pair < 10 ? `0${pair}` : String(pair);
  }
  return QR_PREFIX + digits;
}
