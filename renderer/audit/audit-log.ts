// The kiosk's audit log (§8): an append-only hash chain per kiosk id in IndexedDB.
import Dexie from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { auditEntrySchema, chainAuditEntry, type AuditEntry, type ChainTip } from '../../shared/audit/audit-entry';
import type { KioskDatabase, StoredAuditEntry } from '../db/database';
import { checkAuditChains, type AuditChainCheck } from './audit-chain-check';
import { bumpCounts, countWithCounters, locateOffset, rebuildCounts } from './audit-counts';
import { csvHeader, csvRow } from './audit-csv';
import { auditFacts, type AuditEventFacts } from './audit-facts';
import { auditQuery, filterKey, isEmptyFilter, type AuditFilter } from './audit-query';

/** An entry as the history screen sees it: the §8 entry plus whether the Work System has it. */
export type AuditRecord = AuditEntry & { readonly synced: boolean };

export class AuditBusyError extends Error {
  constructor() {
    super('the audit chain kept changing under this append; gave up');
    this.name = 'AuditBusyError';
  }
}

const MAX_APPEND_ATTEMPTS = 64;
/** Offsets from which a jump is located through the day counters rather than a cursor advance. */
const JUMP_THRESHOLD = 1_000;

export interface AuditLogOptions {
  /** The `kiosk` of new entries (a local id until enrollment, then the Work System's). */
  readonly kioskId: () => string;
  readonly now: () => Date;
  /** Offsets from which page() locates through the day counters (default 1,000). */
  readonly jumpThreshold?: number;
}

export class AuditLog {
  /** Appends from this page run one after the other; the tip re-check covers other tabs. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Where the last page() ended, to continue from there; invalidated by appends and purges. */
  private resume: { filter: string; offset: number; lastAt: string; tiesShown: number; version: number } | null = null;
  private version = 0;

  constructor(
    private readonly db: KioskDatabase,
    private readonly options: AuditLogOptions,
  ) {}

  /**
   * Appends one entry in one durable transaction that re-reads the chain tip and writes the
   * entry. The hash is computed before the transaction (WebCrypto is a foreign await that would
   * commit an IndexedDB transaction early); if the tip moved meanwhile, it is rebuilt and retried.
   */
  append(facts: AuditEventFacts, operator: string | null): Promise<AuditEntry> {
    const run = this.tail.then(() => this.appendNow(facts, operator));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async appendNow(facts: AuditEventFacts, operator: string | null): Promise<AuditEntry> {
    const kiosk = this.options.kioskId();
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const chain = await this.db.auditChains.get(kiosk);
      const tip: ChainTip | null = chain ? { seq: chain.tipSeq, hash: chain.tipHash } : null;
      const entry = auditEntrySchema.parse(
        await chainAuditEntry(tip, { ...facts, operator }, { id: uuidv7(), at: this.options.now(), kiosk }),
      );
      const written = await this.db.transaction('rw', this.db.audit, this.db.auditChains, this.db.auditCounts, async () => {
        const current = await this.db.auditChains.get(kiosk);
        if (current?.tipSeq !== chain?.tipSeq || current?.tipHash !== chain?.tipHash) return false;
        await this.db.audit.add({ ...entry, synced: 0 });
        await bumpCounts(this.db, [entry], 1);
        await this.db.auditChains.put({
          kiosk,
          tipSeq: entry.seq,
          tipHash: entry.hash,
          baseSeq: current?.baseSeq ?? 0,
          baseHash: current?.baseHash ?? null,
        });
        return true;
      });
      if (written) {
        this.version++;
        return entry;
      }
      // Another connection appended first: back off a little (jittered) so two busy tabs take turns.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 * (attempt + 1), 20)));
    }
    throw new AuditBusyError();
  }

  /**
   * Newest first. Paging forward (offset = previous offset + previous rows) continues from the
   * last row shown, so walking a million entries page by page stays O(page size); a jump to an
   * arbitrary offset costs a cursor advance over the skipped index entries.
   */
  async page(filter: AuditFilter, offset: number, limit: number): Promise<AuditRecord[]> {
    const key = filterKey(filter);
    const resume = this.resume;
    let rows: StoredAuditEntry[];
    if (resume && resume.filter === key && resume.offset === offset && resume.version === this.version) {
      // Entries sharing the last `at` that were already shown are skipped by count.
      rows = await auditQuery(this.db, filter, resume.lastAt).offset(resume.tiesShown).limit(limit).toArray();
    } else if (offset >= (this.options.jumpThreshold ?? JUMP_THRESHOLD) && filter.permitNo === undefined) {
      const spot = await locateOffset(this.db, { ...filter, permitNo: undefined }, offset);
      const narrowed: AuditFilter = { ...filter, ...(spot?.to ? { to: spot.to } : {}) };
      rows = spot ? await auditQuery(this.db, narrowed).offset(spot.skip).limit(limit).toArray() : [];
    } else {
      rows = await auditQuery(this.db, filter).offset(offset).limit(limit).toArray();
    }
    const last = rows.at(-1);
    if (last) {
      const carried = resume && resume.filter === key && resume.offset === offset && resume.lastAt === last.at ? resume.tiesShown : 0;
      const ties = rows.filter((r) => r.at === last.at).length;
      this.resume = { filter: key, offset: offset + rows.length, lastAt: last.at, tiesShown: ties + carried, version: this.version };
    }
    return rows.map(toRecord);
  }

