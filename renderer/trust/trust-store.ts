// The kiosk's trust state: the signed trust list (re-verified against the pinned anchors at every
// start) and the revocation set. Lists are verified before any transaction opens; each applied
// update is recorded in the audit log.
import { planRevocationUpdate } from '../../shared/revocation/revocation-list';
import type { AnchorSet } from '../../shared/trust/anchors';
import { TrustDataError, type TrustDataFailure } from '../../shared/trust/signed-list';
import { assertTrustListIsNewer, verifyTrustList, type TrustList } from '../../shared/trust/trust-list';
import type { TrustState } from '../../shared/verify/trust-state';
import type { AuditLog } from '../audit/audit-log';
import { auditFacts } from '../audit/audit-facts';
import type { KioskDatabase } from '../db/database';
import { planningView, prepareRevocationsOffThread, type RevocationPreparer } from './revocation-prep';
import { RevocationStore, type ProgressCallback } from './revocation-store';

export type TrustIntegrity = 'ok' | 'tampered' | 'empty';

export interface TrustStatus {
  readonly trustSeq: number | null;
  readonly trustIat: number | null;
  readonly trustStaleAfter: number | null;
  readonly trustExpireAfter: number | null;
  readonly revocationSeq: number | null;
  readonly revocationIat: number | null;
  readonly revocationStaleAfter: number | null;
  readonly revocationCount: number;
  /** 'tampered': a stored trust list failed re-verification and is not used. */
  readonly integrity: TrustIntegrity;
  readonly problem?: string;
}

/** STORAGE: the list verified but IndexedDB refused the write (quota, closed database…). */
export type ApplyFailure = TrustDataFailure | 'STORAGE';

export type ApplyOutcome =
  | { readonly applied: true; readonly seq: number }
  | { readonly applied: false; readonly failure: ApplyFailure; readonly message: string };

export interface ApplyOptions {
  /** Who applied it (a manual update from removable media); null for the sync engine. */
  readonly operator?: string | null;
}

export class TrustStore {
  private trustList: TrustList | null;
  private integrity: TrustIntegrity;
  private problem: string | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly db: KioskDatabase,
    private readonly anchors: AnchorSet,
    private readonly audit: AuditLog,
    private readonly revocations: RevocationStore,
    private readonly prepareRevocations: RevocationPreparer,
    loaded: { trustList: TrustList | null; integrity: TrustIntegrity; problem?: string },
  ) {
    this.trustList = loaded.trustList;
    this.integrity = loaded.integrity;
    this.problem = loaded.problem;
  }

  /** `prepare`: where revocation lists are verified and bucketed (a worker in the browser). */
  static async open(
    db: KioskDatabase,
    anchors: AnchorSet,
    audit: AuditLog,
    prepare: RevocationPreparer = prepareRevocationsOffThread,
  ): Promise<TrustStore> {
    const revocations = await RevocationStore.open(db);
    // Leftovers of an interrupted snapshot or of a replaced set: cleared in the background.
    void revocations.sweepOtherGenerations().catch(() => undefined);
    return new TrustStore(db, anchors, audit, revocations, prepare, await loadTrustList(db, anchors));
  }

  async status(): Promise<TrustStatus> {
    const t = this.trustList;
    const r = this.revocations.meta;
    return {
      trustSeq: t?.seq ?? null,
      trustIat: t?.iat ?? null,
      trustStaleAfter: t?.staleAfter ?? null,
      trustExpireAfter: t?.expireAfter ?? null,
      revocationSeq: r?.seq ?? null,
      revocationIat: r?.iat ?? null,
      revocationStaleAfter: r?.staleAfter ?? null,
      revocationCount: this.revocations.count,
      integrity: this.integrity,
      ...(this.problem !== undefined ? { problem: this.problem } : {}),
    };
  }

  /** The state one verification runs against; revocation lookups hit IndexedDB. */
  state(): TrustState {
    return { trustList: this.trustList, revocations: this.revocations.meta ? this.revocations.view() : null };
  }

  /** Called after every applied update (status screens refresh). Returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  applyTrustListJws(jws: string, options: ApplyOptions = {}): Promise<ApplyOutcome> {
    return this.serialized(async () => {
      let list: TrustList;
      try {
        list = await verifyTrustList(jws, this.anchors);
        assertTrustListIsNewer(this.trustList, list);
      } catch (err) {
        return refused(err);
      }
      try {
        await this.db.trustList.put({ id: 'current', jws: list.jws, seq: list.seq, appliedAt: new Date().toISOString() });
      } catch (err) {
        return { applied: false, failure: 'STORAGE', message: String(err) };
      }
      this.trustList = list;
      this.integrity = 'ok';
      this.problem = undefined;
      await this.audit.append(
        auditFacts('trust_update', { trustSeq: list.seq, revocationSeq: this.revocations.meta?.seq ?? null }),
        options.operator ?? null,
      );
      this.notify();
      return { applied: true, seq: list.seq };
    });
  }

  applyRevocationJws(jws: string, onProgress?: ProgressCallback, options: ApplyOptions = {}): Promise<ApplyOutcome> {
    return this.serialized(async () => {
      let list;
      let kind;
      try {
        list = await this.prepareRevocations(jws, this.anchors);
        kind = planRevocationUpdate(this.revocations.meta, planningView(list));
      } catch (err) {
        return refused(err);
      }
      try {
        await this.revocations.apply(list, kind, onProgress);
      } catch (err) {
        return { applied: false, failure: 'STORAGE', message: String(err) };
      }
      await this.audit.append(
        auditFacts('revocations_update', { trustSeq: this.trustList?.seq ?? null, revocationSeq: list.seq }),
        options.operator ?? null,
      );
      this.notify();
      return { applied: true, seq: list.seq };
    });
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function refused(err: unknown): ApplyOutcome {
  if (err instanceof TrustDataError) return { applied: false, failure: err.failure, message: err.message };
  throw err;
}

/** A stored list that no longer verifies (edited, corrupted, anchors rotated away) is never used. */
async function loadTrustList(
  db: KioskDatabase,
  anchors: AnchorSet,
): Promise<{ trustList: TrustList | null; integrity: TrustIntegrity; problem?: string }> {
  const record = await db.trustList.get('current');
  if (!record) return { trustList: null, integrity: 'empty' };
  try {
    const list = await verifyTrustList(record.jws, anchors);
    if (list.seq !== record.seq) throw new Error(`stored seq ${record.seq} does not match the signed seq ${list.seq}`);
    return { trustList: list, integrity: 'ok' };
  } catch (err) {
    return { trustList: null, integrity: 'tampered', problem: `stored trust list failed re-verification: ${(err as Error).message}` };
  }
}
