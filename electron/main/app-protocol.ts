// Serves the built renderer over essc://app/ with the CSP and other security headers attached to
// every response. A standard + secure scheme gives the page a real origin and a secure context
// (crypto.subtle, getUserMedia, navigator.storage.persist) without file:// and its extra powers.
import type { Protocol } from 'electron';
import { RENDERER_RESPONSE_HEADERS } from '../../host-core/csp';
import { readStaticFile } from '../../host-core/static-files';
import type { Logger } from '../../host-core/logger';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must run before app 'ready'. */
export function registerAppSchemePrivileges(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // stream: lets <video>/media and large wasm responses be read progressively.
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

export function createAppRequestHandler(rendererDir: string, logger: Logger): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'unknown host');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    try {
      const result = await readStaticFile(rendererDir, url.pathname, RENDERER_RESPONSE_HEADERS);
      if (result.status >= 400) logger.warn(`refused ${url.pathname}: ${result.status} ${String(result.body)}`);
      return new Response(request.method === 'HEAD' ? null : (result.body as BodyInit), { status: result.status, headers: result.headers });
    } catch (error) {
      logger.error(`cannot serve ${url.pathname}`, error);
      return plain(500, 'internal error');
    }
  };
}

export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string, logger: Logger): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir, logger));
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...RENDERER_RESPONSE_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}
