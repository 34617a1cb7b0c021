import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../work-system/server/fault-injection';
import { postJson, startTestServer } from './helpers';

describe('fault injection (tests and demos only)', () => {
  let ws: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    ws = await startTestServer({ faults: { routes: { '/v1/health': { latencyMs: 400 } } } });
  });
  afterAll(() => ws.stop());
  const health = () => fetch(`${ws.url}/v1/health`);

  it('delays a route by its configured latency and leaves the others alone', async () => {
    let t = performance.now();
    expect((await health()).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(390);
    t = performance.now();
    expect((await fetch(`${ws.url}/v1/trust-list`)).status).toBe(200);
    expect(performance.now() - t).toBeLessThan(390);
  });

  it('switches to 503 answers at runtime and back', async () => {
    const set = await postJson(`${ws.url}/__faults`, { errorRate: 1 });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ errorRate: 1 });
    const res = await health();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'injected_fault', message: expect.any(String) });
    expect((await fetch(`${ws.url}/v1/revocations`)).status).toBe(503);
    // The admin route itself is never faulted, so a test can always recover the server.
    expect((await fetch(`${ws.url}/__faults`)).status).toBe(200);
    expect((await fetch(`${ws.url}/__faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await health()).status).toBe(200);
  });

  it('destroys the connection mid-request when asked, then recovers', async () => {
    await postJson(`${ws.url}/__faults`, { routes: { '/v1/audit': { resetRate: 1 } } });
    await expect(fetch(`${ws.url}/v1/audit`, { method: 'POST', headers: { 'content-type': 'application/jose' }, body: 'x.y.z' })).rejects.toThrow();
    expect((await health()).status).toBe(200);
    await fetch(`${ws.url}/__faults`, { method: 'DELETE' });
    const after = await fetch(`${ws.url}/v1/audit`, { method: 'POST', headers: { 'content-type': 'application/jose' }, body: 'x.y.z' });
    expect(after.status).toBe(400);
  });

  it('refuses a malformed fault configuration with 400', async () => {
    for (const body of [{ errorRate: 2 }, { latencyMs: -1 }, { routes: { health: {} } }, { bogus: 1 }]) {
      const res = await postJson(`${ws.url}/__faults`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('applies a partial error rate by its probability (the longest prefix wins)', () => {
    const draws = [0.1, 0.6, 0.2, 0.9];
    const injector = new FaultInjector({ errorRate: 0.5, routes: { '/v1': { errorRate: 0 }, '/v1/audit': { errorRate: 0.5 } } }, () => draws.shift()!);
    expect(injector.specFor('/v1/health')).toEqual({ errorRate: 0 });
    expect(injector.specFor('/v1/audit')).toEqual({ errorRate: 0.5 });
    expect(injector.specFor('/wallet')).toEqual({ errorRate: 0.5 });
  });
});
