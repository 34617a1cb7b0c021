// Building the caller's part of an audit entry: every §8 field that does not apply is null.
import type { AuditEvent, AuditFacts } from '../../shared/audit/audit-entry';
import { trimScannerWhitespace } from '../../shared/codec/numeric-qr';
import { encodeBase64url } from '../../shared/encoding/base64url';
import { sha256 } from '../../shared/encoding/sha256';

/** What a caller states about an event; the operator is passed to `append` separately. */
export type AuditEventFacts = Omit<AuditFacts, 'operator'>;

export function auditFacts(event: AuditEvent, known: Partial<Omit<AuditEventFacts, 'event'>> = {}): AuditEventFacts {
  return {
    event,
    verdict: null,
    reasons: null,
    warnings: null,
    typ: null,
    iss: null,
    kid: null,
    permitNo: null,
    jti: null,
    token: null,
    trustSeq: null,
    revocationSeq: null,
    ...known,
  };
}

/**
 * §8 `token`: b64u SHA-256 of the QR text after the §9 trim. It lets a scan be matched later
 * against a presented code without the log ever holding the code (or the personal data in it).
 */
export async function tokenHashOf(qrText: string): Promise<string> {
  return encodeBase64url(await sha256(trimScannerWhitespace(qrText)));
}
