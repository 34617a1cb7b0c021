// Re-verifies every chain in the log, in chunks (so a million entries never sit in memory at
// once), and against the recorded tip (so a deleted tail is noticed, not just a broken link).
import Dexie from 'dexie';
import { verifyAuditChain, type ChainProblem, type ChainTip } from '../../shared/audit/audit-entry';
import type { AuditChainRecord, KioskDatabase } from '../db/database';

/**
 * Finer causes than shared ChainProblem, which `problem` keeps for compatibility:
 * TAIL_MISSING (reported as SEQ_GAP): entries end before the recorded tip, the newest were removed.
 * UNKNOWN_CHAIN (reported as KIOSK_MISMATCH): entries of a kiosk id with no recorded chain.
 */
export type AuditChainDetail = 'TAIL_MISSING' | 'UNKNOWN_CHAIN';

/** Shared ChainCheck (one chain) extended to every chain in the log. */
export type AuditChainCheck =
  | { readonly ok: true; readonly tip: ChainTip | null; readonly checked: number; readonly chains: number }
  | {
      readonly ok: false;
      readonly kiosk: string;
      readonly seq: number;
      readonly problem: ChainProblem;
      readonly detail?: AuditChainDetail;
      readonly checked: number;
    };

const CHUNK = 2_000;

export async function checkAuditChains(
  db: KioskDatabase,
  onProgress?: (checked: number, total: number) => void,
): Promise<AuditChainCheck> {
  const total = await db.audit.count();
  const records = new Map((await db.auditChains.toArray()).map((r) => [r.kiosk, r]));
  const kiosks = await distinctKiosks(db);
  for (const record of records.values()) {
    if (record.tipSeq > record.baseSeq && !kiosks.includes(record.kiosk)) kiosks.push(record.kiosk);
  }
  let checked = 0;
  let lastTip: ChainTip | null = null;
  onProgress?.(0, total);
  for (const kiosk of kiosks) {
    const record = records.get(kiosk);
    if (!record) return { ok: false, kiosk, seq: 0, problem: 'KIOSK_MISMATCH', detail: 'UNKNOWN_CHAIN', checked };
    const result = await checkOneChain(db, record, (n) => {
      checked += n;
      onProgress?.(checked, total);
    });
    if (!result.ok) return { ok: false, kiosk, ...result.failure, checked };
    lastTip = result.tip;
  }
  return { ok: true, tip: lastTip, checked, chains: kiosks.length };
}

/** Hops over the primary key [kiosk+seq] from one kiosk id to the next: no full scan. */
async function distinctKiosks(db: KioskDatabase): Promise<string[]> {
  const kiosks: string[] = [];
  let key = await db.audit.orderBy(':id').firstKey();
  while (key !== undefined) {
    const kiosk = (key as unknown as [string, number])[0];
    kiosks.push(kiosk);
    key = await db.audit.where(':id').above([kiosk, Dexie.maxKey]).firstKey();
  }
  return kiosks;
}

async function checkOneChain(
  db: KioskDatabase,
  record: AuditChainRecord,
  progress: (n: number) => void,
): Promise<
  | { ok: true; tip: ChainTip | null }
  | { ok: false; failure: { seq: number; problem: ChainProblem; detail?: AuditChainDetail } }
> {
  let tip: ChainTip | null = record.baseSeq > 0 && record.baseHash ? { seq: record.baseSeq, hash: record.baseHash } : null;
  const read = (fromSeq: number) =>
    db.audit.where('[kiosk+seq]').between([record.kiosk, fromSeq], [record.kiosk, Dexie.maxKey]).limit(CHUNK).toArray();
  let chunk = await read(record.baseSeq + 1);
  while (chunk.length > 0) {
    // Read the next chunk while this one is hashed: IndexedDB and WebCrypto overlap.
    const next = read(chunk.at(-1)!.seq + 1);
    const entries = chunk.map(({ synced: _s, ...entry }) => entry);
    const result = await verifyAuditChain(entries, tip);
    if (!result.ok) {
      await next.catch(() => undefined);
      return { ok: false, failure: { seq: result.seq, problem: result.problem } };
    }
    tip = result.tip;
    progress(chunk.length);
    chunk = await next;
  }
  if ((tip?.seq ?? 0) !== record.tipSeq || (tip !== null && tip.hash !== record.tipHash)) {
    return { ok: false, failure: { seq: (tip?.seq ?? record.baseSeq) + 1, problem: 'SEQ_GAP', detail: 'TAIL_MISSING' } };
  }
  return { ok: true, tip };
}
