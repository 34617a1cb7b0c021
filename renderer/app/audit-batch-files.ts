// Names the signed audit batches exported to removable media: one .jws per batch, as the Work
// System's `ws import-audit <batch.jws>` takes them (it writes <name>.ack.json next to each).
import { decodeJwt } from 'jose';

export interface BatchFile {
  readonly name: string;
  readonly jws: string;
  readonly entries: number;
}

function seqRange(jws: string): { kiosk: string; from: number; to: number; entries: number } | null {
  try {
    const payload = decodeJwt(jws) as { kiosk?: unknown; entries?: { seq?: unknown }[] };
    const seqs = (payload.entries ?? []).map((e) => e.seq).filter((s): s is number => typeof s === 'number');
    if (typeof payload.kiosk !== 'string' || seqs.length === 0) return null;
    return { kiosk: payload.kiosk, from: Math.min(...seqs), to: Math.max(...seqs), entries: seqs.length };
  } catch {
    return null;
  }
}

/** essc-audit-<kioskId>-<fromSeq>-<toSeq>.jws (characters a file system may refuse become _). */
export function batchFiles(batches: readonly string[]): BatchFile[] {
  return batches.map((jws, i) => {
    const range = seqRange(jws);
    const stem = range ? `essc-audit-${range.kiosk}-${range.from}-${range.to}` : `essc-audit-batch-${i + 1}`;
    return { name: `${stem.replace(/[^\w.-]/g, '_')}.jws`, jws, entries: range?.entries ?? 0 };
  });
}
