// Cancelled work permits (§4). The current set lives in `revoked_permits`; every published seq
// keeps its own add/del so a delta from any seq a kiosk may hold can be composed.
import { signRevocationList, type SigningKeyPair } from '../issuer';
import { revocationHash } from '../../shared/revocation/revocation-list';
import type { WorkSystemDatabase } from './database';
import { RESIGN_AFTER_SECONDS } from './trust-publisher';

/** §4 example value; re-publication every day keeps synced kiosks well inside it. */
export const REVOCATION_STALE_AFTER_SECONDS = 2 * 86_400;

const PERMIT_NO = /^[0-9A-Z]{10,24}$/;

export interface RevocationChange {
  readonly seq: number;
  readonly h: string;
  /** False when the permit was already in the requested state (nothing published). */
  readonly changed: boolean;
}

interface PublicationRow {
  seq: number;
  iat: number;
  added: string;
  deleted: string;
}

export class RevocationStore {
  /** Signed lists are cached per (seq, since): a snapshot of a million hashes is signed once. */
  private readonly signed = new Map<string, string>();

  constructor(
    private readonly db: WorkSystemDatabase,
    private readonly anchor: () => SigningKeyPair,
  ) {}

  currentSeq(): number {
    const row = this.db.prepare('SELECT MAX(seq) AS seq FROM revocation_publications').get() as { seq: number | null };
    return row.seq ?? 0;
  }

  private latest(): PublicationRow | undefined {
    return this.db.prepare('SELECT * FROM revocation_publications ORDER BY seq DESC LIMIT 1').get() as
      | PublicationRow
      | undefined;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM revoked_permits').get() as { n: number }).n;
  }

  isRevoked(h: string): boolean {
    return this.db.prepare('SELECT 1 FROM revoked_permits WHERE h = ?').get(h) !== undefined;
  }

  async revokePermit(permitNo: string, nowSec: number): Promise<RevocationChange> {
    const { seq, added } = await this.revokePermits([permitNo], nowSec);
    return { seq, h: await this.hashOf(permitNo), changed: added > 0 };
  }

  /** Cancels many permits in one publication (a bulk import); already revoked ones are skipped. */
  async revokePermits(permitNos: readonly string[], nowSec: number): Promise<{ seq: number; added: number }> {
    const hashes = await Promise.all(permitNos.map((no) => this.hashOf(no)));
    const apply = this.db.transaction(() => {
      const insert = this.db.prepare('INSERT OR IGNORE INTO revoked_permits (h, permit_no, revoked_at) VALUES (?, ?, ?)');
      const added: string[] = [];
      hashes.forEach((h, i) => {
        if (insert.run(h, permitNos[i], nowSec).changes > 0) added.push(h);
      });
      if (added.length === 0) return { seq: this.currentSeq(), added: 0 };
      return { seq: this.insertPublication(nowSec, added, []), added: added.length };
    });
    return apply();
  }

  async reinstatePermit(permitNo: string, nowSec: number): Promise<RevocationChange> {
    const h = await this.hashOf(permitNo);
    const apply = this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM revoked_permits WHERE h = ?').run(h);
      if (removed.changes === 0) return { seq: this.currentSeq(), h, changed: false };
      return { seq: this.insertPublication(nowSec, [], [h]), h, changed: true };
    });
    return apply();
  }

  /** An empty publication: a fresh `iat` so kiosks' revocation data does not go stale. */
  refreshIfOld(nowSec: number): boolean {
    const latest = this.latest();
    if (latest && nowSec - latest.iat < RESIGN_AFTER_SECONDS) return false;
    this.insertPublication(nowSec, [], []);
    return true;
  }

  /**
   * The answer to GET /v1/revocations?since=N: a delta from N when N is a published seq below
   * the current one, the current (empty) delta when N is current, otherwise a snapshot.
   */
  async listSince(since: number | undefined): Promise<{ jws: string; seq: number; since: number }> {
    const latest = this.latest();
    if (!latest) throw new Error('no revocation list published');
    const known =
      since !== undefined &&
      since > 0 &&
      since <= latest.seq &&
      this.db.prepare('SELECT 1 FROM revocation_publications WHERE seq = ?').get(since) !== undefined;
    const base = known ? since : 0;
    const cacheKey = `${latest.seq}:${base}`;
    let jws = this.signed.get(cacheKey);
    if (jws === undefined) {
      const { add, del } = base === 0 ? { add: this.snapshotHashes(), del: [] } : this.composeDelta(base, latest.seq);
      jws = await signRevocationList(
        { seq: latest.seq, since: base, iat: latest.iat, staleAfter: REVOCATION_STALE_AFTER_SECONDS, add, del },
        this.anchor(),
      );
      if (this.signed.size > 64) this.signed.clear();
      this.signed.set(cacheKey, jws);
    }
    return { jws, seq: latest.seq, since: base };
  }

  snapshotHashes(): string[] {
    return (this.db.prepare('SELECT h FROM revoked_permits ORDER BY h').pluck().all() as string[]);
  }

  /** Net effect of publications (from, to]: a hash's last operation wins (§9: del, then add). */
  private composeDelta(from: number, to: number): { add: string[]; del: string[] } {
    const last = new Map<string, 'add' | 'del'>();
    const rows = this.db
      .prepare('SELECT added, deleted FROM revocation_publications WHERE seq > ? AND seq <= ? ORDER BY seq')
      .all(from, to) as { added: string; deleted: string }[];
    for (const row of rows) {
      for (const h of JSON.parse(row.deleted) as string[]) last.set(h, 'del');
      for (const h of JSON.parse(row.added) as string[]) last.set(h, 'add');
    }
    const add: string[] = [];
    const del: string[] = [];
    for (const [h, op] of last) (op === 'add' ? add : del).push(h);
    return { add: add.sort(), del: del.sort() };
  }

  private insertPublication(nowSec: number, added: string[], deleted: string[]): number {
    const seq = this.currentSeq() + 1;
    this.db
      .prepare('INSERT INTO revocation_publications (seq, iat, added, deleted) VALUES (?, ?, ?, ?)')
      .run(seq, nowSec, JSON.stringify(added), JSON.stringify(deleted));
    return seq;
  }

  private async hashOf(permitNo: string): Promise<string> {
    if (!PERMIT_NO.test(permitNo)) throw new RangeError(`permit number must be 10–24 chars [0-9A-Z]: ${permitNo}`);
    return revocationHash(permitNo);
  }
}
