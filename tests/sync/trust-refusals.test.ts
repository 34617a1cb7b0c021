// What a Work System (or anyone between) serves is only applied when it verifies against the
// pinned anchors and is newer: a tampered list, one signed by a non-anchor key and a rollback are
// refused and the cached list stays. Served by a tiny HTTP server through the real transport.
import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkSystemTransport } from '../../host-core/work-system-transport';
import { memoryLogger } from '../../host-core/logger';
import { generateSigningKeyPair, signRevocationList, signTrustList } from '../../work-system/issuer';
import { SyncScheduler } from '../../renderer/sync/sync-scheduler';
import { createTestWorld, DAY, NOW_SEC, type TestWorld } from '../fixtures/test-world';
import { openTestKiosk } from '../renderer-data/kiosk-fixture';

let world: TestWorld;
let server: Server;
let url: string;
const served = { trust: '', revocations: '' };

beforeAll(async () => {
  world = await createTestWorld();
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const body = path === '/v1/health' ? '{"ok":true}' : path === '/v1/trust-list' ? served.trust : path === '/v1/revocations' ? served.revocations : null;
    if (body === null) {
      res.writeHead(404).end('{"error":"not_found","message":"no"}');
      return;
    }
    res.writeHead(200, { 'content-type': path === '/v1/health' ? 'application/json' : 'application/jose', etag: `"${body.length}"` }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const tamper = (jws: string) => {
  const [h, p, s] = jws.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as { seq: number };
  payload.seq += 5;
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
};

const revocations = (seq: number, add: string[], anchor = world.anchor) =>
  signRevocationList({ seq, since: 0, iat: NOW_SEC - 60, staleAfter: 2 * DAY, add, del: [] }, anchor);

async function kioskOnRig(label: string) {
  const transport = createWorkSystemTransport({ getBaseUrl: async () => url, logger: memoryLogger() });
  return openTestKiosk(label, world, { workSystem: (r) => transport(r) });
}

describe('refused trust data keeps the cached lists', () => {
  it('trust list: tampered, signed by a non-anchor key, rolled back', async () => {
    const { kiosk } = await kioskOnRig('refuse-trust');
    served.trust = await signTrustList({ ...world.trustContent, seq: 20 }, world.anchor);
    served.revocations = await revocations(3, ['AAAAAAAAAAAAAAAAAAAAAA']);
    expect((await kiosk.sync.syncNow()).trust).toEqual({ ok: true, changed: true });
    expect((await kiosk.trust.status()).trustSeq).toBe(20);

    served.trust = tamper(await signTrustList({ ...world.trustContent, seq: 21 }, world.anchor));
    expect(await kiosk.sync.syncTrustList()).toMatchObject({ ok: false, failure: 'REJECTED' });

    const stranger = await generateSigningKeyPair();
    served.trust = await signTrustList({ ...world.trustContent, seq: 22 }, { ...stranger, kid: world.anchor.kid });
    expect(await kiosk.sync.syncTrustList()).toMatchObject({ ok: false, failure: 'REJECTED' });
    served.trust = await signTrustList({ ...world.trustContent, seq: 23 }, stranger);
    expect(await kiosk.sync.syncTrustList()).toMatchObject({ ok: false, failure: 'REJECTED' });

    served.trust = await signTrustList({ ...world.trustContent, seq: 19 }, world.anchor);
    expect(await kiosk.sync.syncTrustList()).toEqual({ ok: true, changed: false }); // not newer: ignored
    expect(await kiosk.trust.status()).toMatchObject({ trustSeq: 20, integrity: 'ok' });
  });

  it('revocations: tampered, non-anchor, rollback; the scheduler reports the refusal in plain words', async () => {
    const { kiosk } = await kioskOnRig('refuse-revocations');
    served.trust = world.trustJws;
    served.revocations = await revocations(10, ['BBBBBBBBBBBBBBBBBBBBBA']);
    await kiosk.sync.syncNow();
    expect((await kiosk.trust.status()).revocationSeq).toBe(10);

    served.revocations = tamper(await revocations(11, []));
    const scheduler = new SyncScheduler({ sync: kiosk.sync, pendingCount: () => kiosk.audit.pendingCount(), options: { intervalMs: 3_600_000 } });
    await scheduler.trigger('manual');
    expect(scheduler.getState().lastError).toMatchObject({ step: 'revocations', code: 'REJECTED' });
    await scheduler.stop();

    served.revocations = await revocations(12, [], await generateSigningKeyPair());
    expect(await kiosk.sync.syncRevocations()).toMatchObject({ ok: false, failure: 'REJECTED' });
    served.revocations = await revocations(9, []);
    expect(await kiosk.sync.syncRevocations()).toEqual({ ok: true, changed: false });

    expect((await kiosk.trust.status()).revocationSeq).toBe(10);
    expect(await kiosk.trust.state().revocations!.has('BBBBBBBBBBBBBBBBBBBBBA')).toBe(true);
  });
});
