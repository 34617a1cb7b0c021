// Key pairs of the Work System: trust anchors and issuer keys (both P-256, named by §1 kid).
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { kidOf, type P256PublicJwk } from '../../shared/jws/kid';
import { toP256PublicJwk } from '../../shared/jws/es256';

export interface SigningKeyPair {
  readonly kid: string;
  readonly publicJwk: P256PublicJwk;
  /** Private JWK (with `d`); stored on disk readable by the owner only. */
  readonly privateJwk: JWK;
}

export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = toP256PublicJwk(await exportJWK(publicKey));
  const privateJwk = await exportJWK(privateKey);
  return { kid: await kidOf(publicJwk), publicJwk, privateJwk };
}

/** Rebuilds a key pair from its private JWK, checking it is P-256 and recomputing the kid. */
export async function signingKeyPairFromPrivateJwk(privateJwk: JWK): Promise<SigningKeyPair> {
  if (typeof privateJwk.d !== 'string') throw new Error('private JWK has no d');
  const publicJwk = toP256PublicJwk(privateJwk);
  return { kid: await kidOf(publicJwk), publicJwk, privateJwk };
}

const importedPrivateKeys = new WeakMap<SigningKeyPair, Promise<CryptoKey>>();

export function privateKeyOf(pair: SigningKeyPair): Promise<CryptoKey> {
  let key = importedPrivateKeys.get(pair);
  if (!key) {
    key = importJWK(pair.privateJwk, 'ES256') as Promise<CryptoKey>;
    importedPrivateKeys.set(pair, key);
  }
  return key;
}

/** The JWKS that kiosks pin: public members only, kid included for readability. */
export function toJwks(pairs: readonly SigningKeyPair[]): { keys: (P256PublicJwk & { kid: string })[] } {
  return { keys: pairs.map((p) => ({ ...p.publicJwk, kid: p.kid })) };
}
