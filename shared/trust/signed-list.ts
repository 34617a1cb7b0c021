// The envelope shared by trust lists (§3) and revocation lists (§4): a compact JWS, ES256, signed
// by one of the pinned trust anchors, with a fixed `typ`.
import { decodeBase64url, decodeUtf8Strict } from '../encoding/base64url';
import {
  findForbiddenHeaderMember,
  isKidFormat,
  parseCompactJws,
} from '../jws/compact-jws';
import { verifyEs256 } from '../jws/es256';
import type { AnchorSet } from './anchors';

export type TrustDataFailure =
  | 'MALFORMED' // not a JWS, bad header, payload not JSON
  | 'WRONG_TYP'
  | 'UNKNOWN_ANCHOR'
  | 'BAD_SIGNATURE'
  | 'BAD_PAYLOAD' // payload breaks the list's rules
  | 'KID_MISMATCH'
  | 'DUPLICATE_KID'
  | 'NOT_P256'
  | 'NOT_NEWER' // seq not above the cached one (rollback or replay)
  | 'DELTA_MISMATCH' // delta's `since` is not the cached seq
  | 'NO_BASE'; // delta arriving when no list is applied

/** Why a trust or revocation list was not applied; `failure` is stable, `message` is for logs. */
export class TrustDataError extends Error {
  constructor(
    readonly failure: TrustDataFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TrustDataError';
  }
}

/** Verifies the envelope and returns the parsed, still unvalidated, JSON payload. */
export async function openAnchorSignedJws(
  jws: string,
  expectedTyp: string,
  anchors: AnchorSet,
): Promise<unknown> {
  if (typeof jws !== 'string' || jws.length > MAX_SIGNED_LIST_CHARS) {
    throw new TrustDataError('MALFORMED', 'signed list is not a string of acceptable size');
  }
  let parsed;
  try {
    parsed = parseCompactJws(jws.trim());
  } catch (err) {
    throw new TrustDataError('MALFORMED', (err as Error).message);
  }
  const { header } = parsed;
  if (header.alg !== 'ES256') throw new TrustDataError('MALFORMED', 'alg must be ES256');
  const forbidden = findForbiddenHeaderMember(header);
  if (forbidden) throw new TrustDataError('MALFORMED', `header member ${forbidden} is not allowed`);
  if (header.typ !== expectedTyp) {
    throw new TrustDataError('WRONG_TYP', `typ must be ${expectedTyp}`);
  }
  if (!isKidFormat(header.kid)) throw new TrustDataError('MALFORMED', 'kid is not a key id');
  const anchor = anchors.get(header.kid);
  if (!anchor) throw new TrustDataError('UNKNOWN_ANCHOR', `kid ${header.kid} is not a pinned anchor`);
  if (!(await verifyEs256(parsed, anchor.key))) {
    throw new TrustDataError('BAD_SIGNATURE', 'signature does not verify with the anchor');
  }
  try {
    return JSON.parse(decodeUtf8Strict(decodeBase64url(parsed.payloadB64)));
  } catch {
    throw new TrustDataError('MALFORMED', 'payload is not UTF-8 JSON');
  }
}

/**
 * Upper bound on a signed list's size. A 1,000,000-entry revocation snapshot is ~31 MB of JSON
 * (~42 MB as b64u); anything far beyond that is refused before parsing.
 */
export const MAX_SIGNED_LIST_CHARS = 64 * 1024 * 1024;
