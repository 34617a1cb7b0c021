import { afterEach, describe, expect, it } from 'vitest';
import { createWorkSystemTransport, workSystemUrl } from '../../host-core/work-system-transport';
import { memoryLogger } from '../../host-core/logger';
import type { WorkSystemRequest } from '../../shared/host/host-api';
import { startTestServer, type TestServer } from './http-fixtures';

const servers: TestServer[] = [];
async function server(handle: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const started = await startTestServer(handle);
  servers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function transportTo(baseUrl: string | null, maxResponseBytes?: number) {
  const logger = memoryLogger();
  return { logger, send: createWorkSystemTransport({ getBaseUrl: async () => baseUrl, maxResponseBytes, logger }) };
}

describe('the transport sends only to the configured Work System', () => {
  it('joins a base URL with a path prefix and the v1 path, and passes conditional and content-type headers', async () => {
    const ws = await server((req, res) => {
      res.writeHead(req.headers['if-none-match'] === '"t17"' ? 304 : 200, { etag: '"t17"', 'content-type': 'application/jose' });
      res.end(req.headers['if-none-match'] === '"t17"' ? undefined : 'aaa.bbb.ccc');
    });
    const { send } = transportTo(`${ws.url}/essc/`);
    const first = await send({ method: 'GET', path: '/v1/trust-list' });
    expect(first).toEqual({ ok: true, status: 200, etag: '"t17"', contentType: 'application/jose', body: 'aaa.bbb.ccc' });
    const second = await send({ method: 'GET', path: '/v1/trust-list', headers: { 'if-none-match': '"t17"' } });
    expect(second).toMatchObject({ ok: true, status: 304, body: '' });
    expect(ws.hits.map((h) => h.url)).toEqual(['/essc/v1/trust-list', '/essc/v1/trust-list']);
  });

  it('posts the body with the declared content type', async () => {
    const ws = await server((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"stored":1}'));
    const { send } = transportTo(ws.url);
    const answer = await send({ method: 'POST', path: '/v1/audit', headers: { 'content-type': 'application/jose' }, body: 'h.p.s' });
    expect(answer).toMatchObject({ ok: true, status: 200, body: '{"stored":1}' });
    expect(ws.hits[0]).toMatchObject({ method: 'POST', url: '/v1/audit', body: 'h.p.s' });
    expect(ws.hits[0]?.headers['content-type']).toBe('application/jose');
  });

  it('does not follow a redirect to another origin: the 302 is returned and the other server is never hit', async () => {
    const elsewhere = await server((_req, res) => res.end('{"ok":true}'));
    const ws = await server((_req, res) => res.writeHead(302, { location: `${elsewhere.url}/v1/health` }).end());
    const { send } = transportTo(ws.url);
    const answer = await send({ method: 'GET', path: '/v1/health' });
    expect(answer).toMatchObject({ ok: true, status: 302 });
    expect(elsewhere.hits).toHaveLength(0);
  });

  it('refuses a path outside the v1 API even if the schema was bypassed, without any request', async () => {
    const ws = await server((_req, res) => res.end('x'));
    const { send } = transportTo(ws.url);
    for (const path of ['/v2/health', '//evil.example/v1/health', '/v1/../admin', '/v1/health#x', 'http://evil.example/v1/health']) {
      expect(await send({ method: 'GET', path } as WorkSystemRequest)).toMatchObject({ ok: false, failure: 'REFUSED' });
    }
    expect(ws.hits).toHaveLength(0);
  });

  it('refuses base URLs that carry credentials, a query, or a non-http scheme', () => {
    expect(workSystemUrl('https://user:pw@ws.example', '/v1/health')).toBeNull();
    expect(workSystemUrl('https://ws.example/?x=1', '/v1/health')).toBeNull();
    expect(workSystemUrl('file:///etc', '/v1/health')).toBeNull();
    expect(workSystemUrl('https://ws.example/base', '/v1/revocations?since=4')?.href).toBe('https://ws.example/base/v1/revocations?since=4');
  });

  it('answers NOT_CONFIGURED when no URL is set', async () => {
    const { send } = transportTo(null);
    expect(await send({ method: 'GET', path: '/v1/health' })).toMatchObject({ ok: false, failure: 'NOT_CONFIGURED' });
  });
});

describe('the transport never throws: timeouts, offline, size cap', () => {
  it('times out a server that never answers (boundary: the request timeout, not the default)', async () => {
    const ws = await server(() => undefined);
    const { send } = transportTo(ws.url);
    const started = Date.now();
    const answer = await send({ method: 'GET', path: '/v1/health', timeoutMs: 300 });
    expect(answer).toMatchObject({ ok: false, failure: 'TIMEOUT' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('times out a server that sends headers and then stalls the body', async () => {
    const ws = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/jose' });
      res.write('partial');
    });
    const { send } = transportTo(ws.url);
    expect(await send({ method: 'GET', path: '/v1/trust-list', timeoutMs: 300 })).toMatchObject({ ok: false, failure: 'TIMEOUT' });
  });

  it('reports OFFLINE when nothing listens', async () => {
    const ws = await server(() => undefined);
    const url = ws.url;
    await servers.pop()?.close();
    const { send } = transportTo(url);
    expect(await send({ method: 'GET', path: '/v1/health' })).toMatchObject({ ok: false, failure: 'OFFLINE' });
  });

  it('caps the answer: exactly the cap passes, one byte more is TOO_LARGE, declared or streamed', async () => {
    const cap = 1024;
    const ws = await server((req, res) => {
      const size = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('since'));
      const declared = size % 2 === 0;
      res.writeHead(200, declared ? { 'content-length': String(size) } : {});
      // Streamed in pieces so the cap is enforced while reading, not only from the header.
      const body = 'x'.repeat(size);
      for (let i = 0; i < body.length; i += 100) res.write(body.slice(i, i + 100));
      res.end();
    });
    const { send } = transportTo(ws.url, cap);
    const ask = (size: number) => send({ method: 'GET', path: `/v1/revocations?since=${size}` });
    expect(await ask(cap)).toMatchObject({ ok: true, status: 200 });
    expect(((await ask(cap)) as { body: string }).body).toHaveLength(cap);
    expect(await ask(cap + 2)).toMatchObject({ ok: false, failure: 'TOO_LARGE' });
    expect(await ask(cap + 1)).toMatchObject({ ok: false, failure: 'TOO_LARGE' });
    expect(await ask(5 * cap + 1)).toMatchObject({ ok: false, failure: 'TOO_LARGE' });
  });

  it('reports ABORTED when the caller cancels', async () => {
    const ws = await server(() => undefined);
    const { send } = transportTo(ws.url);
    const controller = new AbortController();
    const pending = send({ method: 'GET', path: '/v1/health' }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, failure: 'ABORTED' });
  });
});
