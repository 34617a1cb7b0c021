// Filters of the history screen mapped onto indexes, so paging and counting never scan the log.
import Dexie, { type Collection } from 'dexie';
import type { Verdict } from '../../shared/verify/result';
import type { KioskDatabase, StoredAuditEntry } from '../db/database';

export interface AuditFilter {
  /** Inclusive lower bound on `at`. */
  readonly from?: Date;
  /** Exclusive upper bound on `at` (a day range is [00:00, next day 00:00)). */
  readonly to?: Date;
  readonly verdict?: Verdict;
  readonly permitNo?: string;
}

type AuditCollection = Collection<StoredAuditEntry, [string, number]>;

/**
 * The filtered entries, newest first (by `at`, then by chain position). `through` (inclusive)
 * caps `at` from above: continuing a listing from its last row costs O(page), not O(offset).
 */
export function auditQuery(db: KioskDatabase, filter: AuditFilter, through?: string): AuditCollection {
  const from: string | typeof Dexie.minKey = filter.from ? filter.from.toISOString() : Dexie.minKey;
  let to: string | typeof Dexie.maxKey = filter.to ? filter.to.toISOString() : Dexie.maxKey;
  let includeTo = false;
  if (through !== undefined && (to === Dexie.maxKey || through < (to as string))) {
    to = through;
    includeTo = true;
  }
  let collection: AuditCollection;
  if (filter.permitNo !== undefined) {
    // One permit has few entries: the verdict, if any, is checked on that short list.
    collection = db.audit.where('[permitNo+at]').between([filter.permitNo, from], [filter.permitNo, to], true, includeTo);
    const verdict = filter.verdict;
    if (verdict !== undefined) collection = collection.and((e) => e.verdict === verdict);
  } else if (filter.verdict !== undefined) {
    collection = db.audit.where('[verdict+at]').between([filter.verdict, from], [filter.verdict, to], true, includeTo);
  } else if (filter.from || filter.to || through !== undefined) {
    collection = db.audit.where('at').between(from, to, true, includeTo);
  } else {
    collection = db.audit.orderBy('at');
  }
  return collection.reverse();
}

export function isEmptyFilter(filter: AuditFilter): boolean {
  return !filter.from && !filter.to && filter.verdict === undefined && filter.permitNo === undefined;
}

export function filterKey(filter: AuditFilter): string {
  return JSON.stringify([filter.from?.toISOString(), filter.to?.toISOString(), filter.verdict, filter.permitNo]);
}
