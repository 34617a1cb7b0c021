// Demo data the wallet's cases depend on: the cancelled permit in the revocation list and an
// extra Shenzhen key marked revoked in the trust list. Seeded once per data dir.
import { readMeta, writeMeta } from '../store/database';
import type { WorkSystemStore } from '../store/work-system-store';
import { DEMO_HOLDERS, DEMO_REVOKED_PERMIT_NO } from './demo-holders';

const REVOKED_KEY_META = 'demo_revoked_kid';
const PERMIT_META = 'demo_revoked_permit';
export const DEMO_REVOKED_KEY_ISSUER = 'CN-440300';

export interface DemoSeed {
  readonly revokedKid: string;
}

export async function seedDemoData(store: WorkSystemStore): Promise<DemoSeed> {
  if (readMeta(store.db, PERMIT_META) === undefined) {
    await store.revokePermit(DEMO_REVOKED_PERMIT_NO);
    writeMeta(store.db, PERMIT_META, DEMO_REVOKED_PERMIT_NO);
  }
  const kid = readMeta(store.db, REVOKED_KEY_META);
  const record = kid === undefined ? undefined : store.keys.listIssuerKeys().find((k) => k.kid === kid);
  let revokedKid: string;
  if (record && record.exp > store.nowSec() + 86_400) {
    revokedKid = record.kid;
  } else {
    const key = await store.keys.addIssuerKey(DEMO_REVOKED_KEY_ISSUER, store.nowSec());
    // Revoked from its creation: every card it signs is refused with KEY_REVOKED alone
    // (its validity window still holds the card's iat).
    await store.revokeKey(key.kid, key.createdAt);
    revokedKid = key.kid;
    writeMeta(store.db, REVOKED_KEY_META, revokedKid);
  }
  await ensureUsableKeys(store);
  return { revokedKid };
}

/**
 * Every demo issuer needs a key that signs now: after an admin revoked or rotated keys away, or
 * once keys have outlived their two years, a demo data dir gets a fresh key (and trust list).
 */
async function ensureUsableKeys(store: WorkSystemStore): Promise<void> {
  const issuers = new Set(DEMO_HOLDERS.map((h) => h.iss));
  let added = false;
  for (const iss of issuers) {
    try {
      store.keys.signingKeyOf(iss, store.nowSec());
    } catch {
      await store.keys.addIssuerKey(iss, store.nowSec());
      added = true;
    }
  }
  if (added) await store.trust.publish(store.nowSec());
}
