// Audit upload (§7 POST /v1/audit): the unsynced entries of the enrolled chain in kiosk-signed
// batches; an entry is marked synced only once the Work System acknowledged holding it.
import {
  API_PATHS,
  auditAckSchema,
  auditGapSchema,
  JOSE_CONTENT_TYPE,
  MAX_AUDIT_BATCH_ENTRIES,
} from '../../shared/api/work-system-api';
import type { WorkSystemRequest, WorkSystemResponse } from '../../shared/host/host-api';
import type { AuditLog } from '../audit/audit-log';
import type { KioskDatabase } from '../db/database';
import type { SettingsStore } from '../db/settings-store';
import { signFittingBatch } from './audit-batch';
import { loadKioskKey } from './kiosk-key';
import { recordMediaExport } from './media-export-record';
import { errorMessage, safeJson, type SyncFailure } from './sync-outcomes';

export interface UploadOutcome {
  readonly ok: boolean;
  readonly uploaded: number;
  readonly duplicates: number;
  readonly failure?: SyncFailure;
  readonly message?: string;
}

export interface UploadDeps {
  readonly db: KioskDatabase;
  readonly settings: SettingsStore;
  readonly audit: AuditLog;
}

export type WorkSystemCall = (request: WorkSystemRequest) => Promise<WorkSystemResponse>;

export interface UploadControl {
  /** Checked between batches: a stop never leaves a batch half-marked (marking follows the ack). */
  readonly signal?: AbortSignal;
  /** Entries acknowledged so far, of those pending when the upload began. */
  readonly onProgress?: (done: number, total: number) => void;
}

const MAX_UPLOAD_ROUNDS = 1_000;

interface PreparedBatch {
  readonly jws: string;
  readonly lastSent: number;
}

/** Marks a promise as handled now (it is awaited later): a rejection must not go unreported nor crash. */
function settleLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Uploads every unsynced entry of the enrolled chain, in batches, oldest first.
 *
 * Two stages overlap: while batch k is on the wire, batch k+1 is read and signed; while batch k+1
 * is on the wire, batch k is marked synced. The rules stay: POSTs go one at a time in seq order,
 * and an entry is marked synced only after the ack that covers it.
 */
export async function uploadAuditEntries(deps: UploadDeps, request: WorkSystemCall, control: UploadControl = {}): Promise<UploadOutcome> {
  const enrollment = deps.settings.current.enrollment;
  if (enrollment.state !== 'enrolled') return { ok: false, uploaded: 0, duplicates: 0, failure: 'NOT_ENROLLED', message: 'kiosk not enrolled' };
  const key = await loadKioskKey(deps.db);
  if (!key || key.kid !== enrollment.kid) {
    return { ok: false, uploaded: 0, duplicates: 0, failure: 'NOT_ENROLLED', message: 'the enrolled key is missing' };
  }
  const kiosk = enrollment.kioskId;
  let uploaded = 0;
  let duplicates = 0;
  let requeued = false;
  const total = control.onProgress ? await deps.audit.pendingCount() : 0;
  control.onProgress?.(0, total);

  const prepare = async (afterSeq: number): Promise<PreparedBatch | null> => {
    const entries = await deps.audit.unsynced(kiosk, MAX_AUDIT_BATCH_ENTRIES, afterSeq);
    if (entries.length === 0) return null;
    const { jws, count } = await signFittingBatch(kiosk, entries, key);
    return { jws, lastSent: entries[count - 1]!.seq };
  };
  let marking: Promise<unknown> = Promise.resolve();
  /** Ends the upload once the mark in progress is written (it may throw: the database closed). */
  const finish = async (outcome: UploadOutcome): Promise<UploadOutcome> => {
    await marking;
    return outcome;
  };
  const fail = (failure: SyncFailure, message: string) => finish({ ok: false, uploaded, duplicates, failure, message });

  let batch = await prepare(0);
  for (let round = 0; batch && round < MAX_UPLOAD_ROUNDS; round++) {
    if (control.signal?.aborted) return fail('CANCELLED', 'upload stopped');
    const posting = request({
      method: 'POST',
      path: API_PATHS.audit,
      headers: { 'content-type': JOSE_CONTENT_TYPE },
      body: batch.jws,
    });
    // Reads only entries after this batch: disjoint from the rows being marked.
    const following = settleLater(prepare(batch.lastSent));
    const response = await posting;
    await marking;
    if (!response.ok) return fail(response.failure, response.message);
    if (response.status === 200) {
      const ack = auditAckSchema.safeParse(safeJson(response.body));
      if (!ack.success) return fail('HTTP', 'audit acknowledgement is malformed');
      // Only what the server confirms holding is marked: never past what we sent.
      const through = Math.min(ack.data.lastSeq, batch.lastSent);
      marking = settleLater(deps.audit.markSynced(kiosk, through));
      uploaded += ack.data.stored;
      duplicates += ack.data.duplicates;
      control.onProgress?.(Math.min(total, uploaded + duplicates), Math.max(total, uploaded + duplicates));
      // The server holds less than we sent (should not happen): resend from the first unsynced entry.
      batch = through === batch.lastSent ? await following : (await marking, await prepare(0));
      continue;
    }
    await following;
    if (response.status === 409) {
      // The server lacks entries we had marked synced (restored from a backup): resend them.
      const gap = auditGapSchema.safeParse(safeJson(response.body));
      if (!gap.success || requeued) return fail('HTTP', `409: ${errorMessage(response.body)}`);
      const requeuedCount = await deps.audit.markUnsynced(kiosk, gap.data.expectedSeq);
      const first = await deps.audit.unsynced(kiosk, 1);
      if (requeuedCount === 0 || first[0]?.seq !== gap.data.expectedSeq) {
        return fail('GAP_UNRECOVERABLE', `server expects seq ${gap.data.expectedSeq}, which is no longer held here`);
      }
      requeued = true;
      batch = await prepare(0);
      continue;
    }
    if (response.status === 422) return fail('CHAIN_MISMATCH', errorMessage(response.body));
    if (response.status === 401) return fail('UNAUTHORIZED', errorMessage(response.body));
    return fail('HTTP', `${response.status}: ${errorMessage(response.body)}`);
  }
  return finish({ ok: true, uploaded, duplicates });
}

/**
 * For kiosks that are never online: the unsynced entries of the enrolled chain as signed batches
 * (the same JWS as an upload) for removable media; the Work System imports them with its
 * `import-audit` command. Entries stay unsynced: importing twice only counts duplicates.
 */
export async function exportSignedAuditBatches(deps: UploadDeps): Promise<string[]> {
  const enrollment = deps.settings.current.enrollment;
  if (enrollment.state !== 'enrolled') return [];
  const key = await loadKioskKey(deps.db);
  if (!key || key.kid !== enrollment.kid) return [];
  const kiosk = enrollment.kioskId;
  const batches: string[] = [];
  let after = 0;
  for (;;) {
    const pending = await deps.audit.unsynced(kiosk, MAX_AUDIT_BATCH_ENTRIES, after);
    if (pending.length === 0) {
      // What left on media: an acknowledgement file may mark synced only entries up to here.
      if (after > 0) await recordMediaExport(deps.db, { kiosk, throughSeq: after, at: new Date().toISOString() });
      return batches;
    }
    const { jws, count } = await signFittingBatch(kiosk, pending, key);
    batches.push(jws);
    after = pending[count - 1]!.seq;
  }
}
