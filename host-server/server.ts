// The browser host: the same host API as Electron main, over same-origin HTTP, for `npm run web`
// and the browser tests. It serves the built renderer with the same CSP and answers
// POST /__host/<channel> with the same channel map and the same config/transport logic.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { RENDERER_RESPONSE_HEADERS } from '../host-core/csp';
import { dispatchHostRequest, HostPayloadError, isHostChannel, type HostHandlers } from '../host-core/host-channels';
import { openKioskHost, type KioskHost } from '../host-core/kiosk-host';
import { consoleLogger, type Logger } from '../host-core/logger';
import { readStaticFile } from '../host-core/static-files';
import { allowedHostHeaders, checkHostCall } from './request-guard';

export interface HostServerOptions {
  /** Folder for kiosk-config.json. */
  readonly dataDir: string;
  /** Folder holding anchors/production.jwks.json (the repository's resources/). */
  readonly resourcesDir: string;
  /** The built renderer (out/renderer from `electron-vite build`). */
  readonly rendererDir: string;
  /** Demo mode: the reference Work System's data folder (its anchors are used). */
  readonly demoWorkSystemDir?: string | null;
  readonly host?: string;
  readonly port?: number;
  readonly version?: string;
  readonly logger?: (prefix: string) => Logger;
  readonly maxResponseBytes?: number;
  /** Development only: origins (the Vite dev server) whose proxied host calls are accepted. */
  readonly trustedDevOrigins?: readonly string[];
}

export interface RunningHostServer {
  readonly url: string;
  readonly kiosk: KioskHost;
  close(): Promise<void>;
}

/** A Work System request body is at most 2 MiB of text; JSON escaping can inflate it. */
const BODY_LIMIT_BYTES = 6 * 1024 * 1024;

export async function startHostServer(options: HostServerOptions): Promise<RunningHostServer> {
  const logger = options.logger ?? consoleLogger;
  const log = logger('host-server');
  const kiosk = await openKioskHost({
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
    demoWorkSystemDir: options.demoWorkSystemDir ?? null,
    appInfo: { name: 'essc-kiosk', version: options.version ?? '0.0.0', host: 'browser', platform: process.platform },
    maxResponseBytes: options.maxResponseBytes,
    logger,
  });
  const handlers: HostHandlers<undefined> = {
    ...kiosk.handlers,
    // A server cannot print the user's page: the browser renderer calls window.print() itself
    // (whose dialog also offers "Save as PDF"), so these report that nothing was done here.
    'slip:print': async () => ({ printed: false }),
    'slip:save-pdf': async () => ({ saved: false, path: null }),
  };

  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES });
  let allowedHosts = new Set<string>();
  // An empty body is a void request (app:info, config:get…), not a JSON syntax error.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('the body is not JSON'), { statusCode: 400, code: 'bad_json' }), undefined);
    }
  });
  registerHostRoute(app, handlers, () => allowedHosts, new Set(options.trustedDevOrigins ?? []), log);
  registerRendererRoute(app, options.rendererDir, log);
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) log.error('unhandled', error);
    void reply.code(status).send({ error: status === 500 ? 'internal' : errorCode(error), message: status === 500 ? 'internal error' : error.message });
  });

  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  allowedHosts = allowedHostHeaders(host, port);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info(`listening on ${url}`);
  return { url, kiosk, close: () => app.close() };
}

function registerHostRoute(
  app: FastifyInstance,
  handlers: HostHandlers<undefined>,
  allowedHosts: () => Set<string>,
  trustedOrigins: ReadonlySet<string>,
  log: Logger,
): void {
  app.post<{ Params: { channel: string } }>('/__host/:channel', async (request, reply) => {
    const guard = checkHostCall(
      {
        host: request.headers.host,
        origin: request.headers.origin,
        secFetchSite: header(request.headers['sec-fetch-site']),
        contentType: request.headers['content-type'],
        hasBody: Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined,
      },
      allowedHosts(),
      trustedOrigins,
    );
    if (!guard.ok) return reply.code(guard.status).send({ error: guard.code, message: guard.message });
    const { channel } = request.params;
    if (!isHostChannel(channel)) return reply.code(404).send({ error: 'unknown_channel', message: `no host channel ${channel}` });
    try {
      return await dispatchHostRequest(handlers, channel, request.body, undefined);
    } catch (error) {
      if (error instanceof HostPayloadError && error.direction === 'request') {
        return reply.code(400).send({ error: 'bad_request', message: error.message });
      }
      // config:set whose merge fails the full schema is the caller's mistake too.
      if (error instanceof Error && error.name === 'ZodError') return reply.code(400).send({ error: 'bad_request', message: error.message });
      log.error(`${channel} failed`, error);
      return reply.code(500).send({ error: 'internal', message: `${channel} failed` });
    }
  });
  app.all('/__host/*', async (_request, reply) => reply.code(405).send({ error: 'method_not_allowed', message: 'host calls are POST' }));
}

function registerRendererRoute(app: FastifyInstance, rendererDir: string, log: Logger): void {
  app.get('/*', async (request, reply) => {
    const pathname = new URL(request.url, 'http://host.invalid').pathname;
    const result = await readStaticFile(rendererDir, pathname, RENDERER_RESPONSE_HEADERS);
    if (result.status === 404 && pathname === '/' && !(await exists(join(rendererDir, 'index.html')))) {
      log.warn(`no built renderer in ${rendererDir}`);
      return reply
        .code(503)
        .headers(RENDERER_RESPONSE_HEADERS)
        .type('text/plain; charset=utf-8')
        .send('The renderer is not built. Run `npm run build` (electron-vite build) first.');
    }
    return reply.code(result.status).headers(result.headers).send(typeof result.body === 'string' ? result.body : Buffer.from(result.body));
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function errorCode(error: Error & { code?: string }): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'too_large';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported_media_type';
  return error.code && /^[a-z_]+$/.test(error.code) ? error.code : 'bad_request';
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
