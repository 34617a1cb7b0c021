import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRevocationSet } from '../../shared/revocation/memory-revocation-set';
import { revocationHash, verifyRevocationList, type RevocationList } from '../../shared/revocation/revocation-list';
import { loadTrustAnchors, type AnchorSet } from '../../shared/trust/anchors';
import { startTestServer } from './helpers';

describe('GET /v1/revocations (§4)', () => {
  let ws: Awaited<ReturnType<typeof startTestServer>>;
  let anchors: AnchorSet;
  const fetchList = async (since?: number | string): Promise<RevocationList> => {
    const res = await fetch(`${ws.url}/v1/revocations${since === undefined ? '' : `?since=${since}`}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jose');
    return verifyRevocationList(await res.text(), anchors);
  };

  beforeAll(async () => {
    ws = await startTestServer();
    anchors = await loadTrustAnchors(ws.anchorsJwks);
  });
  afterAll(() => ws.stop());

  it('starts with an empty signed snapshot', async () => {
    const list = await fetchList();
    expect(list).toMatchObject({ since: 0, add: [], del: [], staleAfter: 172_800 });
    expect(list.seq).toBeGreaterThanOrEqual(1);
  });

  it('keeps every seq: a delta from any known seq, applied on top, equals the snapshot', async () => {
    const snapshots: RevocationList[] = [await fetchList()];
    const permits = Array.from({ length: 12 }, (_, i) => `1561202412010${String(i).padStart(5, '0')}`);
    for (const [i, permitNo] of permits.entries()) {
      expect((await ws.store.revokePermit(permitNo)).changed).toBe(true);
      snapshots.push(await fetchList(0));
      if (i % 3 === 2) {
        expect((await ws.store.reinstatePermit(permits[i - 1]!)).changed).toBe(true);
        snapshots.push(await fetchList(0));
      }
    }
    // Re-revoking a revoked permit publishes nothing.
    expect((await ws.store.revokePermit(permits[0]!)).changed).toBe(false);
    const final = await fetchList();
    expect(final.seq).toBe(snapshots.at(-1)!.seq);
    expect(final.add).toHaveLength(8);
    expect(final.add).toContain(await revocationHash(permits[0]!));
    expect(final.add).not.toContain(await revocationHash(permits[1]!));
    const universe = await Promise.all(permits.map((p) => revocationHash(p)));

    for (const from of snapshots) {
      const kiosk = new MemoryRevocationSet();
      kiosk.apply(from);
      const delta = await fetchList(from.seq);
      if (from.seq === final.seq) {
        // Up to date: an empty delta on the current seq, which a kiosk does not apply.
        expect(delta).toMatchObject({ seq: final.seq, since: final.seq, add: [], del: [] });
        continue;
      }
      expect(delta.since, `delta from ${from.seq}`).toBe(from.seq);
      kiosk.apply(delta);
      const expected = new MemoryRevocationSet();
      expected.apply(final);
      expect(kiosk.meta).toEqual(expected.meta);
      expect(kiosk.size).toBe(expected.size);
      for (const h of universe) expect(kiosk.has(h), `${h} from ${from.seq}`).toBe(expected.has(h));
    }
  });

  it('answers a snapshot when since is unknown, zero or ahead of the server', async () => {
    const current = await fetchList();
    for (const since of [0, current.seq + 5, 999_999]) {
      const list = await fetchList(since);
      expect(list.since, `since=${since}`).toBe(0);
      expect(list.seq).toBe(current.seq);
    }
  });

  it('refuses a since that is not a non-negative integer with 400', async () => {
    for (const since of ['abc', '-1', '1.5']) {
      const res = await fetch(`${ws.url}/v1/revocations?since=${since}`);
      expect(res.status, since).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('publishes an empty delta when the last publication is a day old (kiosks stay fresh)', async () => {
    const before = await fetchList();
    expect(ws.store.revocations.refreshIfOld(ws.store.nowSec())).toBe(false);
    expect(ws.store.revocations.refreshIfOld(ws.store.nowSec() + 86_400)).toBe(true);
    const after = await fetchList(before.seq);
    expect(after).toMatchObject({ seq: before.seq + 1, since: before.seq, add: [], del: [] });
    expect(after.iat).toBeGreaterThanOrEqual(before.iat + 86_400);
  });

  it('refuses a malformed permit number', async () => {
    await expect(ws.store.revokePermit('abc')).rejects.toThrow(/permit number/);
  });
});

