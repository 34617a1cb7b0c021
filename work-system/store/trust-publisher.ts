// Publishes signed trust lists (§3): a new seq whenever keys change, and a re-signed copy when
// the current one is older than a day, so kiosks that sync never see it go stale.
import { signTrustList, type TrustListContent } from '../issuer';
import type { WorkSystemDatabase } from './database';
import type { KeyStore } from './key-store';

export const TRUST_STALE_AFTER_SECONDS = 7 * 86_400;
export const TRUST_EXPIRE_AFTER_SECONDS = 30 * 86_400;
export const RESIGN_AFTER_SECONDS = 86_400;

export interface PublishedTrustList {
  readonly seq: number;
  readonly iat: number;
  readonly jws: string;
}

export class TrustPublisher {
  constructor(
    private readonly db: WorkSystemDatabase,
    private readonly keys: KeyStore,
  ) {}

  current(): PublishedTrustList | undefined {
    return this.db.prepare('SELECT seq, iat, jws FROM trust_lists ORDER BY seq DESC LIMIT 1').get() as
      | PublishedTrustList
      | undefined;
  }

  async publish(nowSec: number): Promise<PublishedTrustList> {
    await this.keys.loadNewKeyFiles();
    const seq = (this.current()?.seq ?? 0) + 1;
    const records = this.keys.listIssuerKeys();
    const content: TrustListContent = {
      seq,
      iat: nowSec,
      staleAfter: TRUST_STALE_AFTER_SECONDS,
      expireAfter: TRUST_EXPIRE_AFTER_SECONDS,
      issuers: this.keys.listIssuers().map((issuer) => ({
        iss: issuer.iss,
        name: issuer.name,
        keys: records
          .filter((k) => k.iss === issuer.iss)
          .map((k) => ({
            pair: this.keys.pairOf(k.kid),
            nbf: k.nbf,
            exp: k.exp,
            ...(k.revoked !== null ? { revoked: k.revoked } : {}),
          })),
      })),
    };
    const jws = await signTrustList(content, this.keys.anchor);
    this.db.prepare('INSERT INTO trust_lists (seq, iat, jws) VALUES (?, ?, ?)').run(seq, nowSec, jws);
    return { seq, iat: nowSec, jws };
  }

  /** Publishes when nothing is published yet or the current list is older than a day. */
  async refreshIfOld(nowSec: number): Promise<boolean> {
    const current = this.current();
    if (current && nowSec - current.iat < RESIGN_AFTER_SECONDS) return false;
    await this.publish(nowSec);
    return true;
  }
}
