// The browser host in demo mode against the real reference Work System (work-system/), wired the
// way `npm run web` wires them: host channels → transport → §7 API over real HTTP.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../host-core/logger';
import { startHostServer, type RunningHostServer } from '../../host-server/server';
import { writeDemoKioskConfig } from '../../scripts/demo-environment';
import { verifyTrustList } from '../../shared/trust/trust-list';
import { loadTrustAnchors } from '../../shared/trust/anchors';
import { startWorkSystem, type RunningWorkSystem } from '../../work-system';
import type { WorkSystemResponse } from '../../shared/host/host-api';

let root: string;
let workSystem: RunningWorkSystem;
let host: RunningHostServer;

async function call<T = unknown>(channel: string, body?: unknown): Promise<{ status: number; json: T }> {
  const response = await fetch(`${host.url}/__host/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}
const ok = (answer: WorkSystemResponse) => {
  if (!answer.ok) throw new Error(`${answer.failure}: ${answer.message}`);
  return answer;
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'essc-demo-'));
  workSystem = await startWorkSystem({ dataDir: join(root, 'work-system'), port: 0 });
  await writeDemoKioskConfig(join(root, 'kiosk'), workSystem);
  host = await startHostServer({
    dataDir: join(root, 'kiosk'),
    resourcesDir: resolve(__dirname, '../../resources'),
    rendererDir: join(root, 'no-renderer'),
    demoWorkSystemDir: join(root, 'work-system'),
    logger: () => memoryLogger(),
  });
}, 60_000);
afterAll(async () => {
  await host?.close();
  await workSystem?.close();
  await rm(root, { recursive: true, force: true });
});

describe('demo wiring: the kiosk config points at the reference server', () => {
  it('has its URL, its anchors (source demo) and a one-time enrollment code', async () => {
    const { json } = await call<Record<string, unknown>>('config:get');
    expect(json).toMatchObject({ workSystemUrl: workSystem.url, anchorsSource: 'demo', anchors: workSystem.anchorsJwks, kioskMode: false });
    expect(json.demoEnrollCode).toEqual(expect.any(String));
  });
});

describe('a restart of the launcher keeps the administrator’s settings', () => {
  it('keeps name and kiosk mode, refreshes URL and anchors, issues a new code', async () => {
    await call('config:set', { kioskName: 'Counter 9', kioskMode: true });
    const before = (await call<{ demoEnrollCode: string }>('config:get')).json.demoEnrollCode;
    const after = await writeDemoKioskConfig(join(root, 'kiosk'), workSystem);
    expect(after).toMatchObject({ kioskName: 'Counter 9', kioskMode: true, workSystemUrl: workSystem.url, anchorsSource: 'demo' });
    expect(after.demoEnrollCode).not.toBe(before);
    expect(JSON.parse(await readFile(join(root, 'kiosk', 'kiosk-config.json'), 'utf8'))).toEqual(after);
  });
});

describe('work-system:request reaches the §7 API of the reference server', () => {
  it('GET /v1/trust-list: a JWS that verifies against the demo anchors; its ETag gives 304', async () => {
    const first = ok((await call<WorkSystemResponse>('work-system:request', { method: 'GET', path: '/v1/trust-list' })).json);
    expect(first).toMatchObject({ status: 200, contentType: expect.stringContaining('application/jose') });
    const anchors = await loadTrustAnchors(workSystem.anchorsJwks);
    const list = await verifyTrustList(first.body, anchors);
    expect(list.seq).toBeGreaterThan(0);
    const again = ok((await call<WorkSystemResponse>('work-system:request', { method: 'GET', path: '/v1/trust-list', headers: { 'if-none-match': first.etag ?? '' } })).json);
    expect(again.status).toBe(304);
  });

  it('POST /v1/kiosks with the demo code enrolls once (201), then 409 code_used', async () => {
    const { json: config } = await call<{ demoEnrollCode: string }>('config:get');
    const { publicKey } = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
    const body = JSON.stringify({ code: config.demoEnrollCode, name: 'Demo kiosk', office: 'Demo office', jwk: { kty, crv, x, y } });
    const enroll = () => call<WorkSystemResponse>('work-system:request', { method: 'POST', path: '/v1/kiosks', headers: { 'content-type': 'application/json' }, body });
    const first = ok((await enroll()).json);
    expect(first.status).toBe(201);
    expect(JSON.parse(first.body)).toMatchObject({ kioskId: expect.any(String), kid: expect.any(String) });
    const second = ok((await enroll()).json);
    expect(second.status).toBe(409);
    expect(JSON.parse(second.body)).toMatchObject({ error: 'code_used' });
  });

  it('an unreachable Work System is OFFLINE, not an error', async () => {
    const closed = await startWorkSystem({ dataDir: join(root, 'ws-gone'), port: 0 });
    const url = closed.url;
    await closed.close();
    await call('config:set', { workSystemUrl: url });
    const { status, json } = await call<WorkSystemResponse>('work-system:request', { method: 'GET', path: '/v1/health' });
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: false, failure: 'OFFLINE' });
    await call('config:set', { workSystemUrl: workSystem.url });
  });
});
