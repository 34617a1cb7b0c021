// The browser host over real HTTP on 127.0.0.1: same channel map, same validation as Electron main.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../host-core/csp';
import { memoryLogger } from '../../host-core/logger';
import { startHostServer, type RunningHostServer } from '../../host-server/server';
import { allowedHostHeaders, checkHostCall } from '../../host-server/request-guard';
import { rawRequest, startTestServer, type TestServer } from './http-fixtures';

const RESOURCES = resolve(__dirname, '../../resources');
let root: string;
let rendererDir: string;
let host: RunningHostServer;
const extra: { close(): Promise<void> }[] = [];

async function start(options: { demoWorkSystemDir?: string; dataDir?: string } = {}): Promise<RunningHostServer> {
  const logger = memoryLogger();
  return startHostServer({
    dataDir: options.dataDir ?? join(root, 'data'),
    resourcesDir: RESOURCES,
    rendererDir,
    demoWorkSystemDir: options.demoWorkSystemDir ?? null,
    logger: () => logger,
  });
}

function call(server: RunningHostServer, channel: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/__host/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'essc-host-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(rendererDir, 'assets', 'zxing.wasm'), new Uint8Array([0, 97, 115, 109]));
  await writeFile(join(root, 'secret.txt'), 'outside the renderer');
  host = await start();
});
afterAll(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(extra.splice(0).map((s) => s.close()));
});

