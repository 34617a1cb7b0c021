// Every failure code the sync layer can report, as runtime lists (the i18n completeness test
// checks each has a text in both languages), and the plain-language description of a SyncState error.
import type { TFunction } from 'i18next';
import type { TrustDataFailure } from '../../shared/trust/signed-list';
import type { AckImportOutcome, TrustFileOutcome } from '../sync/media-import';
import type { SyncErrorInfo } from '../sync/sync-scheduler';
import type { SyncFailure } from '../sync/sync-outcomes';

/** True when `Listed` names every member of `All` (a compile error otherwise). */
type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;

export const SYNC_FAILURES = [
  'NOT_CONFIGURED', 'OFFLINE', 'TIMEOUT', 'ABORTED', 'TOO_LARGE', 'REFUSED', 'HTTP', 'REJECTED', 'NOT_ENROLLED',
  'BAD_CODE', 'CODE_USED', 'KEY_IN_USE', 'UNAUTHORIZED', 'CHAIN_MISMATCH', 'GAP_UNRECOVERABLE', 'CANCELLED',
] as const satisfies readonly SyncFailure[];
const syncFailuresCovered: Covers<SyncFailure, (typeof SYNC_FAILURES)[number]> = true;

type FileFailure = Extract<TrustFileOutcome['result'], { applied: false }>['failure'] | 'ERROR';
export const TRUST_FILE_FAILURES = [
  'MALFORMED', 'WRONG_TYP', 'UNKNOWN_ANCHOR', 'BAD_SIGNATURE', 'BAD_PAYLOAD', 'KID_MISMATCH', 'DUPLICATE_KID',
  'NOT_P256', 'NOT_NEWER', 'DELTA_MISMATCH', 'NO_BASE', 'STORAGE', 'SKIPPED', 'UNREADABLE', 'ERROR',
] as const satisfies readonly FileFailure[];
const fileFailuresCovered: Covers<FileFailure | TrustDataFailure, (typeof TRUST_FILE_FAILURES)[number]> = true;

type AckFailure = Extract<AckImportOutcome, { ok: false }>['failure'] | 'ERROR';
export const ACK_FAILURES = ['MALFORMED', 'NOT_ENROLLED', 'WRONG_KIOSK', 'NOTHING_EXPORTED', 'ERROR'] as const satisfies readonly AckFailure[];
const ackFailuresCovered: Covers<AckFailure, (typeof ACK_FAILURES)[number]> = true;
export const COVERAGE_CHECKS = [syncFailuresCovered, fileFailuresCovered, ackFailuresCovered] as const;

export const SYNC_STEPS = ['probe', 'trust', 'revocations', 'audit'] as const;

const TRUST_CODES: ReadonlySet<string> = new Set(TRUST_FILE_FAILURES);

/** REJECTED carries the TrustData failure as the message prefix ("BAD_SIGNATURE: …"). */
export function rejectedTrustCode(detail: string): (typeof TRUST_FILE_FAILURES)[number] | null {
  const code = /^([A-Z0-9_]+):/.exec(detail)?.[1];
  return code && TRUST_CODES.has(code) ? (code as (typeof TRUST_FILE_FAILURES)[number]) : null;
}

/** One line for a failed step: what went wrong in plain words. */
export function syncFailureText(t: TFunction, code: SyncFailure, detail = ''): string {
  const trustCode = code === 'REJECTED' ? rejectedTrustCode(detail) : null;
  return trustCode ? `${t('status.failure.REJECTED')} (${t(`trustFailure.${trustCode}`)})` : t(`status.failure.${code}`);
}

/** The admin alert: the step, what went wrong, and what to do. */
export function describeSyncError(t: TFunction, error: SyncErrorInfo): { title: string; advice: string } {
  return {
    title: t('sync.errorTitle', { step: t(`sync.step.${error.step}`), reason: syncFailureText(t, error.code, error.detail) }),
    advice: t(`sync.advice.${error.code}`),
  };
}
