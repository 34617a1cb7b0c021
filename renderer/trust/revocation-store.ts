// The revocation set in IndexedDB (§4, up to 1,000,000 hashes, bucketed: see revocation-buckets.ts).
// Snapshots are written into a fresh generation in chunks and made visible by flipping one small
// record, so a verifier never sees a half-written set and a crash mid-apply leaves the old set.
import type { RevocationListMeta, RevocationUpdateKind } from '../../shared/revocation/revocation-list';
import type { RevocationView } from '../../shared/verify/trust-state';
import { bucketHas, bucketOf, decodeBucket, encodeBucket, HASH_LENGTH } from './revocation-buckets';
import type { PreparedRevocations } from './revocation-prep';
import { generationOfKey, generationRange, revocationKey, type KioskDatabase, type RevocationMetaRecord } from '../db/database';

export const REVOCATION_CHUNK = 10_000;

export type ProgressCallback = (done: number, total: number) => void;

export class RevocationStore {
  private current: RevocationMetaRecord | null;

  private constructor(
    private readonly db: KioskDatabase,
    current: RevocationMetaRecord | null,
  ) {
    this.current = current;
  }

  static async open(db: KioskDatabase): Promise<RevocationStore> {
    return new RevocationStore(db, (await db.revocationMeta.get('current')) ?? null);
  }

  get meta(): RevocationListMeta | null {
    const c = this.current;
    return c ? { seq: c.seq, iat: c.iat, staleAfter: c.staleAfter } : null;
  }

  get count(): number {
    return this.current?.count ?? 0;
  }

  /** A view bound to the generation in force now; a later flip does not change what it reads. */
  view(): RevocationView {
    const record = this.current;
    const meta = this.meta;
    return {
      meta,
      has: async (h: string) => {
        if (!record) return false;
        const bucket = await this.db.revocations.get(revocationKey(record.generation, bucketOf(h)));
        return bucket !== undefined && bucketHas(bucket, h);
      },
    };
  }

  /** Applies a list already verified, bucketed and planned (snapshot/delta) by the caller. */
  async apply(list: PreparedRevocations, kind: RevocationUpdateKind, onProgress?: ProgressCallback): Promise<void> {
    if (kind === 'snapshot') await this.applySnapshot(list, onProgress);
    else await this.applyDelta(list, onProgress);
  }

  private async applySnapshot(list: PreparedRevocations, onProgress?: ProgressCallback): Promise<void> {
    const previous = this.current;
    // A generation number never reused: leftovers of a crashed apply are cleared first.
    const generation = Math.max(previous?.generation ?? 0, await this.highestGeneration()) + 1;
    await this.deleteGeneration(generation);
    const buckets = list.addBuckets;
    const total = list.addCount;
    let done = 0;
    onProgress?.(0, total);
    // Each transaction carries about REVOCATION_CHUNK hashes: small enough to keep the page
    // responsive, large enough that a million hashes take about a hundred transactions.
    for (let i = 0; i < buckets.length; ) {
      const keys: string[] = [];
      const values: string[] = [];
      let hashes = 0;
      while (i < buckets.length && (hashes < REVOCATION_CHUNK || keys.length === 0)) {
        const [bucket, encoded] = buckets[i++]!;
        keys.push(revocationKey(generation, bucket));
        values.push(encoded);
        hashes += encoded.length / HASH_LENGTH;
      }
      await this.db.transaction('rw', this.db.revocations, () => this.db.revocations.bulkPut(values, keys));
      done += hashes;
      onProgress?.(done, total);
    }
    const next: RevocationMetaRecord = {
      id: 'current',
      seq: list.seq,
      iat: list.iat,
      staleAfter: list.staleAfter,
      generation,
      count: total,
      appliedAt: new Date().toISOString(),
    };
    const flipped = await this.db.transaction('rw', this.db.revocationMeta, async () => {
      // Another tab may have applied a list meanwhile: never flip over a newer one.
      const now = await this.db.revocationMeta.get('current');
      if ((now?.seq ?? -1) !== (previous?.seq ?? -1)) return false;
      await this.db.revocationMeta.put(next);
      return true;
    });
    if (!flipped) {
      await this.deleteGeneration(generation);
      throw new Error('revocation set changed during the snapshot apply');
    }
    this.current = next;
    await this.sweepOtherGenerations();
  }

