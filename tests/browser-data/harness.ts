// Real Chromium for data-layer tests: the test page bundled by Vite, served from 127.0.0.1, and a
// Chromium we start ourselves (so a test can SIGKILL it to prove durability) driven over CDP.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { RENDERER_RESPONSE_HEADERS } from '../../host-core/csp';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGE_ROOT = resolve(import.meta.dirname, 'page');

/** Bundles tests/browser-data/page with the production Vite pipeline (workers, ?url assets). */
export async function buildTestPage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'essc-data-page-'));
  await build({
    configFile: false,
    root: PAGE_ROOT,
    logLevel: 'error',
    base: './',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, minify: false, target: 'es2022', reportCompressedSize: false },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.jws': 'application/jose',
};

export interface StaticServer {
  readonly origin: string;
  /** Every path requested, in order. */
  readonly requests: string[];
  /** Extra in-memory files (e.g. a large revocation snapshot). */
  readonly files: Map<string, string>;
  close(): Promise<void>;
}

export async function serveDirectory(dir: string): Promise<StaticServer> {
  const requests: string[] = [];
  const files = new Map<string, string>();
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const extra = files.get(path);
    if (extra !== undefined) {
      res.writeHead(200, { ...RENDERER_RESPONSE_HEADERS, 'content-type': TYPES[extname(path)] ?? 'text/plain' });
      res.end(extra);
      return;
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      // The production CSP of both hosts: wasm, workers and fetches must all work under it.
      res.writeHead(200, { ...RENDERER_RESPONSE_HEADERS, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    files,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

export interface RunningChromium {
  readonly browser: Browser;
  readonly process: ChildProcess;
  /** Non-local URLs the page or its workers tried to reach (all were aborted). */
  readonly external: string[];
  openPage(origin: string): Promise<Page>;
  /** Ends Chromium the hard way (power cut, crash): no shutdown, no flush. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts Chromium on a profile directory; DNS for anything but 127.0.0.1 fails at the resolver.
 * Pass the same `external` array to successive launches to collect across restarts.
 */
export async function launchChromium(profileDir: string, external: string[] = []): Promise<RunningChromium> {
  const child = spawn(
    CHROMIUM_PATH,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--no-default-browser-check',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      `--user-data-dir=${profileDir}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const wsUrl = await new Promise<string>((ok, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`Chromium did not start: ${seen}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.once('exit', (code) => fail(new Error(`Chromium exited (${code}): ${seen}`)));
  });
  const browser = await chromium.connectOverCDP(wsUrl);
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  return {
    browser,
    process: child,
    external,
    async openPage(origin) {
      const context = browser.contexts()[0]!;
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
        external.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) external.push(url);
      });
      await page.goto(`${origin}/index.html`);
      await page.waitForFunction(() => document.title === 'ready');
      return page;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
      await browser.close().catch(() => undefined);
    },
    async close() {
      await browser.close().catch(() => undefined);
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
