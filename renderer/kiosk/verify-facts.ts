// What a verification leaves in the audit log: only the §8 fields. Personal data (name, dates of
// birth, passport, employer…) and the raw QR text never reach storage.
import type { VerificationResult } from '../../shared/verify/result';
import { auditFacts, tokenHashOf, type AuditEventFacts } from '../audit/audit-facts';

export async function verifyAuditFacts(qrText: string, result: VerificationResult): Promise<AuditEventFacts> {
  const claims = result.claims;
  return auditFacts('verify', {
    verdict: result.verdict,
    reasons: [...result.reasons],
    warnings: [...result.warnings],
    // Identifiers are recorded only once the signature verified with a trusted key (§9: nothing
    // from an unverified payload or header is reported, and a forged kid would pollute searches).
    typ: claims ? claims.typ : null,
    iss: claims ? claims.iss : null,
    kid: claims ? (result.kid ?? null) : null,
    permitNo: claims ? claims.wp.no : null,
    jti: claims ? claims.jti : null,
    token: await tokenHashOf(qrText),
    trustSeq: result.trustSeq,
    revocationSeq: result.revocationSeq,
  });
}
