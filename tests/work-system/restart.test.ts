import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrustAnchors } from '../../shared/trust/anchors';
import { verifyTrustList } from '../../shared/trust/trust-list';
import { verifyRevocationList } from '../../shared/revocation/revocation-list';
import { enrollKiosk, nextEntries, startTestServer, tempDataDir, uploadEntries } from './helpers';

describe('restart of the Work System', () => {
  it('keeps keys, trust list, revocations, kiosks and audit chains', async () => {
    const data = tempDataDir();
    try {
      const first = await startTestServer({ dataDir: data.dir });
      const kiosk = await enrollKiosk(first);
      expect((await uploadEntries(first, kiosk, await nextEntries(kiosk, 20))).status).toBe(200);
      await first.store.revokePermit('156120241201000999');
      const trustBefore = await (await fetch(`${first.url}/v1/trust-list`)).text();
      const revBefore = await (await fetch(`${first.url}/v1/revocations`)).text();
      const anchorsBefore = readFileSync(first.anchorsJwksPath, 'utf8');
      const unusedCode = first.store.createEnrollmentCode();
      await first.close();
      // A copy or unpack that loosened the key files' mode is tightened again at start.
      const keyFile = join(data.dir, 'keys', `${first.store.anchor.kid}.jwk`);
      chmodSync(keyFile, 0o644);
      await first.close(); // idempotent

      const second = await startTestServer({ dataDir: data.dir });
      try {
        expect(readFileSync(second.anchorsJwksPath, 'utf8')).toBe(anchorsBefore);
        expect(statSync(keyFile).mode & 0o777).toBe(0o600);
        expect(await (await fetch(`${second.url}/v1/trust-list`)).text()).toBe(trustBefore);
        const anchors = await loadTrustAnchors(JSON.parse(anchorsBefore));
        const revAfter = await (await fetch(`${second.url}/v1/revocations`)).text();
        // Signed again after the restart (ECDSA signatures differ), with the same content.
        expect(await verifyRevocationList(revAfter, anchors)).toEqual(await verifyRevocationList(revBefore, anchors));
        expect((await verifyRevocationList(revBefore, anchors)).add).toHaveLength(1);
        // The chain continues where it stopped; the kiosk's key is still known.
        const more = await uploadEntries(second, kiosk, await nextEntries(kiosk, 5));
        expect(await more.json()).toEqual({ stored: 5, duplicates: 0, lastSeq: 25 });
        expect(await second.store.verifyKioskChain(kiosk.kioskId)).toMatchObject({ ok: true, checked: 25 });
        const res = await fetch(`${second.url}/v1/kiosks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: unusedCode, name: 'B', office: 'C', jwk: kiosk.jwk }),
        });
        expect(res.status).toBe(409); // same key: the kiosk table survived
      } finally {
        await second.close();
      }
    } finally {
      data.remove();
    }
  });

  it('re-signs a trust list older than a day at start, so demo data never goes stale', async () => {
    const data = tempDataDir();
    try {
      const first = await startTestServer({ dataDir: data.dir });
      const anchors = await loadTrustAnchors(first.anchorsJwks);
      const before = await verifyTrustList(await (await fetch(`${first.url}/v1/trust-list`)).text(), anchors);
      await first.close();
      const later = new Date((before.iat + 2 * 86_400) * 1000);
      const second = await startTestServer({ dataDir: data.dir, clock: () => later });
      try {
        const after = await verifyTrustList(await (await fetch(`${second.url}/v1/trust-list`)).text(), anchors);
        expect(after.seq).toBe(before.seq + 1);
        expect(after.iat).toBe(before.iat + 2 * 86_400);
        expect([...after.keys.keys()].sort()).toEqual([...before.keys.keys()].sort());
      } finally {
        await second.close();
      }
    } finally {
      data.remove();
    }
  });
});

describe('periodic re-signing', () => {
  it('re-signs the trust list and refreshes revocations on the timer once a day has passed', async () => {
    let offsetMs = 0;
    const ws = await startTestServer({ clock: () => new Date(Date.now() + offsetMs), refreshIntervalMs: 50 });
    try {
      const anchors = await loadTrustAnchors(ws.anchorsJwks);
      const trust = async () => verifyTrustList(await (await fetch(`${ws.url}/v1/trust-list`)).text(), anchors);
      const before = await trust();
      const revBefore = await verifyRevocationList(await (await fetch(`${ws.url}/v1/revocations`)).text(), anchors);
      await new Promise((r) => setTimeout(r, 200));
      expect((await trust()).seq).toBe(before.seq);
      offsetMs = 25 * 3600 * 1000;
      await expect.poll(async () => (await trust()).seq, { timeout: 5000 }).toBe(before.seq + 1);
      const delta = await verifyRevocationList(await (await fetch(`${ws.url}/v1/revocations?since=${revBefore.seq}`)).text(), anchors);
      expect(delta).toMatchObject({ seq: revBefore.seq + 1, since: revBefore.seq, add: [], del: [] });
      expect(delta.iat).toBeGreaterThanOrEqual(revBefore.iat + 25 * 3600);
    } finally {
      await ws.stop();
    }
  });
});

describe('graceful shutdown', () => {
  it('lets a request in flight finish before the database closes', async () => {
    const ws = await startTestServer({ faults: { routes: { '/v1/audit': { latencyMs: 300 } } } });
    const kiosk = await enrollKiosk(ws);
    const entries = await nextEntries(kiosk, 10);
    const upload = uploadEntries(ws, kiosk, entries);
    await new Promise((r) => setTimeout(r, 100));
    const closing = ws.close();
    const res = await upload;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stored: 10, duplicates: 0, lastSeq: 10 });
    await closing;
    const again = await startTestServer({ dataDir: ws.dataDir });
    try {
      expect(again.store.audit.count(kiosk.kioskId)).toBe(10);
    } finally {
      await again.stop();
    }
  });
});
