// The kiosk's own signing key (audit uploads are JWS signed by it). Generated non-extractable and
// kept in IndexedDB as a structured-clone CryptoKey: the private key never exists as bytes that
// script, an XSS or a copied profile export could read.
import { kidOf, type P256PublicJwk } from '../../shared/jws/kid';
import { toP256PublicJwk } from '../../shared/jws/es256';
import type { KioskDatabase } from '../db/database';

export interface KioskKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: P256PublicJwk;
  readonly kid: string;
}

export async function loadKioskKey(db: KioskDatabase): Promise<KioskKey | null> {
  const record = await db.kioskKeys.get('current');
  if (!record) return null;
  const publicJwk = toP256PublicJwk(await crypto.subtle.exportKey('jwk', record.publicKey));
  return { privateKey: record.privateKey, publicJwk, kid: record.kid };
}

/** Returns the stored key, or generates and stores one (first enrollment). */
export async function getOrCreateKioskKey(db: KioskDatabase, now: () => Date = () => new Date()): Promise<KioskKey> {
  const existing = await loadKioskKey(db);
  if (existing) return existing;
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  // Public keys stay exportable whatever `extractable` says; the private one cannot be exported.
  const publicJwk = toP256PublicJwk(await crypto.subtle.exportKey('jwk', pair.publicKey));
  const kid = await kidOf(publicJwk);
  const stored = await db.transaction('rw', db.kioskKeys, async () => {
    const raced = await db.kioskKeys.get('current');
    if (raced) return raced;
    const record = { id: 'current' as const, privateKey: pair.privateKey, publicKey: pair.publicKey, kid, createdAt: now().toISOString() };
    await db.kioskKeys.add(record);
    return record;
  });
  if (stored.kid !== kid) return (await loadKioskKey(db))!;
  return { privateKey: pair.privateKey, publicJwk, kid };
}

/** Forgets the key (re-enrollment with a new identity). */
export async function deleteKioskKey(db: KioskDatabase): Promise<void> {
  await db.kioskKeys.delete('current');
}
