// Issue 5: the kiosk's conversation with the Work System, all through host.workSystem (the
// renderer never opens a connection itself). Enrollment with a non-extractable key; trust list by
// conditional GET; revocations as delta or snapshot; audit upload in signed batches, entries
// marked synced only after the server acknowledged them.
import { API_PATHS, apiErrorSchema, enrollResponseSchema } from '../../shared/api/work-system-api';
import type { HostApi, WorkSystemRequest, WorkSystemResponse } from '../../shared/host/host-api';
import type { AuditLog } from '../audit/audit-log';
import { auditFacts } from '../audit/audit-facts';
import type { KioskDatabase } from '../db/database';
import type { SettingsStore } from '../db/settings-store';
import type { TrustStore } from '../trust/trust-store';
import { exportSignedAuditBatches, uploadAuditEntries, type UploadControl, type UploadOutcome } from './audit-upload';
import { deleteKioskKey, getOrCreateKioskKey } from './kiosk-key';
import { errorMessage, httpFailure, safeJson, transportFailure, type StepOutcome } from './sync-outcomes';

export type { StepOutcome, SyncFailure } from './sync-outcomes';
export type { UploadOutcome, UploadControl } from './audit-upload';

export type SyncPhase = 'trust' | 'revocations' | 'audit';

export interface SyncRoundOptions {
  /** Checked between steps and between audit batches (shutdown). */
  readonly signal?: AbortSignal;
  /** Where the round is: the phase, and done/total items of it where known (0/0 otherwise). */
  readonly onProgress?: (phase: SyncPhase, done: number, total: number) => void;
}

export interface SyncReport {
  readonly trust: StepOutcome;
  readonly revocations: StepOutcome;
  readonly audit: UploadOutcome;
  readonly at: string;
}

export interface SyncEngineDeps {
  readonly host: HostApi;
  readonly db: KioskDatabase;
  readonly settings: SettingsStore;
  readonly trust: TrustStore;
  readonly audit: AuditLog;
  readonly now: () => Date;
}

export class SyncEngine {
  private running: Promise<SyncReport> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private last: SyncReport | null = null;

  constructor(private readonly deps: SyncEngineDeps) {}

  get lastReport(): SyncReport | null {
    return this.last;
  }

  get enrolled(): boolean {
    return this.deps.settings.current.enrollment.state === 'enrolled';
  }

  /** Registers this kiosk with a one-time code; from then on new audit entries form its chain. */
  async enroll(code: string, operator: string | null = null): Promise<StepOutcome> {
    if (this.enrolled) return { ok: true, changed: false, detail: 'already enrolled' };
    const outcome = await this.enrollOnce(code, operator);
    if (outcome.ok || outcome.failure !== 'KEY_IN_USE') return outcome;
    // Our key is already enrolled (an earlier attempt whose answer was lost, or a cloned profile):
    // a kiosk identity is never shared, so start over with a fresh key. The code is still unused.
    await deleteKioskKey(this.deps.db);
    return this.enrollOnce(code, operator);
  }

