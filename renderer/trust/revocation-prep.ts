// Verifying and bucketing a revocation list is the heavy part of an update (a 1,000,000-hash
// snapshot is ~33 MB of JWS: b64u, JSON, a million regex checks, sorting). In the browser it runs
// in a Web Worker so the counter screen keeps responding; the result is small (≤ 4,096 strings).
import { verifyRevocationList, type RevocationList } from '../../shared/revocation/revocation-list';
import { loadTrustAnchors, type AnchorSet } from '../../shared/trust/anchors';
import { TrustDataError, type TrustDataFailure } from '../../shared/trust/signed-list';
import { encodeBucket, groupIntoBuckets } from './revocation-buckets';

export interface PreparedRevocations {
  readonly seq: number;
  readonly since: number;
  readonly iat: number;
  readonly staleAfter: number;
  /** [bucket, encoded sorted hashes], buckets in order. */
  readonly addBuckets: readonly (readonly [string, string])[];
  readonly delBuckets: readonly (readonly [string, string])[];
  readonly addCount: number;
  readonly delCount: number;
}

/** The list as planRevocationUpdate sees it (it reads seq and since only). */
export function planningView(p: PreparedRevocations): RevocationList {
  return { seq: p.seq, since: p.since, iat: p.iat, staleAfter: p.staleAfter, add: [], del: [] };
}

function bucketed(hashes: readonly string[]): { buckets: [string, string][]; count: number } {
  const groups = groupIntoBuckets(hashes);
  let count = 0;
  const buckets: [string, string][] = [];
  for (const [bucket, sorted] of groups) {
    buckets.push([bucket, encodeBucket(sorted)]);
    count += sorted.length;
  }
  return { buckets, count };
}

/** Verifies against the anchors and buckets. Throws TrustDataError. */
export async function prepareRevocations(jws: string, anchors: AnchorSet): Promise<PreparedRevocations> {
  const list = await verifyRevocationList(jws, anchors);
  const add = bucketed(list.add);
  const del = bucketed(list.del);
  return {
    seq: list.seq,
    since: list.since,
    iat: list.iat,
    staleAfter: list.staleAfter,
    addBuckets: add.buckets,
    delBuckets: del.buckets,
    addCount: add.count,
    delCount: del.count,
  };
}

export type PrepRequest = { readonly jws: string; readonly anchors: { keys: unknown[] } };
export type PrepReply =
  | { readonly ok: true; readonly prepared: PreparedRevocations }
  | { readonly ok: false; readonly failure: TrustDataFailure | null; readonly message: string };

export type RevocationPreparer = (jws: string, anchors: AnchorSet) => Promise<PreparedRevocations>;

/** Runs prepareRevocations in a module worker; falls back to this thread where there are no workers. */
export const prepareRevocationsOffThread: RevocationPreparer = async (jws, anchors) => {
  if (typeof Worker === 'undefined') return prepareRevocations(jws, anchors);
  const worker = new Worker(new URL('./revocation-prep-worker.ts', import.meta.url), { type: 'module', name: 'essc-revocation-prep' });
  try {
    const reply = await new Promise<PrepReply>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<PrepReply>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`revocation worker failed: ${event.message}`));
      const request: PrepRequest = { jws, anchors: { keys: [...anchors.values()].map((a) => a.jwk) } };
      worker.postMessage(request);
    });
    if (reply.ok) return reply.prepared;
    if (reply.failure) throw new TrustDataError(reply.failure, reply.message);
    throw new Error(reply.message);
  } finally {
    worker.terminate();
  }
};

/** Worker side (see revocation-prep-worker.ts). */
export async function handlePrepRequest(request: PrepRequest): Promise<PrepReply> {
  try {
    const anchors = await loadTrustAnchors(request.anchors);
    return { ok: true, prepared: await prepareRevocations(request.jws, anchors) };
  } catch (err) {
    return { ok: false, failure: err instanceof TrustDataError ? err.failure : null, message: (err as Error).message };
  }
}
