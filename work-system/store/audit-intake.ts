// Intake of a kiosk-signed audit batch (§7 POST /v1/audit), shared by the HTTP route and the
// `import-audit` command for batches carried on removable media. Checks, in order: envelope,
// signer (an enrolled kiosk key), signature, size, entry schema, signer = batch kiosk = every
// entry's kiosk, then the chain against what is stored.
import {
  AUDIT_BATCH_TYP,
  auditBatchSchema,
  MAX_AUDIT_BATCH_BYTES,
  MAX_AUDIT_BATCH_ENTRIES,
  type AuditAck,
} from '../../shared/api/work-system-api';
import { findForbiddenHeaderMember, isKidFormat } from '../../shared/jws/compact-jws';
import type { AuditStore } from './audit-store';
import type { EnrollmentStore } from './enrollment-store';
import { openCompactJws, payloadText, verifyEs256Jws, type OpenedJws } from './kiosk-jws';

export type AuditIntakeResult =
  | { readonly status: 200; readonly kioskId: string; readonly ack: AuditAck }
  | {
      readonly status: 400 | 401 | 409 | 413 | 422;
      readonly error: string;
      readonly message: string;
      readonly expectedSeq?: number;
    };

type Refusal = Exclude<AuditIntakeResult, { status: 200 }>;

const refuse = (status: Refusal['status'], error: string, message: string): Refusal => ({ status, error, message });

export async function takeInAuditBatch(
  jws: string,
  stores: { readonly enrollment: EnrollmentStore; readonly audit: AuditStore },
  receivedAt: number,
): Promise<AuditIntakeResult> {
  if (jws.length > MAX_AUDIT_BATCH_BYTES) {
    return refuse(413, 'batch_too_large', `a batch is at most ${MAX_AUDIT_BATCH_BYTES} bytes`);
  }
  let parsed: OpenedJws;
  try {
    parsed = openCompactJws(jws.trim());
  } catch (err) {
    return refuse(400, 'malformed_jws', (err as Error).message);
  }
  const { header } = parsed;
  if (header.alg !== 'ES256') return refuse(400, 'malformed_jws', 'alg must be ES256');
  if (header.typ !== AUDIT_BATCH_TYP) return refuse(400, 'malformed_jws', `typ must be ${AUDIT_BATCH_TYP}`);
  const forbidden = findForbiddenHeaderMember(header);
  if (forbidden) return refuse(400, 'malformed_jws', `header member ${forbidden} is not allowed`);
  if (!isKidFormat(header.kid)) return refuse(401, 'unknown_kiosk', 'header kid is not a key id');

  const kiosk = stores.enrollment.kioskByKid(header.kid);
  if (!kiosk) return refuse(401, 'unknown_kiosk', `no kiosk is enrolled with key ${header.kid}`);
  if (!verifyEs256Jws(parsed, kiosk.kid, kiosk.jwk)) {
    return refuse(401, 'bad_signature', `signature does not verify with the key of ${kiosk.kioskId}`);
  }

  let payload: unknown;
  try {
    payload = JSON.parse(payloadText(parsed));
  } catch {
    return refuse(400, 'invalid_batch', 'payload is not UTF-8 JSON');
  }
  const sentEntries = (payload as { entries?: unknown } | null)?.entries;
  if (Array.isArray(sentEntries) && sentEntries.length > MAX_AUDIT_BATCH_ENTRIES) {
    return refuse(413, 'batch_too_large', `a batch holds at most ${MAX_AUDIT_BATCH_ENTRIES} entries, not ${sentEntries.length}`);
  }
  const batch = auditBatchSchema.safeParse(payload);
  if (!batch.success) {
    const issue = batch.error.issues[0]!;
    return refuse(400, 'invalid_batch', `${issue.path.join('.') || 'batch'}: ${issue.message}`);
  }
  if (batch.data.kiosk !== kiosk.kioskId) {
    return refuse(401, 'kiosk_mismatch', `batch of ${batch.data.kiosk} is signed by the key of ${kiosk.kioskId}`);
  }
  const stray = batch.data.entries.find((e) => e.kiosk !== kiosk.kioskId);
  if (stray) return refuse(422, 'kiosk_mismatch', `entry seq ${stray.seq} belongs to kiosk ${stray.kiosk}`);

  const outcome = stores.audit.storeBatch(kiosk.kioskId, batch.data.entries, receivedAt);
  if (outcome.ok) return { status: 200, kioskId: kiosk.kioskId, ack: outcome.ack };
  if (outcome.kind === 'gap') {
    return { status: 409, error: 'seq_gap', message: outcome.message, expectedSeq: outcome.expectedSeq };
  }
  return refuse(422, 'chain_mismatch', outcome.message);
}
