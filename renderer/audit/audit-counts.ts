// Per-day counters of audit entries (all, and per verdict), kept in the same transaction as each
// append and purge. Counting "every invalid result this year" in a million-entry log is then a
// sum over ≤ 366 small records plus two partial days read through the index, instead of a walk
// over hundreds of thousands of index entries.
import type { Transaction } from 'dexie';
import type { Verdict } from '../../shared/verify/result';
import type { AuditCountRecord, KioskDatabase, StoredAuditEntry } from '../db/database';
import { auditQuery, type AuditFilter } from './audit-query';

const ALL = '*';
const DAY_MS = 86_400_000;

/** Counter keys an entry contributes to: `${verdict|*}|${UTC day}`. */
export function countKeysOf(entry: Pick<StoredAuditEntry, 'at' | 'verdict'>): string[] {
  const day = entry.at.slice(0, 10);
  return entry.verdict ? [`${ALL}|${day}`, `${entry.verdict}|${day}`] : [`${ALL}|${day}`];
}

/** Adds `delta` per entry to its counters; call inside a rw transaction over auditCounts. */
export async function bumpCounts(
  db: KioskDatabase,
  entries: readonly Pick<StoredAuditEntry, 'at' | 'verdict'>[],
  delta: 1 | -1,
): Promise<void> {
  const changes = new Map<string, number>();
  for (const entry of entries) for (const key of countKeysOf(entry)) changes.set(key, (changes.get(key) ?? 0) + delta);
  const keys = [...changes.keys()];
  const current = await db.auditCounts.bulkGet(keys);
  const records: AuditCountRecord[] = keys.map((key, i) => ({ key, n: (current[i]?.n ?? 0) + changes.get(key)! }));
  await db.auditCounts.bulkPut(records);
}

/** Rebuilds every counter from the entries (schema upgrade, repair, bulk-loaded data). */
export async function rebuildCounts(db: KioskDatabase, tx?: Transaction): Promise<void> {
  const counts = new Map<string, number>();
  const table = tx ? tx.table<StoredAuditEntry>('audit') : db.audit;
  await table.each((entry) => {
    for (const key of countKeysOf(entry)) counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const target = tx ? tx.table<AuditCountRecord, string>('auditCounts') : db.auditCounts;
  await target.clear();
  await target.bulkPut([...counts].map(([key, n]) => ({ key, n })));
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** count(filter) for filters without a permit number: whole days from counters, edges from the index. */
export async function countWithCounters(db: KioskDatabase, filter: AuditFilter & { permitNo?: undefined }): Promise<number> {
  const from = filter.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = filter.to?.getTime() ?? Number.POSITIVE_INFINITY;
  if (!(from < to)) return 0;
  const firstFullDay = Number.isFinite(from) ? startOfUtcDay(from + DAY_MS - 1) : from;
  const endFullDays = Number.isFinite(to) ? startOfUtcDay(to) : to;
  if (!(firstFullDay < endFullDays)) return auditQuery(db, filter).count();
  const label: Verdict | typeof ALL = filter.verdict ?? ALL;
  const lower = Number.isFinite(firstFullDay) ? `${label}|${new Date(firstFullDay).toISOString().slice(0, 10)}` : `${label}|`;
  const upper = Number.isFinite(endFullDays) ? `${label}|${new Date(endFullDays).toISOString().slice(0, 10)}` : `${label}|\uffff`;
  let total = 0;
  await db.auditCounts.where('key').between(lower, upper, true, false).each((r) => {
    total += r.n;
  });
  if (Number.isFinite(from) && from < firstFullDay) {
    total += await auditQuery(db, { ...filter, from: new Date(from), to: new Date(firstFullDay) }).count();
  }
  if (Number.isFinite(to) && endFullDays < to) {
    total += await auditQuery(db, { ...filter, from: new Date(endFullDays), to: new Date(to) }).count();
  }
  return total;
}

/**
 * Where the `offset`-th entry (newest first) of a permit-less filter sits: the exclusive upper
 * bound `to` of its day segment and the offset left inside it; null past the last entry. Walking day counters instead of
 * index entries turns a jump to page 20,000 into reading a few hundred small records.
 */
export async function locateOffset(
  db: KioskDatabase,
  filter: AuditFilter & { permitNo?: undefined },
  offset: number,
): Promise<{ to: Date | undefined; skip: number } | null> {
  const from = filter.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = filter.to?.getTime() ?? Number.POSITIVE_INFINITY;
  const firstFullDay = Number.isFinite(from) ? startOfUtcDay(from + DAY_MS - 1) : from;
  const endFullDays = Number.isFinite(to) ? startOfUtcDay(to) : to;
  if (!(from < to) || !(firstFullDay < endFullDays)) return { to: filter.to, skip: offset };
  let left = offset;
  // Newest partial day first.
  if (Number.isFinite(to) && endFullDays < to) {
    const n = await auditQuery(db, { ...filter, from: new Date(endFullDays), to: new Date(to) }).count();
    if (left < n) return { to: filter.to, skip: left };
    left -= n;
  }
  const label: Verdict | typeof ALL = filter.verdict ?? ALL;
  const lower = Number.isFinite(firstFullDay) ? `${label}|${new Date(firstFullDay).toISOString().slice(0, 10)}` : `${label}|`;
  const upper = Number.isFinite(endFullDays) ? `${label}|${new Date(endFullDays).toISOString().slice(0, 10)}` : `${label}|\uffff`;
  const days = await db.auditCounts.where('key').between(lower, upper, true, false).reverse().toArray();
  for (const day of days) {
    if (left < day.n) {
      const dayStart = Date.parse(`${day.key.slice(day.key.indexOf('|') + 1)}T00:00:00.000Z`);
      return { to: new Date(dayStart + DAY_MS), skip: left };
    }
    left -= day.n;
  }
  // Inside the oldest partial day, or (no lower bound: every day was counted) past the end.
  return Number.isFinite(firstFullDay) ? { to: new Date(firstFullDay), skip: left } : null;
}
