// The slice of the data layer the UI uses (docs/RENDERER-CONTRACT.md). The stores are classes
// with private members, which TypeScript compares nominally; the UI depends on these method-only
// interfaces instead, which the real KioskServices satisfies structurally (checked in main.tsx)
// and small in-memory fakes can satisfy too. Plain data types come from the data layer itself.
import type { AuditEntry, ChainCheck } from '../../shared/audit/audit-entry';
import type { VerificationResult } from '../../shared/verify/result';
import type { AuditFilter } from '../audit/audit-query';
import type { AuditEventFacts } from '../audit/audit-facts';
import type { Operator, OperatorRole, SignInResult } from '../operators/operator-store';
import type { ApplyOptions, ApplyOutcome, TrustStatus } from '../trust/trust-store';
import type { StepOutcome, SyncReport, SyncRoundOptions } from '../sync/sync-engine';
import type { AckImportOutcome, PickedFile, TrustFileOutcome } from '../sync/media-import';

export type { OperatorRole, Operator } from '../operators/operator-store';
export type { TrustStatus, ApplyOutcome, ApplyOptions } from '../trust/trust-store';
export type { AuditFilter } from '../audit/audit-query';
export type { AuditEventFacts } from '../audit/audit-facts';

export interface TrustStoreUi {
  status(): Promise<TrustStatus>;
  applyTrustListJws(jws: string, options?: ApplyOptions): Promise<ApplyOutcome>;
  applyRevocationJws(jws: string, onProgress?: (done: number, total: number) => void, options?: ApplyOptions): Promise<ApplyOutcome>;
  /** Called after every applied update; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
}

export interface AuditLogUi {
  append(facts: AuditEventFacts, operator: string | null): Promise<AuditEntry>;
  page(filter: AuditFilter, offset: number, limit: number): Promise<AuditEntry[]>;
  count(filter: AuditFilter): Promise<number>;
  pendingCount(): Promise<number>;
  checkChain(onProgress?: (checked: number, total: number) => void): Promise<ChainCheck>;
  /** Records an `export` entry itself. */
  exportCsv(filter: AuditFilter, operator?: string | null): Promise<string>;
  /** The same CSV as a Blob (large exports never become one string); records an `export` entry. */
  exportCsvBlob(filter: AuditFilter, operator?: string | null): Promise<Blob>;
}

export type { SignInResult } from '../operators/operator-store';

export interface OperatorStoreUi {
  hasAdmin(): Promise<boolean>;
  // The store records signin, signout and settings_change (create/remove) audit entries itself.
  create(op: { id: string; name: string; pin: string; role: OperatorRole }, by?: string | null): Promise<void>;
  signIn(id: string, pin: string): Promise<SignInResult>;
  signOut(id: string): Promise<void>;
  list(): Promise<readonly Operator[]>;
  remove(id: string, by?: string | null): Promise<void>;
}

export type { SyncReport, StepOutcome } from '../sync/sync-engine';

/** The sync engine (issue 5): every call goes through host.workSystem. */
export interface SyncUi {
  readonly enrolled: boolean;
  readonly lastReport: SyncReport | null;
  enroll(code: string, operator?: string | null): Promise<StepOutcome>;
  /** One round: trust list, revocations, audit upload; concurrent calls share the round. */
  syncNow(options?: SyncRoundOptions): Promise<SyncReport>;
  /** GET /v1/health: whether the Work System answers now (the SyncScheduler's probe). */
  probe(): Promise<StepOutcome>;
  /** The unsynced entries of the enrolled chain as signed batches for removable media. */
  exportSignedBatches(): Promise<string[]>;
}

/** The administrator-editable kiosk settings (audited by the store itself). */
export interface SettingsUi {
  readonly current: { readonly retentionDays: number };
  update(patch: { retentionDays?: number }, operator: string | null): Promise<unknown>;
}

export type { AckImportOutcome, PickedFile, TrustFileOutcome } from '../sync/media-import';

/** Removable media for kiosks that are never online (wired in main.tsx from renderer/sync). */
export interface MediaUi {
  /** An acknowledgement file written by `ws import-audit`; records a settings_change entry. */
  importAuditAck(text: string, operator: string): Promise<AckImportOutcome>;
  /** Trust-list and revocation files picked together, applied in an order that fits. */
  importTrustFiles(
    files: readonly PickedFile[],
    options: { operator: string | null; onProgress?: (file: string, done: number, total: number) => void },
  ): Promise<TrustFileOutcome[]>;
}

export interface KioskServicesUi {
  readonly sync: SyncUi;
  readonly trust: TrustStoreUi;
  readonly audit: AuditLogUi;
  readonly operators: OperatorStoreUi;
  readonly settings: SettingsUi;
  /** The kiosk id as recorded in audit entries. */
  kioskId(): Promise<string>;
  verifyAndRecord(qrText: string, operator: string | null): Promise<{ result: VerificationResult; entry: AuditEntry }>;
}

export interface QrDecoderUi {
  decode(frame: ImageBitmap | ImageData): Promise<string | null>;
  dispose(): void;
}

/** Scanning entry points from renderer/scan (data helper), injected so screens stay testable. */
export interface ScanToolkit {
  createQrDecoder(): QrDecoderUi;
  decodeImageFile(file: Blob): Promise<string | null>;
  listenForWedgeScans(target: EventTarget, onScan: (text: string) => void): () => void;
}
