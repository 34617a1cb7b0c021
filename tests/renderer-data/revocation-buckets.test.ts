import { describe, expect, it } from 'vitest';
import { bucketHas, bucketOf, decodeBucket, encodeBucket, groupIntoBuckets } from '../../renderer/trust/revocation-buckets';
import { revocationHash } from '../../shared/revocation/revocation-list';

describe('revocation buckets', () => {
  it('groups by the first two characters, sorted and deduplicated, and finds every member by binary search', async () => {
    const hashes = await Promise.all(Array.from({ length: 3000 }, (_, i) => revocationHash(`P${i}`)));
    const groups = groupIntoBuckets([...hashes, ...hashes.slice(0, 10)]);
    let total = 0;
    for (const [bucket, members] of groups) {
      expect(members.every((h) => bucketOf(h) === bucket)).toBe(true);
      expect(members).toEqual([...new Set(members)].sort());
      const encoded = encodeBucket(members);
      expect(decodeBucket(encoded)).toEqual(members);
      for (const h of members) expect(bucketHas(encoded, h)).toBe(true);
      total += members.length;
    }
    expect(total).toBe(3000);
    const absent = await revocationHash('not revoked');
    const group = groups.get(bucketOf(absent)) ?? [];
    expect(bucketHas(encodeBucket(group), absent)).toBe(hashes.includes(absent));
    expect(bucketHas(encodeBucket(group), absent.slice(0, 21))).toBe(false);
    expect(bucketHas('', absent)).toBe(false);
  });
});

describe('revocation prep (the worker protocol, run in-thread here)', () => {
  it('returns buckets for a verified list and keeps the TrustDataError failure code otherwise', async () => {
    const { createTestWorld, NOW_SEC, DAY } = await import('../fixtures/test-world');
    const { signRevocationList } = await import('../../work-system/issuer');
    const { handlePrepRequest } = await import('../../renderer/trust/revocation-prep');
    const world = await createTestWorld();
    const stranger = await createTestWorld();
    const add = await Promise.all(['A1', 'A2', 'A3'].map((p) => revocationHash(p)));
    const content = { seq: 3, since: 0, iat: NOW_SEC, staleAfter: DAY, add, del: [] };
    const ok = await handlePrepRequest({ jws: await signRevocationList(content, world.anchor), anchors: world.anchorsJwks });
    expect(ok.ok && ok.prepared.addCount).toBe(3);
    expect(ok.ok && ok.prepared.addBuckets.flatMap(([, e]) => decodeBucket(e)).sort()).toEqual([...add].sort());
    const bad = await handlePrepRequest({ jws: await signRevocationList(content, stranger.anchor), anchors: world.anchorsJwks });
    expect(bad).toMatchObject({ ok: false, failure: 'UNKNOWN_ANCHOR' });
  });
});
