// Parsing of JWS compact serializations (RFC 7515 §7.1) as the protocol needs it: the header is
// decoded and checked to be a JSON object; the payload is kept encoded until its signature holds.
import { decodeBase64url, decodeUtf8Strict, isBase64url } from '../encoding/base64url';

export type JwsHeader = Readonly<Record<string, unknown>>;

export interface ParsedJws {
  readonly header: JwsHeader;
  readonly protectedB64: string;
  readonly payloadB64: string;
  readonly signatureB64: string;
}

export class JwsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwsFormatError';
  }
}

/**
 * Splits and decodes a compact JWS. The signature part is not judged here: an undecodable one
 * is a signature failure (protocol §9), not a format failure.
 */
export function parseCompactJws(jws: string): ParsedJws {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new JwsFormatError(`expected 3 JWS parts, found ${parts.length}`);
  const [protectedB64, payloadB64, signatureB64] = parts as [string, string, string];
  if (protectedB64.length === 0 || !isBase64url(protectedB64)) {
    throw new JwsFormatError('protected header is not base64url');
  }
  if (!isBase64url(payloadB64)) throw new JwsFormatError('payload is not base64url');
  let header: unknown;
  try {
    header = JSON.parse(decodeUtf8Strict(decodeBase64url(protectedB64)));
  } catch {
    throw new JwsFormatError('protected header is not UTF-8 JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new JwsFormatError('protected header is not a JSON object');
  }
  return { header: header as JwsHeader, protectedB64, payloadB64, signatureB64 };
}

/**
 * Header members that would let a token choose its own key or change how it is processed.
 * Keys always come from the signed trust list, never from a token (§2.2).
 */
export const FORBIDDEN_HEADER_MEMBERS: readonly string[] = [
  'crit',
  'jku',
  'jwk',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'b64',
];

export function findForbiddenHeaderMember(header: JwsHeader): string | undefined {
  return FORBIDDEN_HEADER_MEMBERS.find((name) => Object.hasOwn(header, name));
}

/** §1: a kid is b64u of 8 bytes, always 11 characters. */
export function isKidFormat(kid: unknown): kid is string {
  return typeof kid === 'string' && kid.length === 11 && isBase64url(kid);
}
