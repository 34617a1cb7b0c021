// Demo data the wallet's cases depend on: the cancelled permit in the revocation list and an
// extra Shenzhen key marked revoked in the trust list. Seeded once per data dir.
import { readMeta, writeMeta } from '../store/database';
import type { WorkSystemStore } from '../store/work-system-store';
import { DEMO_REVOKED_PERMIT_NO } from './demo-holders';

const REVOKED_KEY_META = 'demo_revoked_kid';
export const DEMO_REVOKED_KEY_ISSUER = 'CN-440300';

export interface DemoSeed {
  readonly revokedKid: string;
}

export async function seedDemoData(store: WorkSystemStore): Promise<DemoSeed> {
  let revokedKid = readMeta(store.db, REVOKED_KEY_META);
  if (revokedKid === undefined) {
    await store.revokePermit(DEMO_REVOKED_PERMIT_NO);
    const key = await store.keys.addIssuerKey(DEMO_REVOKED_KEY_ISSUER, store.nowSec());
    // Revoked from its creation: every card it signs is refused with KEY_REVOKED alone
    // (its validity window still holds the card's iat).
    await store.revokeKey(key.kid, key.createdAt);
    revokedKid = key.kid;
    writeMeta(store.db, REVOKED_KEY_META, revokedKid);
  }
  return { revokedKid };
}
