// §5 verification: QR text + trust state + clock → result. Pure apart from WebCrypto; the clock
// and the skew come in as options so every boundary can be tested.
import { MAX_INFLATED_BYTES } from '../codec/inflate';
import { webVerifyPrimitives, type VerifyPrimitives } from '../crypto/verify-primitives';
import { decodeBase64url, decodeUtf8Strict } from '../encoding/base64url';
import { decodeQrText, MAX_QR_TEXT_LENGTH } from '../codec/numeric-qr';
import {
  findForbiddenHeaderMember,
  isKidFormat,
  parseCompactJws,
  type ParsedJws,
} from '../jws/compact-jws';
import { verifyEs256 } from '../jws/es256';
import { revocationHash } from '../revocation/revocation-list';
import type { TrustedKey } from '../trust/trust-list';
import { parseCardClaimsJson, type CardClaims } from './claims';
import { verdictOf, type Reason, type VerificationResult, type Warning } from './result';
import type { TrustState } from './trust-state';

export const DEFAULT_SKEW_SECONDS = 300;
const CARD_TYP = 'essc+jws';
const CST_OFFSET_MS = 8 * 3600 * 1000;

export interface VerifyOptions {
  /** The verifier's clock. */
  readonly now: Date;
  /** Clock skew tolerated on token and trust-list times (not on permit days). */
  readonly skew?: number;
  /** Signature, hash and inflate implementations; WebCrypto + fflate unless given. */
  readonly primitives?: VerifyPrimitives;
}

/** Today's calendar date in China Standard Time (UTC+8, no DST), as YYYY-MM-DD. */
export function chinaDateOf(now: Date): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export async function verifyCard(
  qrText: string,
  state: TrustState,
  options: VerifyOptions,
): Promise<VerificationResult> {
  const nowSec = options.now.getTime() / 1000;
  const skew = options.skew ?? DEFAULT_SKEW_SECONDS;
  const primitives = options.primitives ?? webVerifyPrimitives;
  const { trustList, revocations } = state;
  const reasons: Reason[] = [];
  const warnings = computeWarnings(state, nowSec);
  const finish = (extra: Partial<VerificationResult> = {}): VerificationResult => ({
    verdict: verdictOf(reasons),
    reasons,
    warnings,
    ...extra,
    checkedAt: options.now.toISOString(),
    trustSeq: trustList?.seq ?? null,
    revocationSeq: revocations?.meta?.seq ?? null,
  });

  // 1: size first, before any other work.
  if (typeof qrText !== 'string' || qrText.length > MAX_QR_TEXT_LENGTH) {
    reasons.push('MALFORMED');
    return finish();
  }
  let jws: ParsedJws;
  try {
    jws = parseCompactJws(decodeQrText(qrText));
  } catch {
    reasons.push('MALFORMED');
    return finish();
  }
  const { header } = jws;
  // 2
  if (header.alg !== 'ES256') {
    reasons.push('ALG_NOT_ALLOWED');
    return finish();
  }
  // 3
  if (
    findForbiddenHeaderMember(header) !== undefined ||
    header.zip !== 'DEF' ||
    !isKidFormat(header.kid) ||
    (header.typ !== undefined && header.typ !== CARD_TYP)
  ) {
    reasons.push('MALFORMED');
    return finish();
  }
  const kid = header.kid;
  // 4
  if (!trustList) {
    reasons.push('NO_TRUST_LIST');
    return finish({ kid });
  }
  // 5, 6
  if (nowSec < trustList.iat - skew) reasons.push('CLOCK_BEHIND');
  if (nowSec >= trustList.iat + trustList.expireAfter) reasons.push('TRUST_LIST_EXPIRED');
  // 7
  const key = trustList.keys.get(kid);
  if (!key) {
    reasons.push('UNKNOWN_KEY');
    return finish({ kid });
  }
  // 8
  if (!(await verifyEs256(jws, key.key, primitives))) {
    reasons.push('BAD_SIGNATURE');
    return finish({ kid });
  }
  // 9
  const claims = decodeClaims(jws.payloadB64, primitives);
  if (!claims) {
    reasons.push('MALFORMED');
    return finish({ kid });
  }
  // 10–17
  reasons.push(...checkClaimsAgainstKey(claims, key));
  reasons.push(...checkTimes(claims, nowSec, skew, chinaDateOf(options.now)));
  if (revocations && (await revocations.has(await revocationHash(claims.wp.no, primitives)))) {
    reasons.push('PERMIT_REVOKED');
  }
  return finish({ typ: claims.typ, iss: claims.iss, kid, claims });
}

function decodeClaims(payloadB64: string, primitives: VerifyPrimitives): CardClaims | null {
  let text: string;
  try {
    text = decodeUtf8Strict(primitives.inflateRaw(decodeBase64url(payloadB64), MAX_INFLATED_BYTES));
  } catch {
    return null;
  }
  const parsed = parseCardClaimsJson(text);
  return parsed.ok ? parsed.claims : null;
}

function checkClaimsAgainstKey(claims: CardClaims, key: TrustedKey): Reason[] {
  const reasons: Reason[] = [];
  if (claims.iss !== key.iss) reasons.push('ISSUER_MISMATCH');
  if (!(key.nbf <= claims.iat && claims.iat < key.exp)) reasons.push('KEY_NOT_VALID');
  if (key.revoked !== undefined && claims.iat >= key.revoked) reasons.push('KEY_REVOKED');
  return reasons;
}

function checkTimes(claims: CardClaims, nowSec: number, skew: number, today: string): Reason[] {
  const reasons: Reason[] = [];
  if (claims.iat > nowSec + skew) reasons.push('TOKEN_NOT_YET_VALID');
  if (claims.exp !== undefined && nowSec > claims.exp + skew) reasons.push('TOKEN_EXPIRED');
  // Permit days are calendar days in UTC+8 with no skew; YYYY-MM-DD compares as a string.
  if (today < claims.wp.from) reasons.push('PERMIT_NOT_YET_VALID');
  if (today > claims.wp.to) reasons.push('PERMIT_EXPIRED');
  return reasons;
}

/** Warnings are reported even when evaluation stops early (§9). */
function computeWarnings(state: TrustState, nowSec: number): Warning[] {
  const warnings: Warning[] = [];
  const { trustList, revocations } = state;
  if (trustList && nowSec >= trustList.iat + trustList.staleAfter) warnings.push('TRUST_LIST_STALE');
  const meta = revocations?.meta ?? null;
  if (!meta) warnings.push('REVOCATIONS_UNAVAILABLE');
  else if (nowSec >= meta.iat + meta.staleAfter) warnings.push('REVOCATIONS_STALE');
  return warnings;
}
