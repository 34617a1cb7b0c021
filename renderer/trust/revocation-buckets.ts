// Revocation hashes are stored in buckets keyed by their first two characters (4,096 buckets),
// each bucket one string of sorted 22-character hashes. Chromium pays ~0.15 ms of IPC per
// IndexedDB put here, so a million one-hash records took minutes to write; ~4,096 records of a
// few KB each take about a second, and a lookup is still one get plus a binary search.

export const HASH_LENGTH = 22;
const PREFIX_LENGTH = 2;

export function bucketOf(h: string): string {
  return h.slice(0, PREFIX_LENGTH);
}

/** Groups hashes by bucket; each group sorted and free of duplicates. */
export function groupIntoBuckets(hashes: Iterable<string>): Map<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const h of hashes) {
    const b = bucketOf(h);
    let group = groups.get(b);
    if (!group) groups.set(b, (group = new Set()));
    group.add(h);
  }
  const sorted = new Map<string, string[]>();
  for (const b of [...groups.keys()].sort()) sorted.set(b, [...groups.get(b)!].sort());
  return sorted;
}

export function encodeBucket(sortedHashes: readonly string[]): string {
  return sortedHashes.join('');
}

export function decodeBucket(bucket: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < bucket.length; i += HASH_LENGTH) out.push(bucket.slice(i, i + HASH_LENGTH));
  return out;
}

/** Binary search in an encoded bucket. */
export function bucketHas(bucket: string, h: string): boolean {
  if (h.length !== HASH_LENGTH) return false;
  let lo = 0;
  let hi = bucket.length / HASH_LENGTH - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const candidate = bucket.slice(mid * HASH_LENGTH, (mid + 1) * HASH_LENGTH);
    if (candidate === h) return true;
    if (candidate < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
