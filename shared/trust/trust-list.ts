// §3 trust list: which issuer keys may sign cards, and when. Verified whole or rejected whole.
import { z } from 'zod';
import { importEs256PublicKey, toP256PublicJwk } from '../jws/es256';
import { kidOf, type P256PublicJwk } from '../jws/kid';
import type { AnchorSet } from './anchors';
import { openAnchorSignedJws, TrustDataError } from './signed-list';

export const TRUST_LIST_TYP = 'essc-trust+jws';

const int = z.int();
const trustListSchema = z.object({
  v: z.literal(1),
  seq: int.nonnegative(),
  iat: int.nonnegative(),
  staleAfter: int.positive(),
  expireAfter: int.positive(),
  issuers: z.array(
    z.object({
      iss: z.string().regex(/^[A-Z0-9-]{1,32}$/),
      name: z.string().max(200),
      keys: z.array(
        z.looseObject({
          kid: z.string(),
          nbf: int,
          exp: int,
          revoked: int.nonnegative().optional(),
        }),
      ),
    }),
  ),
});

export interface TrustedKey {
  readonly kid: string;
  readonly iss: string;
  readonly issuerName: string;
  readonly jwk: P256PublicJwk;
  readonly nbf: number;
  readonly exp: number;
  readonly revoked?: number;
  readonly key: CryptoKey;
}

export interface TrustList {
  readonly seq: number;
  readonly iat: number;
  readonly staleAfter: number;
  readonly expireAfter: number;
  readonly keys: ReadonlyMap<string, TrustedKey>;
  /** The signed original, kept so stored trust data can be re-verified at every start. */
  readonly jws: string;
}

/** Verifies a trust list against the pinned anchors. Throws TrustDataError naming the rule broken. */
export async function verifyTrustList(jws: string, anchors: AnchorSet): Promise<TrustList> {
  const payload = await openAnchorSignedJws(jws, TRUST_LIST_TYP, anchors);
  const parsed = trustListSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TrustDataError('BAD_PAYLOAD', `${issue.path.join('.')}: ${issue.message}`);
  }
  const list = parsed.data;
  const keys = new Map<string, TrustedKey>();
  for (const issuer of list.issuers) {
    for (const raw of issuer.keys) {
      let jwk: P256PublicJwk;
      try {
        jwk = toP256PublicJwk(raw);
      } catch (err) {
        throw new TrustDataError('NOT_P256', `key ${raw.kid} of ${issuer.iss}: ${(err as Error).message}`);
      }
      const kid = await kidOf(jwk);
      if (raw.kid !== kid) {
        throw new TrustDataError('KID_MISMATCH', `key ${raw.kid} of ${issuer.iss} has thumbprint kid ${kid}`);
      }
      if (keys.has(kid)) throw new TrustDataError('DUPLICATE_KID', `kid ${kid} appears twice`);
      let key: CryptoKey;
      try {
        key = await importEs256PublicKey(kid, jwk);
      } catch {
        throw new TrustDataError('NOT_P256', `key ${kid} is not a point on P-256`);
      }
      keys.set(kid, {
        kid,
        iss: issuer.iss,
        issuerName: issuer.name,
        jwk,
        nbf: raw.nbf,
        exp: raw.exp,
        ...(raw.revoked !== undefined ? { revoked: raw.revoked } : {}),
        key,
      });
    }
  }
  return {
    seq: list.seq,
    iat: list.iat,
    staleAfter: list.staleAfter,
    expireAfter: list.expireAfter,
    keys,
    jws,
  };
}

/** §3: a list whose seq is not above the cached one is not applied (no rollback). */
export function assertTrustListIsNewer(current: TrustList | null, candidate: TrustList): void {
  if (current && candidate.seq <= current.seq) {
    throw new TrustDataError(
      'NOT_NEWER',
      `trust list seq ${candidate.seq} is not above the applied seq ${current.seq}`,
    );
  }
}
