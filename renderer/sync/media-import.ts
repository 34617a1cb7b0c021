// Removable media, for kiosks that are never online: (1) the acknowledgement the Work System's
// `import-audit` writes next to an imported batch, and (2) trust-list / revocation files picked
// together (a directory), put in an order that applies: newest trust list, then the newest
// revocation snapshot, then deltas by seq.
//
// Trust decision for the acknowledgement: the file ({kiosk, lastSeq, stored, duplicates}) is NOT
// signed, so anyone with the stick could write one. It is taken only as an admin action that is
// itself audited (a 'settings_change' entry naming the operator), and it can only mark synced
// entries that (a) belong to this kiosk's enrolled chain, (b) are ≤ its lastSeq and (c) did leave
// on media (≤ the highest seq exported, recorded at export). The worst a forged file can do is
// mark exported entries synced early; they are still kept for the retention period, and an online
// upload that meets a gap gets a 409 and resends whatever is still held.
import { z } from 'zod';
import { decodeProtectedHeader, decodeJwt } from 'jose';
import { auditFacts } from '../audit/audit-facts';
import type { AuditLog } from '../audit/audit-log';
import type { KioskDatabase } from '../db/database';
import type { SettingsStore } from '../db/settings-store';
import type { ApplyOutcome, TrustStore } from '../trust/trust-store';
import { TRUST_LIST_TYP } from '../../shared/trust/trust-list';
import { REVOCATION_LIST_TYP } from '../../shared/revocation/revocation-list';
import { readMediaExport } from './media-export-record';

export const auditAckFileSchema = z.strictObject({
  kiosk: z.string().min(1).max(200),
  lastSeq: z.int().min(0),
  stored: z.int().min(0),
  duplicates: z.int().min(0),
});

export type AckImportOutcome =
  | { readonly ok: true; readonly markedThrough: number; readonly marked: number }
  | { readonly ok: false; readonly failure: 'MALFORMED' | 'NOT_ENROLLED' | 'WRONG_KIOSK' | 'NOTHING_EXPORTED'; readonly message: string };

export interface AckImportDeps {
  readonly db: KioskDatabase;
  readonly settings: SettingsStore;
  readonly audit: AuditLog;
}

export async function importAuditAck(deps: AckImportDeps, text: string, operator: string): Promise<AckImportOutcome> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, failure: 'MALFORMED', message: 'not JSON' };
  }
  const ack = auditAckFileSchema.safeParse(json);
  if (!ack.success) return { ok: false, failure: 'MALFORMED', message: ack.error.issues[0]?.message ?? 'not an acknowledgement' };
  const enrollment = deps.settings.current.enrollment;
  if (enrollment.state !== 'enrolled') return { ok: false, failure: 'NOT_ENROLLED', message: 'kiosk not enrolled' };
  if (ack.data.kiosk !== enrollment.kioskId) {
    return { ok: false, failure: 'WRONG_KIOSK', message: `acknowledgement is for ${ack.data.kiosk}, this kiosk is ${enrollment.kioskId}` };
  }
  const exported = await readMediaExport(deps.db);
  if (!exported || exported.kiosk !== enrollment.kioskId) {
    return { ok: false, failure: 'NOTHING_EXPORTED', message: 'no audit batches of this chain were exported from this kiosk' };
  }
  const through = Math.min(ack.data.lastSeq, exported.throughSeq);
  const marked = through > 0 ? await deps.audit.markSynced(enrollment.kioskId, through) : 0;
  await deps.audit.append(auditFacts('settings_change'), operator);
  return { ok: true, markedThrough: through, marked };
}

/** A file as a directory picker gives it (a DOM File fits). */
export interface PickedFile {
  readonly name: string;
  text(): Promise<string>;
}

export type TrustFileKind = 'trust-list' | 'revocations-snapshot' | 'revocations-delta' | 'unknown';

export interface TrustFileOutcome {
  readonly name: string;
  readonly kind: TrustFileKind;
  readonly seq: number | null;
  /** applied, refused by the store, skipped (an older snapshot superseded by a newer one), or unreadable. */
  readonly result: ApplyOutcome | { readonly applied: false; readonly failure: 'SKIPPED' | 'UNREADABLE'; readonly message: string };
}

interface Classified {
  readonly name: string;
  readonly kind: TrustFileKind;
  readonly seq: number | null;
  readonly jws: string;
}

/** Reads header typ and payload seq/since without verifying: ordering only; apply verifies. */
export function classifyTrustFile(name: string, text: string): Classified {
  const jws = text.trim();
  try {
    const typ = decodeProtectedHeader(jws).typ;
    const payload = decodeJwt(jws) as { seq?: unknown; since?: unknown };
    const seq = typeof payload.seq === 'number' ? payload.seq : null;
    if (typ === TRUST_LIST_TYP) return { name, kind: 'trust-list', seq, jws };
    if (typ === REVOCATION_LIST_TYP) return { name, kind: payload.since === 0 ? 'revocations-snapshot' : 'revocations-delta', seq, jws };
  } catch {
    // falls through: reported as unreadable
  }
  return { name, kind: 'unknown', seq: null, jws };
}

const bySeq = (a: Classified, b: Classified) => (a.seq ?? 0) - (b.seq ?? 0);

/**
 * Applies trust-list and revocation files picked together. Order: trust lists by seq; the newest
 * revocation snapshot (older ones are skipped: it replaces them); deltas by seq. Every file gets
 * an outcome; a refused file never stops the others (a delta that does not fit is refused whole).
 */
export async function importTrustFiles(
  trust: TrustStore,
  files: readonly PickedFile[],
  options: { operator?: string | null; onProgress?: (file: string, done: number, total: number) => void } = {},
): Promise<TrustFileOutcome[]> {
  const classified = await Promise.all(files.map(async (f) => classifyTrustFile(f.name, await f.text())));
  const outcomes: TrustFileOutcome[] = [];
  const report = (c: Classified, result: TrustFileOutcome['result']) => outcomes.push({ name: c.name, kind: c.kind, seq: c.seq, result });
  const applyOptions = { operator: options.operator ?? null };

  for (const c of classified.filter((c) => c.kind === 'unknown')) {
    report(c, { applied: false, failure: 'UNREADABLE', message: 'not a trust list or revocation list' });
  }
  for (const c of classified.filter((c) => c.kind === 'trust-list').sort(bySeq)) {
    report(c, await trust.applyTrustListJws(c.jws, applyOptions));
  }
  const snapshots = classified.filter((c) => c.kind === 'revocations-snapshot').sort(bySeq);
  const newest = snapshots.at(-1);
  for (const c of snapshots.slice(0, -1)) report(c, { applied: false, failure: 'SKIPPED', message: `superseded by snapshot seq ${newest?.seq}` });
  const revocations = [...(newest ? [newest] : []), ...classified.filter((c) => c.kind === 'revocations-delta').sort(bySeq)];
  for (const c of revocations) {
    const progress = options.onProgress && ((done: number, total: number) => options.onProgress!(c.name, done, total));
    report(c, await trust.applyRevocationJws(c.jws, progress, applyOptions));
  }
  return outcomes;
}
