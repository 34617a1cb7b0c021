import type { RevocationView } from '../verify/trust-state';
import {
  metaOf,
  planRevocationUpdate,
  type RevocationList,
  type RevocationListMeta,
} from './revocation-list';

/** The revocation set held in memory: for the CLI, the tests and the reference server. */
export class MemoryRevocationSet implements RevocationView {
  private hashes = new Set<string>();
  private current: RevocationListMeta | null = null;

  get meta(): RevocationListMeta | null {
    return this.current;
  }

  get size(): number {
    return this.hashes.size;
  }

  has(h: string): boolean {
    return this.hashes.has(h);
  }

  /** Applies a verified list, or throws TrustDataError and changes nothing. */
  apply(list: RevocationList): void {
    const kind = planRevocationUpdate(this.current, list);
    const next = kind === 'snapshot' ? new Set<string>() : this.hashes;
    // §9: a delta applies del, then add.
    for (const h of list.del) next.delete(h);
    for (const h of list.add) next.add(h);
    this.hashes = next;
    this.current = metaOf(list);
  }
}
