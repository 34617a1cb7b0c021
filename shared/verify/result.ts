// §5 result shape and codes. The order of REASON codes is the order of the checks.
import type { CardClaims, CardType } from './claims';

export const INVALID_REASONS = [
  'MALFORMED',
  'ALG_NOT_ALLOWED',
  'UNKNOWN_KEY',
  'BAD_SIGNATURE',
  'ISSUER_MISMATCH',
  'KEY_NOT_VALID',
  'KEY_REVOKED',
  'TOKEN_NOT_YET_VALID',
  'TOKEN_EXPIRED',
  'PERMIT_NOT_YET_VALID',
  'PERMIT_EXPIRED',
  'PERMIT_REVOKED',
] as const;

export const INDETERMINATE_REASONS = ['NO_TRUST_LIST', 'CLOCK_BEHIND', 'TRUST_LIST_EXPIRED'] as const;

export const WARNINGS = ['TRUST_LIST_STALE', 'REVOCATIONS_UNAVAILABLE', 'REVOCATIONS_STALE'] as const;

export type InvalidReason = (typeof INVALID_REASONS)[number];
export type IndeterminateReason = (typeof INDETERMINATE_REASONS)[number];
export type Reason = InvalidReason | IndeterminateReason;
export type Warning = (typeof WARNINGS)[number];
export type Verdict = 'valid' | 'invalid' | 'indeterminate';

export interface VerificationResult {
  readonly verdict: Verdict;
  readonly reasons: readonly Reason[];
  readonly warnings: readonly Warning[];
  /** Present only with `claims`: nothing from an unverified payload is ever reported. */
  readonly typ?: CardType;
  readonly iss?: string;
  /** From the protected header, once it parsed. */
  readonly kid?: string;
  readonly claims?: CardClaims;
  readonly checkedAt: string;
  readonly trustSeq: number | null;
  readonly revocationSeq: number | null;
}

const invalidSet: ReadonlySet<string> = new Set(INVALID_REASONS);

export function isInvalidReason(reason: Reason): reason is InvalidReason {
  return invalidSet.has(reason);
}

export function verdictOf(reasons: readonly Reason[]): Verdict {
  if (reasons.some(isInvalidReason)) return 'invalid';
  return reasons.length > 0 ? 'indeterminate' : 'valid';
}
