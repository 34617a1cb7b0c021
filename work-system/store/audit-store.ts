// Stores kiosks' audit chains (§8). A batch is checked against the stored tip and written in one
// SQLite transaction: all of it or none of it (§7).
import type { AuditAck } from '../../shared/api/work-system-api';
import {
  auditEntrySchema,
  GENESIS_PREV,
  verifyAuditChain,
  type AuditEntry,
  type ChainCheck,
  type ChainTip,
} from '../../shared/audit/audit-entry';
import type { WorkSystemDatabase } from './database';
import { canonicalAuditBody, hashCanonicalBody } from './audit-hash';

export type BatchRefusal =
  | { readonly kind: 'gap'; readonly expectedSeq: number; readonly message: string }
  | { readonly kind: 'chain_mismatch'; readonly message: string };

export type BatchOutcome = { readonly ok: true; readonly ack: AuditAck } | ({ readonly ok: false } & BatchRefusal);

interface StoredRow {
  kiosk_id: string;
  seq: number;
  id: string;
  hash: string;
  body: string;
}

export class AuditStore {
  private readonly insert;
  private readonly updateTip;
  private readonly readTip;
  private readonly readRange;

  constructor(private readonly db: WorkSystemDatabase) {
    this.insert = db.prepare(
      'INSERT INTO audit_entries (kiosk_id, seq, id, hash, at, event, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateTip = db.prepare('UPDATE kiosks SET last_seq = ?, last_hash = ? WHERE kiosk_id = ?');
    this.readTip = db.prepare('SELECT last_seq, last_hash FROM kiosks WHERE kiosk_id = ?');
    this.readRange = db.prepare('SELECT seq, id, hash FROM audit_entries WHERE kiosk_id = ? AND seq BETWEEN ? AND ? ORDER BY seq');
  }

  /**
   * Stores a batch of one kiosk's entries, already schema-checked and ordered as sent.
   * Entries already stored with the same id and hash are duplicates; the rest must continue the
   * stored chain exactly.
   */
  storeBatch(kioskId: string, entries: readonly AuditEntry[], receivedAt: number): BatchOutcome {
    const run = this.db.transaction((): BatchOutcome => {
      const tip = this.readTip.get(kioskId) as { last_seq: number; last_hash: string | null } | undefined;
      if (!tip) throw new Error(`unknown kiosk ${kioskId}`);
      const first = entries[0]!.seq;
      if (first > tip.last_seq + 1) {
        return {
          ok: false,
          kind: 'gap',
          expectedSeq: tip.last_seq + 1,
          message: `batch starts at seq ${first}; the next expected seq is ${tip.last_seq + 1}`,
        };
      }
      for (let i = 1; i < entries.length; i++) {
        if (entries[i]!.seq !== first + i) {
          return { ok: false, kind: 'chain_mismatch', message: `seq ${entries[i]!.seq} does not follow ${first + i - 1}` };
        }
      }
      const overlapEnd = Math.min(tip.last_seq, first + entries.length - 1);
      let duplicates = 0;
      if (overlapEnd >= first) {
        const stored = this.readRange.all(kioskId, first, overlapEnd) as { seq: number; id: string; hash: string }[];
        for (const row of stored) {
          const sent = entries[row.seq - first]!;
          if (sent.id !== row.id || sent.hash !== row.hash) {
            return { ok: false, kind: 'chain_mismatch', message: `entry seq ${row.seq} differs from the stored one` };
          }
          duplicates++;
        }
        if (duplicates !== overlapEnd - first + 1) throw new Error(`stored chain of ${kioskId} has holes`);
      }
      // Check every new entry before writing any: returning from inside the transaction
      // commits, so a refusal must come before the first insert.
      let prevHash = tip.last_hash ?? GENESIS_PREV;
      const bodies: string[] = [];
      for (let i = duplicates; i < entries.length; i++) {
        const entry = entries[i]!;
        if (entry.prev !== prevHash) {
          return { ok: false, kind: 'chain_mismatch', message: `entry seq ${entry.seq}: prev is not the hash of seq ${entry.seq - 1}` };
        }
        const body = canonicalAuditBody(entry);
        if (hashCanonicalBody(body) !== entry.hash) {
          return { ok: false, kind: 'chain_mismatch', message: `entry seq ${entry.seq}: hash does not match its content` };
        }
        bodies.push(body);
        prevHash = entry.hash;
      }
      for (let i = duplicates; i < entries.length; i++) {
        const entry = entries[i]!;
        this.insert.run(kioskId, entry.seq, entry.id, entry.hash, entry.at, entry.event, bodies[i - duplicates]!, receivedAt);
      }
      const lastSeq = Math.max(tip.last_seq, first + entries.length - 1);
      const stored = entries.length - duplicates;
      if (stored > 0) this.updateTip.run(lastSeq, prevHash, kioskId);
      return { ok: true, ack: { stored, duplicates, lastSeq } };
    });
    try {
      return run();
    } catch (err) {
      // An id reused at another seq (or by another kiosk) breaks the UNIQUE(id) rule.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        return { ok: false, kind: 'chain_mismatch', message: 'an entry id is already stored at another position' };
      }
      throw err;
    }
  }

  count(kioskId?: string): number {
    const row = (
      kioskId === undefined
        ? this.db.prepare('SELECT COUNT(*) AS n FROM audit_entries').get()
        : this.db.prepare('SELECT COUNT(*) AS n FROM audit_entries WHERE kiosk_id = ?').get(kioskId)
    ) as { n: number };
    return row.n;
  }

  /** Entries of one kiosk in chain order, rebuilt from the stored canonical body. */
  list(kioskId: string, options: { fromSeq?: number; limit?: number } = {}): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT kiosk_id, seq, id, hash, body FROM audit_entries WHERE kiosk_id = ? AND seq >= ? ORDER BY seq LIMIT ?')
      .all(kioskId, options.fromSeq ?? 1, options.limit ?? -1) as StoredRow[];
    return rows.map(toEntry);
  }

  /**
   * Re-checks a kiosk's whole stored chain with the reference implementation of §8, page by
   * page: an open SQLite iterator would block every other statement across the awaits.
   */
  async verifyChain(kioskId: string): Promise<ChainCheck> {
    let tip: ChainTip | null = null;
    let checked = 0;
    for (;;) {
      const page = this.list(kioskId, { fromSeq: (tip?.seq ?? 0) + 1, limit: CHAIN_CHECK_PAGE });
      if (page.length === 0) return { ok: true, tip, checked };
      const result = await verifyAuditChain(page, tip);
      if (!result.ok) return result;
      tip = result.tip;
      checked += result.checked;
    }
  }
}

const CHAIN_CHECK_PAGE = 5000;

function toEntry(row: StoredRow): AuditEntry {
  // Parsed again so that what leaves the store is a checked entry, not whatever the file holds.
  return auditEntrySchema.parse({ ...(JSON.parse(row.body) as object), hash: row.hash });
}