  /** With no filter, answered from the chain records (entries are only ever removed as chain prefixes). */
  async count(filter: AuditFilter): Promise<number> {
    if (isEmptyFilter(filter)) {
      const chains = await this.db.auditChains.toArray();
      return chains.reduce((n, c) => n + c.tipSeq - c.baseSeq, 0);
    }
    if (filter.permitNo === undefined) return countWithCounters(this.db, { ...filter, permitNo: undefined });
    return auditQuery(this.db, filter).count();
  }

  /** Recomputes the per-day counters from the entries (repair; after bulk-loading test data). */
  rebuildCounts(): Promise<void> {
    return this.db.transaction('rw', this.db.audit, this.db.auditCounts, () => rebuildCounts(this.db));
  }

  /**
   * Entries of the current chain not yet acknowledged by the Work System. Entries of a chain
   * written before enrollment (under the local id) are never uploaded and are not counted here;
   * they stay in the log (§8: unsynced entries are never deleted) and in CSV exports.
   */
  pendingCount(): Promise<number> {
    const kiosk = this.options.kioskId();
    return this.db.audit
      .where('[synced+kiosk+seq]')
      .between([0, kiosk, Dexie.minKey], [0, kiosk, Dexie.maxKey])
      .count();
  }

  /** The oldest unsynced entries of one chain after `afterSeq`, in seq order (the next batch). */
  async unsynced(kiosk: string, limit: number, afterSeq = 0): Promise<AuditEntry[]> {
    const rows = await this.db.audit
      .where('[synced+kiosk+seq]')
      .between([0, kiosk, afterSeq], [0, kiosk, Dexie.maxKey], false, true)
      .limit(limit)
      .toArray();
    return rows.map(stripSynced);
  }

  /** Marks entries of one chain up to `throughSeq` as acknowledged by the Work System. */
  async markSynced(kiosk: string, throughSeq: number): Promise<number> {
    return this.db.transaction('rw', this.db.audit, () =>
      this.db.audit
        .where('[synced+kiosk+seq]')
        .between([0, kiosk, Dexie.minKey], [0, kiosk, throughSeq], true, true)
        .modify({ synced: 1 }),
    );
  }

  /**
   * Marks entries of one chain from `fromSeq` on as not synced again (the server answered 409:
   * it lacks them). Returns how many were re-queued; purged entries cannot be.
   */
  async markUnsynced(kiosk: string, fromSeq: number): Promise<number> {
    return this.db.transaction('rw', this.db.audit, () =>
      this.db.audit
        .where('[synced+kiosk+seq]')
        .between([1, kiosk, fromSeq], [1, kiosk, Dexie.maxKey], true, true)
        .modify({ synced: 0 }),
    );
  }

  checkChain(onProgress?: (checked: number, total: number) => void): Promise<AuditChainCheck> {
    return checkAuditChains(this.db, onProgress);
  }

  /** The filtered entries as CSV (newest first); records an `export` entry itself. */
  async exportCsv(filter: AuditFilter, operator: string | null = null): Promise<string> {
    return (await this.csvParts(filter, operator)).join('');
  }

  /**
   * The same CSV as a Blob (UTF-8). For large exports: the rows never become one JS string
   * (a million rows are ~350 MB of text), and a Blob can go straight to a download or a file.
   */
  async exportCsvBlob(filter: AuditFilter, operator: string | null = null): Promise<Blob> {
    return new Blob(await this.csvParts(filter, operator), { type: 'text/csv;charset=utf-8' });
  }

  private async csvParts(filter: AuditFilter, operator: string | null): Promise<string[]> {
    const parts: string[] = [csvHeader()];
    await auditQuery(this.db, filter).each((row) => {
      parts.push(csvRow(stripSynced(row)));
    });
    await this.append(auditFacts('export'), operator);
    return parts;
  }

  /**
   * Deletes synced entries older than the retention period, oldest first and only as a prefix
   * of each chain (so the chain check can start from the recorded base). Never unsynced ones.
   */
  async purgeSynced(retentionDays: number, chunk = 5_000): Promise<number> {
    const cutoff = new Date(this.options.now().getTime() - retentionDays * 86_400_000).toISOString();
    let purged = 0;
    this.version++;
    for (const chain of await this.db.auditChains.toArray()) {
      for (;;) {
        const n = await this.db.transaction('rw', this.db.audit, this.db.auditChains, this.db.auditCounts, async () => {
          const current = await this.db.auditChains.get(chain.kiosk);
          if (!current) return 0;
          const rows = await this.db.audit
            .where('[kiosk+seq]')
            .between([chain.kiosk, current.baseSeq + 1], [chain.kiosk, Dexie.maxKey])
            .limit(chunk)
            .toArray();
          let last: StoredAuditEntry | undefined;
          const gone: StoredAuditEntry[] = [];
          for (const row of rows) {
            if (row.synced !== 1 || row.at >= cutoff) break;
            last = row;
            gone.push(row);
          }
          if (!last) return 0;
          await bumpCounts(this.db, gone, -1);
          await this.db.audit.where('[kiosk+seq]').between([chain.kiosk, current.baseSeq + 1], [chain.kiosk, last.seq], true, true).delete();
          const count = last.seq - current.baseSeq;
          await this.db.auditChains.put({ ...current, baseSeq: last.seq, baseHash: last.hash });
          return count;
        });
        purged += n;
        if (n < chunk) break;
      }
    }
    return purged;
  }
}

function stripSynced(row: StoredAuditEntry): AuditEntry {
  const { synced: _synced, ...entry } = row;
  return entry;
}

function toRecord(row: StoredAuditEntry): AuditRecord {
  return { ...stripSynced(row), synced: row.synced === 1 };
}
