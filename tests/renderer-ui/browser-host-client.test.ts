// The renderer's HostApi over HTTP, against the real browser host server on 127.0.0.1.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostServer, type RunningHostServer } from '../../host-server/server';
import type { HostApi } from '../../shared/host/host-api';
import { createBrowserHostClient, HostRequestError } from '../../renderer/host/browser-host-client';

let dir: string;
let server: RunningHostServer;
let host: HostApi;
const quiet = () => ({ info: () => undefined, warn: () => undefined, error: () => undefined });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essc-host-client-'));
  server = await startHostServer({
    dataDir: dir,
    resourcesDir: resolve(import.meta.dirname, '../../resources'),
    rendererDir: join(dir, 'no-renderer'),
    logger: quiet,
  });
  // In the page the client posts to a same-origin relative path; here the origin is the server.
  host = createBrowserHostClient({ fetch: (path, init) => fetch(server.url + path, init) });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('browser host client', () => {
  it('reads app info and the default config through POST /__host/<channel>', async () => {
    expect(await host.appInfo()).toMatchObject({ name: 'essc-kiosk', host: 'browser' });
    const config = await host.getConfig();
    expect(config.language).toBe('zh-CN');
    expect(config.autoClearSeconds).toBe(60);
  });

  it('saves a patch and reads it back (the config survives in the host)', async () => {
    const saved = await host.setConfig({ language: 'en', autoClearSeconds: 45, idleLockMinutes: 7, workSystemUrl: 'http://127.0.0.1:9/' });
    expect(saved).toMatchObject({ language: 'en', autoClearSeconds: 45, idleLockMinutes: 7 });
    expect(await host.getConfig()).toMatchObject({ language: 'en', autoClearSeconds: 45, idleLockMinutes: 7 });
  });

  it('turns a refused request into a HostRequestError with the server code', async () => {
    const error = await host.setConfig({ autoClearSeconds: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostRequestError);
    expect(error).toMatchObject({ channel: 'config:set', status: 400, code: 'bad_request' });
    expect((await host.getConfig()).autoClearSeconds).toBe(45);
  });

  it('refuses a response that does not match the channel schema', async () => {
    const lying = createBrowserHostClient({
      fetch: async () => new Response(JSON.stringify({ name: 'x' }), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await expect(lying.appInfo()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('reports a Work System that is not configured as a failure value, not an exception', async () => {
    await host.setConfig({ workSystemUrl: null });
    expect(await host.workSystem({ method: 'GET', path: '/v1/health' })).toMatchObject({ ok: false, failure: 'NOT_CONFIGURED' });
  });
});
