// §4 revocation list: hashes of cancelled work-permit numbers, as snapshots and deltas.
import { z } from 'zod';
import { webVerifyPrimitives, type VerifyPrimitives } from '../crypto/verify-primitives';
import { encodeBase64url, encodeUtf8 } from '../encoding/base64url';
import type { AnchorSet } from '../trust/anchors';
import { openAnchorSignedJws, TrustDataError } from '../trust/signed-list';

export const REVOCATION_LIST_TYP = 'essc-revocations+jws';

/** b64u of exactly 16 bytes: 21 free characters and a last one with its 4 low bits zero. */
export const REVOCATION_HASH_PATTERN = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/** §4: h = b64u(first 16 bytes of SHA-256("essc-rev/1:" + wp.no)). */
export async function revocationHash(
  permitNo: string,
  primitives: VerifyPrimitives = webVerifyPrimitives,
): Promise<string> {
  const digest = await primitives.sha256(encodeUtf8(`essc-rev/1:${permitNo}`));
  return encodeBase64url(digest.subarray(0, 16));
}

const int = z.int().nonnegative();
const hash = z.string().regex(REVOCATION_HASH_PATTERN, 'not a revocation hash');
const revocationListSchema = z.object({
  v: z.literal(1),
  seq: int,
  since: int,
  iat: int,
  staleAfter: z.int().positive(),
  add: z.array(hash),
  del: z.array(hash),
});

export interface RevocationList {
  readonly seq: number;
  /** 0: a full snapshot; otherwise a delta on top of exactly this seq. */
  readonly since: number;
  readonly iat: number;
  readonly staleAfter: number;
  readonly add: readonly string[];
  readonly del: readonly string[];
}

/** What the kiosk keeps about the last revocation list it applied. */
export interface RevocationListMeta {
  readonly seq: number;
  readonly iat: number;
  readonly staleAfter: number;
}

export async function verifyRevocationList(jws: string, anchors: AnchorSet): Promise<RevocationList> {
  const payload = await openAnchorSignedJws(jws, REVOCATION_LIST_TYP, anchors);
  const parsed = revocationListSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TrustDataError('BAD_PAYLOAD', `${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export type RevocationUpdateKind = 'snapshot' | 'delta';

/**
 * Decides whether `list` may be applied on top of `current` (null: none applied yet) and how.
 * Throws TrustDataError NOT_NEWER, DELTA_MISMATCH (ask for a snapshot) or NO_BASE.
 */
export function planRevocationUpdate(
  current: RevocationListMeta | null,
  list: RevocationList,
): RevocationUpdateKind {
  if (current && list.seq <= current.seq) {
    throw new TrustDataError('NOT_NEWER', `revocation seq ${list.seq} is not above the applied seq ${current.seq}`);
  }
  if (list.since === 0) return 'snapshot';
  if (!current) throw new TrustDataError('NO_BASE', `delta since ${list.since} arrived with no list applied`);
  if (list.since !== current.seq) {
    throw new TrustDataError('DELTA_MISMATCH', `delta since ${list.since} does not fit the applied seq ${current.seq}`);
  }
  return 'delta';
}

export function metaOf(list: RevocationList): RevocationListMeta {
  return { seq: list.seq, iat: list.iat, staleAfter: list.staleAfter };
}