  private async enrollOnce(code: string, operator: string | null): Promise<StepOutcome> {
    const key = await getOrCreateKioskKey(this.deps.db, this.deps.now);
    const config = await this.deps.host.getConfig();
    const response = await this.request({
      method: 'POST',
      path: API_PATHS.kiosks,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: config.kioskName, office: config.office, jwk: key.publicJwk }),
    });
    if (!response.ok) return transportFailure(response);
    if (response.status === 403) return { ok: false, failure: 'BAD_CODE', message: errorMessage(response.body) };
    if (response.status === 409) {
      const failure = apiErrorSchema.safeParse(safeJson(response.body)).data?.error === 'key_in_use' ? 'KEY_IN_USE' : 'CODE_USED';
      return { ok: false, failure, message: errorMessage(response.body) };
    }
    if (response.status !== 201) return httpFailure(response);
    const parsed = enrollResponseSchema.safeParse(safeJson(response.body));
    if (!parsed.success || parsed.data.kid !== key.kid) {
      return { ok: false, failure: 'HTTP', message: 'enrollment answer does not name our key' };
    }
    const { kioskId, kid } = parsed.data;
    await this.deps.settings.writeInternal({
      kioskId,
      enrollment: { state: 'enrolled', kioskId, kid, enrolledAt: this.deps.now().toISOString() },
      lastSyncAt: this.deps.now().toISOString(),
    });
    // First entry of the enrolled chain: who enrolled, and when.
    await this.deps.audit.append(auditFacts('settings_change'), operator);
    return { ok: true, changed: true, detail: kioskId };
  }

  /**
   * One round: trust list, revocations, audit upload. Concurrent calls share the round (the
   * options of the call that started it apply).
   */
  syncNow(options: SyncRoundOptions = {}): Promise<SyncReport> {
    this.running ??= this.round(options).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Periodic sync; returns a stop function. */
  start(intervalMs = 5 * 60_000): () => void {
    this.stop();
    void this.syncNow();
    this.timer = setInterval(() => void this.syncNow(), intervalMs);
    return () => this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get syncing(): boolean {
    return this.running !== null;
  }

  /** GET /v1/health: a cheap "is the Work System reachable now" (navigator.onLine alone lies). */
  async probe(timeoutMs = 5_000): Promise<StepOutcome> {
    const response = await this.request({ method: 'GET', path: API_PATHS.health, timeoutMs });
    if (!response.ok) return transportFailure(response);
    return response.status === 200 ? { ok: true, changed: false } : httpFailure(response);
  }

  private async round({ signal, onProgress }: SyncRoundOptions): Promise<SyncReport> {
    const cancelled = { ok: false, failure: 'CANCELLED', message: 'sync stopped' } as const;
    onProgress?.('trust', 0, 0);
    const trust = signal?.aborted ? cancelled : await this.syncTrustList();
    onProgress?.('revocations', 0, 0);
    const revocations = signal?.aborted
      ? cancelled
      : await this.syncRevocations(onProgress && ((done, total) => onProgress('revocations', done, total)));
    const audit = signal?.aborted
      ? { ...cancelled, uploaded: 0, duplicates: 0 }
      : await this.uploadAudit({
          ...(signal ? { signal } : {}),
          ...(onProgress ? { onProgress: (done: number, total: number) => onProgress('audit', done, total) } : {}),
        });
    const report = { trust, revocations, audit, at: this.deps.now().toISOString() };
    if (trust.ok || revocations.ok || audit.ok) await this.deps.settings.writeInternal({ lastSyncAt: report.at });
    this.last = report;
    return report;
  }

  async syncTrustList(): Promise<StepOutcome> {
    const status = await this.deps.trust.status();
    // A tampered or missing local list must be replaced whatever the ETag says.
    const etag = status.integrity === 'ok' ? this.deps.settings.current.trustListEtag : null;
    const response = await this.request({
      method: 'GET',
      path: API_PATHS.trustList,
      ...(etag ? { headers: { 'if-none-match': etag } } : {}),
    });
    if (!response.ok) return transportFailure(response);
    if (response.status === 304) return { ok: true, changed: false };
    if (response.status !== 200) return httpFailure(response);
    const outcome = await this.deps.trust.applyTrustListJws(response.body);
    if (outcome.applied || outcome.failure === 'NOT_NEWER') {
      await this.deps.settings.writeInternal({ trustListEtag: response.etag });
      return { ok: true, changed: outcome.applied };
    }
    return { ok: false, failure: 'REJECTED', message: `${outcome.failure}: ${outcome.message}` };
  }

  async syncRevocations(onProgress?: (done: number, total: number) => void): Promise<StepOutcome> {
    const current = (await this.deps.trust.status()).revocationSeq;
    let outcome = await this.fetchAndApplyRevocations(current ?? 0, onProgress);
    // A delta that does not fit our seq (server history pruned, or ours ahead): ask for a snapshot.
    if (!outcome.ok && outcome.failure === 'REJECTED' && /^(DELTA_MISMATCH|NO_BASE)/.test(outcome.message) && current !== 0) {
      outcome = await this.fetchAndApplyRevocations(0, onProgress);
    }
    return outcome;
  }

  private async fetchAndApplyRevocations(since: number, onProgress?: (done: number, total: number) => void): Promise<StepOutcome> {
    const response = await this.request({ method: 'GET', path: `${API_PATHS.revocations}?since=${since}`, timeoutMs: 120_000 });
    if (!response.ok) return transportFailure(response);
    if (response.status !== 200) return httpFailure(response);
    const outcome = await this.deps.trust.applyRevocationJws(response.body, onProgress);
    if (outcome.applied) return { ok: true, changed: true };
    if (outcome.failure === 'NOT_NEWER') return { ok: true, changed: false };
    return { ok: false, failure: 'REJECTED', message: `${outcome.failure}: ${outcome.message}` };
  }

  /** Uploads every unsynced entry of the enrolled chain, in batches, oldest first. */
  uploadAudit(control: UploadControl = {}): Promise<UploadOutcome> {
    return uploadAuditEntries(this.deps, (r) => this.request(r), control);
  }

  /**
   * For kiosks that are never online: the unsynced entries of the enrolled chain as signed batches
   * (the same JWS as an upload) for removable media; the Work System imports them with its
   * `import-audit` command. Entries stay unsynced: importing twice only counts duplicates.
   */
  exportSignedBatches(): Promise<string[]> {
    return exportSignedAuditBatches(this.deps);
  }

  private async request(request: WorkSystemRequest): Promise<WorkSystemResponse> {
    try {
      return await this.deps.host.workSystem(request);
    } catch (err) {
      return { ok: false, failure: 'OFFLINE', message: String(err) };
    }
  }
}
