// An audit upload: the unsynced entries of one chain as a JWS signed by the kiosk key (§7).
import { CompactSign } from 'jose';
import { AUDIT_BATCH_TYP, MAX_AUDIT_BATCH_BYTES, MAX_AUDIT_BATCH_ENTRIES, type AuditBatch } from '../../shared/api/work-system-api';
import type { AuditEntry } from '../../shared/audit/audit-entry';
import { encodeUtf8 } from '../../shared/encoding/base64url';
import type { KioskKey } from './kiosk-key';

export async function signAuditBatch(batch: AuditBatch, key: KioskKey): Promise<string> {
  return new CompactSign(encodeUtf8(JSON.stringify(batch)))
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: AUDIT_BATCH_TYP })
    .sign(key.privateKey);
}

/**
 * Signs the longest prefix of `entries` (≤ 1,000) whose JWS fits in 1 MiB, halving on overflow.
 * Returns the JWS and how many entries it carries.
 */
export async function signFittingBatch(
  kiosk: string,
  entries: readonly AuditEntry[],
  key: KioskKey,
): Promise<{ jws: string; count: number }> {
  let count = Math.min(entries.length, MAX_AUDIT_BATCH_ENTRIES);
  for (;;) {
    const jws = await signAuditBatch({ kiosk, entries: entries.slice(0, count) }, key);
    if (jws.length <= MAX_AUDIT_BATCH_BYTES || count === 1) return { jws, count };
    count = Math.max(1, Math.floor(count / 2));
  }
}