  /** Deltas are small: del then add (§9) on the touched buckets and the new meta, in one transaction. */
  private async applyDelta(list: PreparedRevocations, onProgress?: ProgressCallback): Promise<void> {
    const base = this.current;
    if (!base) throw new Error('no revocation set to apply a delta on');
    const gen = base.generation;
    const total = list.delCount + list.addCount;
    const dels = new Map(list.delBuckets.map(([b, encoded]) => [b, decodeBucket(encoded)]));
    const adds = new Map(list.addBuckets.map(([b, encoded]) => [b, decodeBucket(encoded)]));
    const touched = [...new Set([...dels.keys(), ...adds.keys()])];
    const keys = touched.map((b) => revocationKey(gen, b));
    onProgress?.(0, total);
    const next = await this.db.transaction('rw', this.db.revocations, this.db.revocationMeta, async () => {
      const now = await this.db.revocationMeta.get('current');
      if (!now || now.seq !== base.seq) throw new Error('revocation set changed during the delta apply');
      const stored = await this.db.revocations.bulkGet(keys);
      let count = now.count;
      const putKeys: string[] = [];
      const putValues: string[] = [];
      const emptied: string[] = [];
      touched.forEach((bucket, i) => {
        const set = new Set(stored[i] === undefined ? [] : decodeBucket(stored[i]!));
        const before = set.size;
        for (const h of dels.get(bucket) ?? []) set.delete(h);
        for (const h of adds.get(bucket) ?? []) set.add(h);
        count += set.size - before;
        if (set.size === 0) emptied.push(keys[i]!);
        else {
          putKeys.push(keys[i]!);
          putValues.push(encodeBucket([...set].sort()));
        }
      });
      await this.db.revocations.bulkDelete(emptied);
      await this.db.revocations.bulkPut(putValues, putKeys);
      const record: RevocationMetaRecord = {
        ...now,
        seq: list.seq,
        iat: list.iat,
        staleAfter: list.staleAfter,
        count,
        appliedAt: new Date().toISOString(),
      };
      await this.db.revocationMeta.put(record);
      return record;
    });
    this.current = next;
    onProgress?.(total, total);
  }

  /** Removes every generation but the one in force (old sets, crashed applies). Chunked. */
  async sweepOtherGenerations(): Promise<void> {
    const keep = this.current?.generation ?? -1;
    const [lo, hi] = generationRange(keep);
    for (;;) {
      const below = await this.db.revocations.where(':id').below(lo).limit(REVOCATION_CHUNK).primaryKeys();
      const above = await this.db.revocations.where(':id').above(hi).limit(REVOCATION_CHUNK).primaryKeys();
      if (below.length === 0 && above.length === 0) return;
      await this.db.transaction('rw', this.db.revocations, () => this.db.revocations.bulkDelete([...below, ...above]));
    }
  }

  private async deleteGeneration(generation: number): Promise<void> {
    const [lo, hi] = generationRange(generation);
    for (;;) {
      const keys = await this.db.revocations.where(':id').between(lo, hi, true, true).limit(REVOCATION_CHUNK).primaryKeys();
      if (keys.length === 0) return;
      await this.db.transaction('rw', this.db.revocations, () => this.db.revocations.bulkDelete(keys));
    }
  }

  /** The highest generation present in the table (an unfinished apply may have left one). */
  private async highestGeneration(): Promise<number> {
    const last = await this.db.revocations.orderBy(':id').lastKey();
    return last === undefined ? 0 : generationOfKey(last as string);
  }
}
