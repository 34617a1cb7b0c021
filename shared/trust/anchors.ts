// The pinned trust anchors: a JWKS shipped with the app. Anchor kids are computed (§1), never
// taken from the file, so a mislabelled anchor cannot impersonate another.
import { importEs256PublicKey, toP256PublicJwk } from '../jws/es256';
import { kidOf, type P256PublicJwk } from '../jws/kid';

export interface TrustAnchor {
  readonly kid: string;
  readonly jwk: P256PublicJwk;
  readonly key: CryptoKey;
}

export type AnchorSet = ReadonlyMap<string, TrustAnchor>;

export class AnchorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnchorsError';
  }
}

/** Parses a JWKS `{"keys":[…]}` of P-256 public keys. Throws AnchorsError when it is not one. */
export async function loadTrustAnchors(jwks: unknown): Promise<AnchorSet> {
  if (typeof jwks !== 'object' || jwks === null || !Array.isArray((jwks as { keys?: unknown }).keys)) {
    throw new AnchorsError('anchors must be a JWKS object {"keys":[...]}');
  }
  const keys = (jwks as { keys: unknown[] }).keys;
  if (keys.length === 0) throw new AnchorsError('the anchors JWKS holds no key');
  const anchors = new Map<string, TrustAnchor>();
  for (const [i, raw] of keys.entries()) {
    let jwk: P256PublicJwk;
    try {
      jwk = toP256PublicJwk(raw);
    } catch (err) {
      throw new AnchorsError(`anchor ${i}: ${(err as Error).message}`);
    }
    const kid = await kidOf(jwk);
    let key: CryptoKey;
    try {
      key = await importEs256PublicKey(kid, jwk);
    } catch {
      throw new AnchorsError(`anchor ${i}: not a point on P-256`);
    }
    anchors.set(kid, { kid, jwk, key });
  }
  return anchors;
}