describe('the renderer is served with the same CSP as Electron', () => {
  it('GET / returns index.html with the CSP header', async () => {
    const response = await fetch(`${host.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<title>kiosk</title>');
  });

  it('wasm is served as application/wasm (instantiateStreaming needs it)', async () => {
    const response = await fetch(`${host.url}/assets/zxing.wasm`);
    expect(response.headers.get('content-type')).toBe('application/wasm');
  });

  it('refuses path traversal, encoded or not', async () => {
    for (const path of ['/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/../secret.txt']) {
      const response = await rawRequest(host.url, { path });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.body).not.toContain('outside the renderer');
    }
  });

  it('a missing file is 404', async () => {
    expect((await fetch(`${host.url}/assets/nope.js`)).status).toBe(404);
  });
});

describe('POST /__host/<channel> validates like the IPC wrapper', () => {
  it('app:info with an empty body answers the browser host', async () => {
    const response = await call(host, 'app:info');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: 'essc-kiosk', host: 'browser', demo: false });
  });

  it('config:get gives the defaults with the pinned production anchors', async () => {
    const pinned = JSON.parse(await readFile(join(RESOURCES, 'anchors/production.jwks.json'), 'utf8')) as unknown;
    expect(await (await call(host, 'config:get')).json()).toMatchObject({ anchorsSource: 'pinned', anchors: pinned, workSystemUrl: null });
  });

  it('config:set with a bad value is 400 {error, message}; a good one persists', async () => {
    const bad = await call(host, 'config:set', { kioskName: '' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'bad_request', message: expect.stringContaining('kioskName') });
    const good = await call(host, 'config:set', { kioskName: 'Counter 3' });
    expect(await good.json()).toMatchObject({ kioskName: 'Counter 3' });
    expect(JSON.parse(await readFile(join(root, 'data', 'kiosk-config.json'), 'utf8'))).toMatchObject({ kioskName: 'Counter 3' });
  });

  it('a void channel given a body is 400', async () => {
    expect((await call(host, 'app:info', { x: 1 })).status).toBe(400);
  });

  it('unknown channel 404, malformed JSON 400, text/plain 415, GET 405', async () => {
    expect((await call(host, 'shell:open')).status).toBe(404);
    const malformed = await rawRequest(host.url, { method: 'POST', path: '/__host/config:set', headers: { 'content-type': 'application/json', host: new URL(host.url).host }, body: '{"kioskName":' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toHaveProperty('error');
    const plain = await fetch(`${host.url}/__host/config:set`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"kioskName":"x"}' });
    expect(plain.status).toBe(415);
    expect((await fetch(`${host.url}/__host/app:info`)).status).toBe(405);
  });

  it('refuses calls from another origin and a rebound Host header', async () => {
    expect((await call(host, 'config:get', undefined, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await call(host, 'config:get', undefined, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const rebound = await rawRequest(host.url, { method: 'POST', path: '/__host/config:get', headers: { host: 'evil.example:80' } });
    expect(rebound.status).toBe(403);
    expect((await call(host, 'config:get', undefined, { origin: host.url })).status).toBe(200);
  });

  it('slip:print and slip:save-pdf report that the browser does it itself', async () => {
    expect(await (await call(host, 'slip:print')).json()).toEqual({ printed: false });
    expect(await (await call(host, 'slip:save-pdf', { fileName: 'slip.pdf' })).json()).toEqual({ saved: false, path: null });
    expect((await call(host, 'slip:save-pdf', { fileName: '../x.pdf' })).status).toBe(400);
  });
});

describe('work-system:request goes to the configured Work System only', () => {
  it('NOT_CONFIGURED before a URL is set; a non-v1 path is 400', async () => {
    const dataDir = join(root, 'data-unconfigured');
    const server = await start({ dataDir });
    extra.push(server);
    expect(await (await call(server, 'work-system:request', { method: 'GET', path: '/v1/health' })).json()).toMatchObject({ ok: false, failure: 'NOT_CONFIGURED' });
    expect((await call(server, 'work-system:request', { method: 'GET', path: '/admin' })).status).toBe(400);
  });

  it('proxies to the configured server and returns status, etag and body', async () => {
    const ws: TestServer = await startTestServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', etag: '"h1"' }).end(JSON.stringify({ ok: true, path: req.url }));
    });
    extra.push(ws);
    await call(host, 'config:set', { workSystemUrl: ws.url });
    const answer = await (await call(host, 'work-system:request', { method: 'GET', path: '/v1/health' })).json();
    expect(answer).toEqual({ ok: true, status: 200, etag: '"h1"', contentType: 'application/json', body: '{"ok":true,"path":"/v1/health"}' });
    expect(ws.hits).toHaveLength(1);
  });
});

describe('demo mode reads the anchors of the reference Work System at run time', () => {
  it('uses <work-system dir>/anchors.jwks.json and follows a re-keyed server', async () => {
    const wsDir = join(root, 'ws-data');
    await mkdir(wsDir, { recursive: true });
    const key = (c: string) => ({ keys: [{ kty: 'EC', crv: 'P-256', x: c.repeat(43), y: 'Q'.repeat(43) }] });
    await writeFile(join(wsDir, 'anchors.jwks.json'), JSON.stringify(key('M')));
    const dataDir = join(root, 'data-demo');
    const first = await start({ demoWorkSystemDir: wsDir, dataDir });
    expect(await (await call(first, 'app:info')).json()).toMatchObject({ demo: true });
    expect(await (await call(first, 'config:get')).json()).toMatchObject({ anchorsSource: 'demo', anchors: key('M') });
    await first.close();
    await writeFile(join(wsDir, 'anchors.jwks.json'), JSON.stringify(key('N')));
    const second = await start({ demoWorkSystemDir: wsDir, dataDir });
    extra.push(second);
    expect(await (await call(second, 'config:get')).json()).toMatchObject({ anchorsSource: 'demo', anchors: key('N') });
  });
});

describe('the loopback request guard', () => {
  const hosts = allowedHostHeaders('127.0.0.1', 4780);
  const facts = { host: '127.0.0.1:4780', origin: undefined, secFetchSite: undefined, contentType: 'application/json', hasBody: true };
  it('accepts our own page, localhost aliases, and no-Origin tools', () => {
    expect(checkHostCall({ ...facts, origin: 'http://127.0.0.1:4780', secFetchSite: 'same-origin' }, hosts).ok).toBe(true);
    expect(checkHostCall({ ...facts, host: 'localhost:4780', origin: 'http://localhost:4780' }, hosts).ok).toBe(true);
    expect(checkHostCall(facts, hosts).ok).toBe(true);
  });
  it('refuses another port on loopback (another local app) unless it is the trusted dev server', () => {
    const dev = { ...facts, origin: 'http://127.0.0.1:4781' };
    expect(checkHostCall(dev, hosts)).toMatchObject({ ok: false, status: 403 });
    expect(checkHostCall(dev, hosts, new Set(['http://127.0.0.1:4781'])).ok).toBe(true);
  });
  it('refuses same-site but cross-origin fetch metadata and a body that is not JSON', () => {
    expect(checkHostCall({ ...facts, secFetchSite: 'same-site' }, hosts)).toMatchObject({ ok: false, status: 403 });
    expect(checkHostCall({ ...facts, contentType: 'text/plain' }, hosts)).toMatchObject({ ok: false, status: 415 });
    expect(checkHostCall({ ...facts, contentType: 'application/jsonx' }, hosts)).toMatchObject({ ok: false, status: 415 });
  });
});

describe('leaving demo mode drops everything demo', () => {
  it('a profile written by a demo run gets the pinned anchors back and loses its demo code', async () => {
    const wsDir = join(root, 'ws-leave');
    await mkdir(wsDir, { recursive: true });
    const demoAnchors = { keys: [{ kty: 'EC', crv: 'P-256', x: 'Z'.repeat(43), y: 'Y'.repeat(43) }] };
    await writeFile(join(wsDir, 'anchors.jwks.json'), JSON.stringify(demoAnchors));
    const dataDir = join(root, 'data-leave');
    const demo = await start({ demoWorkSystemDir: wsDir, dataDir });
    await demo.kiosk.config.replace({ ...(await demo.kiosk.config.get()), demoEnrollCode: 'ABCD-EFGH-JKLM' });
    await demo.close();
    const production = await start({ dataDir });
    extra.push(production);
    const pinned = JSON.parse(await readFile(join(RESOURCES, 'anchors/production.jwks.json'), 'utf8')) as unknown;
    expect(await (await call(production, 'config:get')).json()).toMatchObject({ anchorsSource: 'pinned', anchors: pinned, demoEnrollCode: null });
    expect(await (await call(production, 'app:info')).json()).toMatchObject({ demo: false });
  });
});
