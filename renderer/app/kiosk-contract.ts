// The slice of the data layer the UI uses, written from docs/RENDERER-CONTRACT.md. The data
// helper's KioskServices (renderer/kiosk) satisfies it structurally; keeping the UI on this
// interface lets screens be tested with small in-memory fakes and keeps one seam to the data layer.
import type { AuditEntry, AuditFacts, ChainCheck } from '../../shared/audit/audit-entry';
import type { Verdict, VerificationResult } from '../../shared/verify/result';

export type OperatorRole = 'officer' | 'admin';

export interface Operator {
  readonly id: string;
  readonly name: string;
  readonly role: OperatorRole;
}

export interface TrustStatus {
  readonly trustSeq: number | null;
  readonly trustIat: number | null;
  readonly trustStaleAfter: number | null;
  readonly trustExpireAfter: number | null;
  readonly revocationSeq: number | null;
  readonly revocationIat: number | null;
  readonly revocationStaleAfter: number | null;
  readonly revocationCount: number;
  readonly integrity: 'ok' | 'tampered' | 'empty';
  readonly problem?: string;
}

export type ApplyOutcome =
  | { readonly applied: true; readonly seq: number }
  | { readonly applied: false; readonly failure: string; readonly message: string };

export interface AuditFilter {
  /** Inclusive lower bound on `at`. */
  readonly from?: Date;
  /** Exclusive upper bound on `at`. */
  readonly to?: Date;
  readonly verdict?: Verdict;
  readonly permitNo?: string;
}

/** Facts the caller states; the operator is passed to `append` separately. */
export type AuditEventFacts = Omit<AuditFacts, 'operator'>;
export interface ApplyOptions {
  readonly operator?: string | null;
}

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
}

export type SignInOutcome =
  | { readonly ok: true; readonly operator: Operator }
  | { readonly ok: false; readonly reason: 'BAD_CREDENTIALS' | 'LOCKED'; readonly lockedUntil?: Date };

export interface OperatorStoreUi {
  hasAdmin(): Promise<boolean>;
  // The store records signin, signout and settings_change (create/remove) audit entries itself.
  create(op: { id: string; name: string; pin: string; role: OperatorRole }, by?: string | null): Promise<void>;
  signIn(id: string, pin: string): Promise<SignInOutcome>;
  signOut(id: string): Promise<void>;
  list(): Promise<readonly Operator[]>;
  remove(id: string, by?: string | null): Promise<void>;
}

export interface KioskServicesUi {
  readonly trust: TrustStoreUi;
  readonly audit: AuditLogUi;
  readonly operators: OperatorStoreUi;
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
