// One object the UI gets at start: the database and every store wired together.
import './zod-jitless';
import type { AuditEntry } from '../../shared/audit/audit-entry';
import type { HostApi } from '../../shared/host/host-api';
import { loadTrustAnchors } from '../../shared/trust/anchors';
import { verifyCard } from '../../shared/verify/verify-card';
import type { VerificationResult } from '../../shared/verify/result';
import { AuditLog } from '../audit/audit-log';
import { auditFacts } from '../audit/audit-facts';
import { DEFAULT_DB_NAME, KioskDatabase, requestPersistentStorage } from '../db/database';
import { SettingsStore } from '../db/settings-store';
import { OperatorStore } from '../operators/operator-store';
import { SyncEngine } from '../sync/sync-engine';
import { TrustStore } from '../trust/trust-store';
import { verifyAuditFacts } from './verify-facts';

export interface VerifiedScan {
  readonly result: VerificationResult;
  readonly entry: AuditEntry;
}

export interface KioskServices {
  readonly db: KioskDatabase;
  readonly trust: TrustStore;
  readonly audit: AuditLog;
  readonly operators: OperatorStore;
  readonly settings: SettingsStore;
  /** Whether the browser granted persistent storage (false: data may be evicted under pressure). */
  readonly persistentStorage: boolean;
  /** The kiosk id new audit entries carry (local until enrollment). */
  kioskId(): Promise<string>;
  verifyAndRecord(qrText: string, operator: string | null): Promise<VerifiedScan>;
  readonly sync: SyncEngine;
  close(): void;
}

export interface OpenKioskServicesOptions {
  readonly host: HostApi;
  readonly dbName?: string;
  readonly now?: () => Date;
  /** PBKDF2 iterations for new PINs (tests may lower it to the 210,000 floor). */
  readonly pinIterations?: number;
}

export async function openKioskServices(opts: OpenKioskServicesOptions): Promise<KioskServices> {
  const now = opts.now ?? (() => new Date());
  const persistentStorage = await requestPersistentStorage();
  const config = await opts.host.getConfig();
  const anchors = await loadTrustAnchors(config.anchors);
  const db = new KioskDatabase(opts.dbName ?? DEFAULT_DB_NAME);
  await db.open();
  const settings = await SettingsStore.open(db);
  const audit = new AuditLog(db, { kioskId: () => settings.current.kioskId, now });
  settings.setChangeRecorder(async (operator) => {
    await audit.append(auditFacts('settings_change'), operator);
  });
  const trust = await TrustStore.open(db, anchors, audit);
  const operators = new OperatorStore(db, audit, now, opts.pinIterations);
  // Retention: synced entries past the period go at start, in the background (never unsynced ones).
  void audit.purgeSynced(settings.current.retentionDays).catch(() => undefined);

  async function verifyAndRecord(qrText: string, operator: string | null): Promise<VerifiedScan> {
    const result = await verifyCard(qrText, trust.state(), { now: now() });
    const entry = await audit.append(await verifyAuditFacts(qrText, result), operator);
    return { result, entry };
  }

  return {
    db,
    trust,
    audit,
    operators,
    settings,
    persistentStorage,
    kioskId: async () => settings.current.kioskId,
    verifyAndRecord,
    sync: new SyncEngine({ host: opts.host, db, settings, trust, audit, now }),
    close: () => db.close(),
  };
}
