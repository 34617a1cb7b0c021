// The kiosk's local database (IndexedDB through Dexie). Every durable fact the kiosk keeps lives
// here: the signed trust list, the revocation set, the audit chain, operators and settings.
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { AuditEntry } from '../../shared/audit/audit-entry';
import { rebuildCounts } from '../audit/audit-counts';

/** The last applied trust list, kept as its signed original and re-verified at every start. */
export interface TrustListRecord {
  readonly id: 'current';
  readonly jws: string;
  readonly seq: number;
  readonly appliedAt: string;
}

/**
 * Which revocation generation the verifier reads. A snapshot is written into a new generation
 * and becomes visible only when this small record flips, so a crash mid-apply keeps the old set.
 */
export interface RevocationMetaRecord {
  readonly id: 'current';
  readonly seq: number;
  readonly iat: number;
  readonly staleAfter: number;
  readonly generation: number;
  readonly count: number;
  readonly appliedAt: string;
}

/** An audit entry as stored: `synced` is local bookkeeping (0/1, IndexedDB cannot index booleans). */
export type StoredAuditEntry = AuditEntry & { synced: 0 | 1 };

/**
 * The tip of one kiosk's chain, updated in the same transaction as each append, so a truncated
 * tail is detected; `base` is the last entry purged by retention (null: nothing purged).
 */
export interface AuditChainRecord {
  readonly kiosk: string;
  readonly tipSeq: number;
  readonly tipHash: string;
  readonly baseSeq: number;
  readonly baseHash: string | null;
}

/** Entries per UTC day, all (`*|day`) and per verdict (`valid|day`…). See audit-counts.ts. */
export interface AuditCountRecord {
  readonly key: string;
  readonly n: number;
}

export type OperatorRole = 'officer' | 'admin';

export interface OperatorRecord {
  readonly id: string;
  readonly name: string;
  readonly role: OperatorRole;
  /** PBKDF2-SHA-256 parameters and derived bits, all b64u. */
  readonly salt: string;
  readonly iterations: number;
  readonly hash: string;
  readonly failures: number;
  /** ISO time until which sign-in is refused; null when not locked. */
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

/** Kiosk key pairs for the sync engine: non-extractable CryptoKeys stored as structured clones. */
export interface KioskKeyRecord {
  readonly id: 'current';
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly kid: string;
  readonly createdAt: string;
}

export const DEFAULT_DB_NAME = 'essc-kiosk';

export class KioskDatabase extends Dexie {
  trustList!: EntityTable<TrustListRecord, 'id'>;
  revocationMeta!: EntityTable<RevocationMetaRecord, 'id'>;
  /** Outbound keys `${generation, 8 digits}:${bucket}` → the bucket's sorted hashes, concatenated. */
  revocations!: Table<string, string>;
  audit!: Table<StoredAuditEntry, [string, number]>;
  auditChains!: EntityTable<AuditChainRecord, 'kiosk'>;
  auditCounts!: EntityTable<AuditCountRecord, 'key'>;
  operators!: EntityTable<OperatorRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  kioskKeys!: EntityTable<KioskKeyRecord, 'id'>;

  constructor(name: string = DEFAULT_DB_NAME) {
    // 'strict' asks Chromium to flush to disk before a transaction reports complete: an audit
    // entry, a lockout counter or a flipped revocation pointer must survive a power cut.
    super(name, { chromeTransactionDurability: 'strict' });
    applySchema(this);
  }
}

/**
 * Schema history. Never edit a published version: add a new one (with an upgrade function when
 * data must move) so kiosks in the field migrate in place.
 */
function applySchema(db: Dexie): void {
  db.version(1).stores({
    trustList: 'id',
    revocationMeta: 'id',
    revocations: '',
    // Newest-first paging walks `at` (alone or behind the filter's equality key); uploads walk
    // unsynced entries of one chain in seq order; retention walks synced entries by age.
    audit: '[kiosk+seq], &id, at, [verdict+at], [permitNo+at], [synced+kiosk+seq], [synced+at]',
    auditChains: 'kiosk',
    operators: 'id',
    settings: 'key',
  });
  // v2 (issue 5): the kiosk's enrollment key pair.
  db.version(2).stores({
    kioskKeys: 'id',
  });
  // v3: per-day audit counters, built from the entries already stored.
  db.version(3)
    .stores({ auditCounts: 'key' })
    .upgrade((tx) => rebuildCounts(db as KioskDatabase, tx));
}

/** Fixed width, so keys sort by generation numerically. */
function generationPrefix(generation: number): string {
  return `${String(generation).padStart(8, '0')}:`;
}

/** Key of one revocation bucket within a generation. */
export function revocationKey(generation: number, bucket: string): string {
  return generationPrefix(generation) + bucket;
}

/** [lower, upper] bounds of every key of one generation. */
export function generationRange(generation: number): [string, string] {
  const prefix = generationPrefix(generation);
  return [prefix, `${prefix}\uffff`];
}

/** The generation a revocation key belongs to. */
export function generationOfKey(key: string): number {
  return Number(key.slice(0, key.indexOf(':')));
}

/** Asks the browser not to evict our storage under pressure; false when it refuses or cannot. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}
