import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppRequestHandler, registerAppSchemePrivileges } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../host-core/csp';
import { memoryLogger } from '../../host-core/logger';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'essc-proto-'));
  const renderer = join(root, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(join(renderer, 'assets', 'zxing.wasm'), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  await writeFile(join(root, 'secret.txt'), 'do not serve');
  await symlink(join(root, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  handler = createAppRequestHandler(renderer, memoryLogger());
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// URLs are normalised by Request (as by Chromium); encoded separators and NUL still arrive.
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('essc://app/ serves the built renderer', () => {
  it('registers essc as standard, secure and fetch-capable (a secure context for crypto.subtle)', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppSchemePrivileges(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'essc', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }),
    ]);
  });

  it('the root and index.html come with the CSP header and nosniff', async () => {
    for (const url of ['essc://app/', 'essc://app/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>kiosk</title>');
    }
  });

  it('the CSP has no unsafe-eval and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    // Workers only from built files: a blob: worker would turn a string into code.
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )worker-src 'self'(;|$)/);
  });

  it('wasm is application/wasm', async () => {
    expect((await get('essc://app/assets/zxing.wasm')).headers.get('content-type')).toBe('application/wasm');
  });
});

describe('path traversal is refused', () => {
  it.each([
    'essc://app/%2e%2e/secret.txt',
    'essc://app/assets/%2e%2e/%2e%2e/secret.txt',
    'essc://app/..%2fsecret.txt',
    'essc://app/..%5csecret.txt',
    'essc://app/%252e%252e/secret.txt',
    'essc://app/assets/link.txt',
    'essc://app/%00index.html',
    'essc://app/%E0%A4%A',
  ])('%s', async (url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('do not serve');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('another host on the scheme is 404; methods other than GET/HEAD are 405', async () => {
    expect((await get('essc://other/index.html')).status).toBe(404);
    expect((await get('essc://app/index.html', 'POST')).status).toBe(405);
    const head = await get('essc://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
