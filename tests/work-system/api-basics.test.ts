import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors } from '../../shared/trust/anchors';
import { verifyTrustList } from '../../shared/trust/trust-list';
import { startTestServer } from './helpers';

describe('reference Work System: health, errors, trust list (§3, §7)', () => {
  let ws: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    ws = await startTestServer();
  });
  afterAll(() => ws.stop());

  it('listens on 127.0.0.1 and answers GET /v1/health', async () => {
    expect(ws.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${ws.url}/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers unknown routes with a {"error","message"} 404', async () => {
    const res = await fetch(`${ws.url}/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found', message: expect.stringContaining('/v1/nothing-here') });
  });

  it('has no demo or fault routes unless asked for', async () => {
    for (const path of ['/wallet', '/wallet/cards.json', '/demo/anchors.jwks', '/__faults']) {
      expect((await fetch(`${ws.url}${path}`)).status, path).toBe(404);
    }
  });

  it('creates the anchor and three issuers on first start, private keys owner-only', () => {
    const keysDir = join(ws.dataDir, 'keys');
    expect(statSync(keysDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(keysDir);
    expect(files.length).toBe(4);
    for (const f of files) expect(statSync(join(keysDir, f)).mode & 0o777, f).toBe(0o600);
    expect(ws.store.keys.listIssuers().map((i) => i.iss)).toEqual(['CN-110000', 'CN-310000', 'CN-440300']);
  });

  it('serves a trust list that verifies against the anchors file in the data dir', async () => {
    const res = await fetch(`${ws.url}/v1/trust-list`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jose');
    const anchors = await loadTrustAnchors(JSON.parse(readFileSync(ws.anchorsJwksPath, 'utf8')));
    const list = await verifyTrustList(await res.text(), anchors);
    expect(list.staleAfter).toBe(7 * 86_400);
    expect(list.expireAfter).toBe(30 * 86_400);
    expect(new Set([...list.keys.values()].map((k) => k.iss))).toEqual(new Set(['CN-110000', 'CN-310000', 'CN-440300']));
    expect(Math.abs(list.iat - Date.now() / 1000)).toBeLessThan(120);
  });

  it('answers 304 to If-None-Match with the current ETag, 200 to a stale one', async () => {
    const first = await fetch(`${ws.url}/v1/trust-list`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${ws.url}/v1/trust-list`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await fetch(`${ws.url}/v1/trust-list`, { headers: { 'if-none-match': '"trust-0"' } });
    expect(other.status).toBe(200);
  });

  it('publishes seq + 1 when a key is rotated or revoked; the old ETag then gets 200', async () => {
    const anchors = await loadTrustAnchors(ws.anchorsJwks);
    const before = await verifyTrustList(await (await fetch(`${ws.url}/v1/trust-list`)).text(), anchors);
    const oldEtag = `"trust-${before.seq}"`;
    const rotated = await ws.store.rotateKey('CN-310000');
    const afterRotate = await verifyTrustList(await (await fetch(`${ws.url}/v1/trust-list`)).text(), anchors);
    expect(afterRotate.seq).toBe(before.seq + 1);
    const shanghai = [...afterRotate.keys.values()].filter((k) => k.iss === 'CN-310000');
    expect(shanghai).toHaveLength(2);
    const old = shanghai.find((k) => k.kid !== rotated.key.kid)!;
    expect(old.exp).toBeLessThanOrEqual(rotated.key.createdAt);
    expect(ws.store.keys.signingKeyOf('CN-310000', ws.store.nowSec()).kid).toBe(rotated.key.kid);

    await ws.store.revokeKey(old.kid, 1_700_000_000);
    const res = await fetch(`${ws.url}/v1/trust-list`, { headers: { 'if-none-match': oldEtag } });
    expect(res.status).toBe(200);
    const afterRevoke = await verifyTrustList(await res.text(), anchors);
    expect(afterRevoke.seq).toBe(before.seq + 2);
    expect(afterRevoke.keys.get(old.kid)!.revoked).toBe(1_700_000_000);
  });
});

describe('internal failures', () => {
  it('answer 500 {"error":"internal_error"} without details', async () => {
    const ws = await startTestServer();
    try {
      ws.store.db.close(); // the database vanishes under the running server
      const res = await fetch(`${ws.url}/v1/trust-list`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'internal_error', message: 'the server failed to handle the request' });
    } finally {
      await ws.stop();
    }
  });
});
