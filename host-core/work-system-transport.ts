// The only road from a kiosk to its Work System: the configured base URL plus a §7 v1 path, a
// timeout, a cap on the answer's size, and no redirects followed (a redirect could lead anywhere).
// It never throws: every way of not getting an answer is a typed failure the sync engine handles.
import { workSystemRequestSchema, type WorkSystemRequest, type WorkSystemResponse } from '../shared/host/host-api';
import type { Logger } from './logger';

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

type Failure = Extract<WorkSystemResponse, { ok: false }>;

export interface WorkSystemTransportOptions {
  /** Read per request so a configuration change applies at once. */
  readonly getBaseUrl: () => Promise<string | null>;
  /** Node's fetch in the browser host; Electron's net.fetch in main (honours system proxies). */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  readonly maxResponseBytes?: number;
  readonly defaultTimeoutMs?: number;
  readonly logger: Logger;
}

export type WorkSystemTransport = (request: WorkSystemRequest, signal?: AbortSignal) => Promise<WorkSystemResponse>;

class ResponseTooLarge extends Error {}

/** Joins a base URL (which may carry a path prefix) and a v1 path; null if it leaves the base. */
export function workSystemUrl(baseUrl: string, path: string): URL | null {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return null;
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return null;
  if (base.username || base.password || base.search || base.hash) return null;
  const prefix = base.pathname.replace(/\/+$/, '');
  const target = new URL(`${prefix}${path}`, base.origin);
  if (target.origin !== base.origin || !target.pathname.startsWith(`${prefix}/v1/`)) return null;
  return target;
}

export function createWorkSystemTransport(options: WorkSystemTransportOptions): WorkSystemTransport {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const { logger } = options;

  return async function requestWorkSystem(rawRequest, signal) {
    const parsed = workSystemRequestSchema.safeParse(rawRequest);
    if (!parsed.success) return failure('REFUSED', 'not a Work System v1 request');
    const request = parsed.data;
    const baseUrl = await options.getBaseUrl();
    if (!baseUrl) return failure('NOT_CONFIGURED', 'no Work System URL is configured');
    const url = workSystemUrl(baseUrl, request.path);
    if (!url) return failure('REFUSED', 'the configured Work System URL is not usable');

    const controller = new AbortController();
    const timeoutMs = request.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });

    try {
      const headers: Record<string, string> = { accept: 'application/json, application/jose' };
      if (request.headers?.['if-none-match']) headers['if-none-match'] = request.headers['if-none-match'];
      if (request.method === 'POST') headers['content-type'] = request.headers?.['content-type'] ?? 'application/json';
      const response = await doFetch(url.href, {
        method: request.method,
        headers,
        body: request.method === 'POST' ? (request.body ?? '') : undefined,
        redirect: 'manual',
        signal: controller.signal,
        cache: 'no-store',
      });
      const body = await readCapped(response, maxBytes, controller);
      return {
        ok: true,
        status: response.status,
        etag: response.headers.get('etag'),
        contentType: response.headers.get('content-type'),
        body,
      };
    } catch (error) {
      if (error instanceof ResponseTooLarge) {
        logger.warn(`${request.method} ${url.pathname}: answer over ${maxBytes} bytes refused`);
        return failure('TOO_LARGE', `the Work System answer exceeded ${maxBytes} bytes`);
      }
      if (timedOut) return failure('TIMEOUT', `no answer from the Work System within ${timeoutMs} ms`);
      if (signal?.aborted) return failure('ABORTED', 'the request was cancelled');
      logger.warn(`${request.method} ${url.pathname}: ${describe(error)}`);
      return failure('OFFLINE', `the Work System cannot be reached (${describe(error)})`);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  };
}

async function readCapped(response: Response, maxBytes: number, controller: AbortController): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    controller.abort();
    throw new ResponseTooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let total = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function failure(kind: Failure['failure'], message: string): Failure {
  return { ok: false, failure: kind, message };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ? `${error.message}: ${cause.code}` : error.message;
  }
  return String(error);
}
