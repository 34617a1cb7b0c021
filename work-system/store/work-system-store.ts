// The Work System's state behind one object: keys, trust lists, revocations, kiosks and audit.
// Used by the HTTP server, the admin commands, the demo launcher and the tests.
import type { AuditAck, EnrollRequest } from '../../shared/api/work-system-api';
import type { AuditEntry, ChainCheck } from '../../shared/audit/audit-entry';
import { encodeQrText } from '../../shared/codec/numeric-qr';
import type { CardClaims } from '../../shared/verify/claims';
import { buildCardClaims, signCardToken, type CardClaimsInput, type SigningKeyPair } from '../issuer';
import { takeInAuditBatch, type AuditIntakeResult } from './audit-intake';
import { AuditStore } from './audit-store';
import { dataDirPaths, ensureOwnerOnlyDir, type DataDirPaths } from './data-dir';
import { openWorkSystemDatabase, readMeta, writeMeta, type WorkSystemDatabase } from './database';
import { EnrollmentStore, type EnrollOutcome, type KioskRecord } from './enrollment-store';
import { KeyStore, type IssuerKeyRecord } from './key-store';
import { RevocationStore, type RevocationChange } from './revocation-store';
import { TrustPublisher, type PublishedTrustList } from './trust-publisher';

export interface OpenStoreOptions {
  readonly dataDir: string;
  /** The server's clock; tests move it to cross day and staleness boundaries. */
  readonly clock?: () => Date;
}

export interface IssueCardInput extends Omit<CardClaimsInput, 'iat'> {
  /** Default: now. */
  readonly iat?: number;
  /** Sign with this key instead of the issuer's current one (demo of a revoked key). */
  readonly kid?: string;
}

export interface IssuedCard {
  readonly claims: CardClaims;
  readonly jws: string;
  readonly qrText: string;
  readonly kid: string;
}

export class WorkSystemStore {
  readonly paths: DataDirPaths;
  readonly keys: KeyStore;
  readonly trust: TrustPublisher;
  readonly revocations: RevocationStore;
  readonly enrollment: EnrollmentStore;
  readonly audit: AuditStore;
  private closed = false;

  private constructor(
    readonly db: WorkSystemDatabase,
    paths: DataDirPaths,
    private readonly clock: () => Date,
  ) {
    this.paths = paths;
    this.keys = new KeyStore(db, paths);
    this.trust = new TrustPublisher(db, this.keys);
    this.revocations = new RevocationStore(db, () => this.keys.anchor);
    this.enrollment = new EnrollmentStore(db);
    this.audit = new AuditStore(db);
  }

  /** Opens (first time: creates) the data dir, keys, database and first publications. */
  static async open(options: OpenStoreOptions): Promise<WorkSystemStore> {
    const paths = dataDirPaths(options.dataDir);
    ensureOwnerOnlyDir(paths.root, false);
    const db = openWorkSystemDatabase(paths.database);
    const store = new WorkSystemStore(db, paths, options.clock ?? (() => new Date()));
    try {
      const { created } = await store.keys.loadOrCreate(store.nowSec());
      if (created) await store.trust.publish(store.nowSec());
      await store.refreshPublications();
      if (readMeta(db, 'created_at') === undefined) writeMeta(db, 'created_at', String(store.nowSec()));
    } catch (err) {
      db.close();
      throw err;
    }
    return store;
  }

  nowSec(): number {
    return Math.floor(this.clock().getTime() / 1000);
  }

  now(): Date {
    return this.clock();
  }

  get anchor(): SigningKeyPair {
    return this.keys.anchor;
  }

  anchorsJwks(): { keys: unknown[] } {
    return this.keys.anchorsJwks();
  }

  /** Re-signs the trust list and publishes an empty revocation delta when older than a day. */
  async refreshPublications(): Promise<{ trust: boolean; revocations: boolean }> {
    const trust = await this.trust.refreshIfOld(this.nowSec());
    const revocations = this.revocations.refreshIfOld(this.nowSec());
    return { trust, revocations };
  }

  currentTrustList(): PublishedTrustList {
    const current = this.trust.current();
    if (!current) throw new Error('no trust list published');
    return current;
  }

  createEnrollmentCode(): string {
    return this.enrollment.createCode(this.nowSec());
  }

  enrollKiosk(request: EnrollRequest): Promise<EnrollOutcome> {
    return this.enrollment.enroll(request, this.nowSec());
  }

  listKiosks(): KioskRecord[] {
    return this.enrollment.listKiosks();
  }

  revokePermit(permitNo: string): Promise<RevocationChange> {
    return this.revocations.revokePermit(permitNo, this.nowSec());
  }

  revokePermits(permitNos: readonly string[]): Promise<{ seq: number; added: number }> {
    return this.revocations.revokePermits(permitNos, this.nowSec());
  }

  reinstatePermit(permitNo: string): Promise<RevocationChange> {
    return this.revocations.reinstatePermit(permitNo, this.nowSec());
  }

  /** A new key for the issuer; publishes a new trust list. */
  async rotateKey(iss: string): Promise<{ key: IssuerKeyRecord; trust: PublishedTrustList }> {
    const key = await this.keys.rotate(iss, this.nowSec());
    return { key, trust: await this.trust.publish(this.nowSec()) };
  }

  /** Marks a key revoked from `at` (default now); publishes a new trust list. */
  async revokeKey(kid: string, at: number = this.nowSec()): Promise<{ key: IssuerKeyRecord; trust: PublishedTrustList }> {
    const key = this.keys.revoke(kid, at);
    return { key, trust: await this.trust.publish(this.nowSec()) };
  }

  /** Signs a card with the issuer's current key (or `kid`); claims are checked by §2.3 rules. */
  async issueCard(input: IssueCardInput): Promise<IssuedCard> {
    const iat = input.iat ?? this.nowSec();
    await this.keys.loadNewKeyFiles();
    const signer = input.kid !== undefined ? this.keys.pairOf(input.kid) : this.keys.signingKeyOf(input.iss, iat);
    const claims = buildCardClaims({ ...input, iat });
    const jws = await signCardToken(claims, signer);
    return { claims, jws, qrText: encodeQrText(jws), kid: signer.kid };
  }

  takeInAuditBatch(jws: string): Promise<AuditIntakeResult> {
    return takeInAuditBatch(jws, this, this.nowSec());
  }

  listAudit(kioskId: string, options: { fromSeq?: number; limit?: number } = {}): AuditEntry[] {
    return this.audit.list(kioskId, options);
  }

  verifyKioskChain(kioskId: string): Promise<ChainCheck> {
    return this.audit.verifyChain(kioskId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

export type { AuditAck, AuditIntakeResult, EnrollOutcome, KioskRecord, IssuerKeyRecord, PublishedTrustList, RevocationChange };
